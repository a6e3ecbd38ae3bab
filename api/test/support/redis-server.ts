import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { withTimeout } from '../../src/lib/async.js'
import { getFreePort } from './free-port.js'

export type TestRedisServer = {
  url: string
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as on a stalled host. */
  pause(): void
  resume(): void
  stop(): Promise<void>
}

/** A redis-server of the test's own, on a free port, that it may freeze without touching the shared one. */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await getFreePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const probe = new Redis(port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null })
  probe.on('error', () => undefined)
  try {
    await withTimeout(probe.ping(), 10_000, `redis-server on port ${port}`)
  } finally {
    probe.disconnect()
  }
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(name)
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async stop() {
      signal('SIGCONT')
      signal('SIGTERM')
      await exited
    },
  }
}
