import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServer } from '../scripts/build-server.js'
import { getFreePort } from '../test/support/free-port.js'
import type { Benchmark } from './benchmarks.js'
import { percentile, rssOf, spread } from './support/measure.js'
import type { BenchStack } from './support/stack.js'

const ROUNDS = 5
const IDLE_MS = 5_000
/** Inside api/, so the bundles find the packages they leave external in api/node_modules. */
const BUILD_DIR = fileURLToPath(new URL('../node_modules/.cache/vantahire-bench/', import.meta.url))

type Start = { readyMs: number; rssAtReadyMb: number; rssIdleMb: number }

/**
 * Starts `entry` with plain `node` and the production environment, polls `probe` every 5 ms until it
 * answers 200, reads the process's resident memory then and after IDLE_MS without traffic, and stops it.
 */
async function timeStart(entry: string, env: Record<string, string>, probe: string): Promise<Start> {
  const port = await getFreePort()
  const startedAt = performance.now()
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${entry} exited before it was ready:\n${stderr}`)
      if (performance.now() - startedAt > 30_000)
        throw new Error(`${entry} was not ready within 30 s:\n${stderr}`)
      const answer = await fetch(`http://127.0.0.1:${port}${probe}`).catch(() => undefined)
      if (answer?.status === 200) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const readyMs = performance.now() - startedAt
    const rssAtReadyMb = rssOf(child.pid as number)
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
    return { readyMs, rssAtReadyMb, rssIdleMb: rssOf(child.pid as number) }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

/** The API's production environment on the bench's database and Redis prefix. */
async function productionEnv(stack: BenchStack, spaRoot: string): Promise<Record<string, string>> {
  const { config } = stack.services
  return {
    NODE_ENV: 'production',
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    APP_SECRET: randomBytes(32).toString('base64url'),
    API_URL: 'http://127.0.0.1',
    FRONTEND_URL: 'http://127.0.0.1',
    SPA_DIST_DIR: spaRoot,
    LOG_LEVEL: 'warn',
  }
}

/**
 * The production server (`npm run build`'s dist/server.js, started as `npm start` starts it) against a
 * bare Hono app bundled the same way: time from spawn to the first 200 from `/ready` (Postgres and
 * Redis answered), resident memory then and after five idle seconds.
 */
export const benchmarkStartUp: Benchmark = {
  name: 'start-up',
  description: `${ROUNDS} starts of each, one after another; median and min–max.`,
  async run(stack) {
    await mkdir(BUILD_DIR, { recursive: true })
    const { outfile: server } = await buildServer({ outfile: join(BUILD_DIR, 'server.js') })
    const { outfile: bare } = await buildServer({
      entry: fileURLToPath(new URL('./support/bare-hono.ts', import.meta.url)),
      outfile: join(BUILD_DIR, 'bare-hono.js'),
    })
    const spaRoot = await mkdtemp(join(tmpdir(), 'vantahire-spa-'))
    await writeFile(join(spaRoot, 'index.html'), '<!doctype html><title>VantaHire</title>')
    await writeFile(join(spaRoot, 'interview.html'), '<!doctype html><title>Interview</title>')
    try {
      const env = await productionEnv(stack, spaRoot)
      const api: Start[] = []
      const reference: Start[] = []
      for (let round = 0; round < ROUNDS; round++) {
        api.push(await timeStart(server, env, '/ready'))
        reference.push(await timeStart(bare, { NODE_ENV: 'production' }, '/health'))
      }
      const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`)
      row(['process', 'spawn → ready', 'RSS at ready', `RSS after ${IDLE_MS / 1000} s idle`])
      row(['---', '---', '---', '---'])
      for (const [name, starts] of [
        ['VantaHire API (dist/server.js)', api],
        ['bare Hono (bundled the same way)', reference],
      ] as const) {
        row([
          name,
          spread(
            starts.map((start) => start.readyMs),
            ' ms',
            0,
          ),
          spread(
            starts.map((start) => start.rssAtReadyMb),
            ' MB',
            1,
          ),
          spread(
            starts.map((start) => start.rssIdleMb),
            ' MB',
            1,
          ),
        ])
      }
      const median = (starts: Start[], key: keyof Start) =>
        percentile(
          starts.map((start) => start[key]),
          50,
        )
      console.log(
        `\nThe API is ready in ${(median(api, 'readyMs') / median(reference, 'readyMs')).toFixed(1)}× bare Hono's start-up time and idles at ${(median(api, 'rssIdleMb') / median(reference, 'rssIdleMb')).toFixed(1)}× its memory. Targets: ready under 600 ms, idle RSS under 120 MB (background jobs on, as in production).\n`,
      )
    } finally {
      await rm(spaRoot, { recursive: true, force: true })
    }
  },
}
