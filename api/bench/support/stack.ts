import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices, type Services } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { createRedisKeyPrefix, createTestDatabase } from '../../test/support/database.js'
import { deleteRedisKeys } from '../../test/support/redis.js'
import type { ApiProcessReply, ApiProcessRequest } from './api-process.js'

export type BenchStack = { services: Services; server: RunningServer; stop(): Promise<void> }

/** The API as it runs in production, on a throw-away database and Redis prefix. */
export async function startBenchStack(): Promise<BenchStack> {
  const database = await createTestDatabase('bench')
  const redisKeyPrefix = createRedisKeyPrefix('bench')
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
  })
  const services = buildServices(config, { logger: createLogger({ level: 'warn' }) })
  const server = await startServer(services, { port: 0, host: '127.0.0.1' })
  return {
    services,
    server,
    async stop() {
      await server.close()
      await closeServices(services)
      await database.drop()
      await deleteRedisKeys(redisKeyPrefix)
    },
  }
}

export type ApiProcess = {
  url: string
  pid: number
  /** The process's resident memory and the CPU time it has used so far, as it reports them itself. */
  readUsage(): Promise<{ rssBytes: number; cpuMs: number }>
  stop(): Promise<void>
}

/**
 * The API as `src/index.ts` runs it, in a child process on the stack's database and Redis prefix,
 * for benchmarks whose load generator must not share the server's CPU or memory. `env` adds to the
 * configuration (a language model, say); `execArgv` goes to its node (`--cpu-prof`, say).
 */
export async function startApiProcess(
  stack: BenchStack,
  options: { env?: Record<string, string>; execArgv?: string[] } = {},
): Promise<ApiProcess> {
  const child = fork(fileURLToPath(new URL('./api-process.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: stack.services.config.DATABASE_URL,
      REDIS_KEY_PREFIX: stack.services.config.REDIS_KEY_PREFIX,
      ...options.env,
    },
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const next = <K extends ApiProcessReply['kind']>(kind: K) =>
    new Promise<Extract<ApiProcessReply, { kind: K }>>((resolve, reject) => {
      const onMessage = (message: ApiProcessReply) => {
        if (message.kind !== kind) return
        child.off('message', onMessage)
        resolve(message as Extract<ApiProcessReply, { kind: K }>)
      }
      child.on('message', onMessage)
      void exited.then((code) => reject(new Error(`the API process exited (${code}) before "${kind}"`)))
    })
  const { url } = await next('listening')
  const request = (message: ApiProcessRequest) => child.send(message)
  return {
    url,
    pid: child.pid as number,
    async readUsage() {
      const reply = next('usage')
      request({ kind: 'usage' })
      const { rssBytes, cpuMs } = await reply
      return { rssBytes, cpuMs }
    },
    async stop() {
      if (child.exitCode !== null) return
      request({ kind: 'stop' })
      await exited
    },
  }
}
