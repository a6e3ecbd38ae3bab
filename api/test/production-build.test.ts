import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildServer } from '../scripts/build-server.js'
import { API_ROOT } from '../src/infra/migrations.js'
import { getFreePort } from './support/free-port.js'

/**
 * What `npm run build` makes and `npm start` runs: the whole server bundled into dist/server.js.
 * Built here into a folder of its own inside api/, so that the packages it leaves outside resolve
 * from api/node_modules as they do in production.
 */
describe('the production build', () => {
  const buildDir = join(API_ROOT, 'node_modules/.cache/vantahire-test', randomBytes(6).toString('hex'))
  let bundle = ''
  let imports: Metafile['outputs'][string]['imports'] = []
  let spaRoot = ''
  let child: ChildProcess | undefined
  let base = ''
  let stderr = ''

  beforeAll(async () => {
    await mkdir(buildDir, { recursive: true })
    const { outfile, metafile } = await buildServer({ outfile: join(buildDir, 'server.js') })
    bundle = await readFile(outfile, 'utf8')
    imports = Object.values(metafile.outputs).flatMap((output) => output.imports)
    spaRoot = await mkdtemp(join(tmpdir(), 'vantahire-spa-'))
    await writeFile(join(spaRoot, 'index.html'), '<!doctype html><title>VantaHire app</title>')
    await writeFile(join(spaRoot, 'interview.html'), '<!doctype html><title>VantaHire interview</title>')
    const port = await getFreePort()
    child = spawn(process.execPath, [join(buildDir, 'server.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
        APP_SECRET: randomBytes(32).toString('base64url'),
        API_URL: `http://127.0.0.1:${port}`,
        FRONTEND_URL: `http://127.0.0.1:${port}`,
        SPA_DIST_DIR: spaRoot,
        CRON_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    base = `http://127.0.0.1:${port}`
    // Refused until it listens; a process that stops instead fails here with what it printed.
    for (let answer: Response | undefined; answer?.status !== 200; ) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
      answer = await fetch(`${base}/ready`).catch(() => undefined)
    }
  }, 60_000)

  afterAll(async () => {
    child?.kill('SIGKILL')
    await rm(buildDir, { recursive: true, force: true })
    if (spaRoot) await rm(spaRoot, { recursive: true, force: true })
  })

  it('is one file that leaves the rarely used packages, the query compiler and the migration engine out of start-up', () => {
    const outside = (kind: string) =>
      new Set(
        imports
          .filter((entry) => entry.external && entry.kind === kind && !isBuiltin(entry.path))
          .map((entry) => entry.path),
      )
    // Nothing comes from outside the bundle when the server starts; what does is imported when first used.
    expect(outside('import-statement')).toEqual(new Set())
    expect(outside('dynamic-import')).toEqual(
      new Set([
        '@google-cloud/storage',
        'mammoth',
        'unpdf',
        '@prisma/client/runtime/query_compiler_small_bg.postgresql.mjs',
        '@prisma/client/runtime/query_compiler_small_bg.postgresql.wasm-base64.mjs',
      ]),
    )
    expect(bundle).not.toContain('schema-engine')
    // One byte a character: V8 keeps the source in half the memory.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, by design
    expect(/[^\x00-\x7f]/.test(bundle)).toBe(false)
  })

  it('serves the API, its reference, the SPA and the database', async () => {
    const health = await fetch(`${base}/health`)
    expect(health.status).toBe(200)
    const ready = await fetch(`${base}/ready`)
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } })

    const jobs = await fetch(`${base}/api/public/jobs?limit=5`)
    expect(jobs.status, stderr).toBe(200)
    expect(await jobs.json()).toMatchObject({ items: expect.any(Array) })

    // The reference's browser bundle is read from node_modules beside the server.
    const scalar = await fetch(`${base}/api/docs/scalar.js`)
    expect(scalar.status, stderr).toBe(200)
    expect((await scalar.text()).length).toBeGreaterThan(100_000)

    const page = await fetch(`${base}/jobs`)
    expect(await page.text()).toContain('VantaHire app')
    const interview = await fetch(`${base}/interview/abc`)
    expect(await interview.text()).toContain('VantaHire interview')
  })

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve))
    child?.kill('SIGTERM')
    expect(await exited, stderr).toBe(0)
  })
})
