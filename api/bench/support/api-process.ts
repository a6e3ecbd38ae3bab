// The API started as `src/index.ts` starts it (buildServices, then startServer), in a process of its
// own: `startApiProcess` (stack.ts) forks this file for benchmarks whose clients and fakes must not
// share the server's CPU or be counted in its memory. Configuration comes from the environment the
// parent passes; the parent talks to it over the IPC channel.
import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { startServer } from '../../src/server.js'

export type ApiProcessRequest = { kind: 'stop' } | { kind: 'usage' }
export type ApiProcessReply =
  | { kind: 'listening'; url: string }
  | { kind: 'usage'; rssBytes: number; cpuMs: number }

const send = (message: ApiProcessReply) => process.send?.(message)

const services = buildServices(loadConfig(), { logger: createLogger({ level: 'warn' }) })
const server = await startServer(services, { port: 0, host: '127.0.0.1' })

process.on('message', (message: ApiProcessRequest) => {
  if (message.kind === 'usage') {
    const cpu = process.cpuUsage()
    send({ kind: 'usage', rssBytes: process.memoryUsage.rss(), cpuMs: (cpu.user + cpu.system) / 1000 })
  }
  if (message.kind === 'stop')
    void (async () => {
      await server.close()
      await closeServices(services)
      // process.exit, not a natural end, so that `--cpu-prof` writes its profile on the way out.
      process.exit(0)
    })()
})
// The benchmark went away without stopping us (killed, crashed): nobody needs this server any more.
process.on('disconnect', () => process.exit(1))
send({ kind: 'listening', url: server.url })
