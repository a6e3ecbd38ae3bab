// npm run bench:migration — how fast the migration loads interview messages, and whether its memory
// stays flat as they grow: for each size, a realistic old system with that many extra messages is
// exported and transformed, then `migrate:load` runs in a process of its own, which reports its wall
// time and peak resident memory. Figures only; nothing asserted. Sizes: npm run bench:migration -- 10000 100000
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runExport } from '../scripts/migration/export.js'
import { buildLegacyFixture } from '../scripts/migration/rehearsal-fixture.js'
import { runTransform } from '../scripts/migration/transform.js'
import { loadConfig } from '../src/infra/config.js'
import {
  API_ROOT,
  applyMigrations,
  dropDatabase,
  ensureDatabase,
  withDatabase,
} from '../src/infra/migrations.js'
import { FakeGcsServer } from '../test/fakes/gcs-server.js'

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((size) => size > 0)
const server = loadConfig({ ...process.env, NODE_ENV: 'test' }).DATABASE_URL
const gcs = await FakeGcsServer.start()

console.log(`VantaHire migration load — node ${process.version}, ${new Date().toISOString()}\n`)
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  const suffix = randomBytes(4).toString('hex')
  const sourceUrl = withDatabase(server, `vantahire_legacy_bench_${suffix}`)
  const targetUrl = withDatabase(server, `vantahire_bench_migration_${suffix}`)
  const dir = await mkdtemp(join(tmpdir(), 'vantahire-bench-migration-'))
  try {
    await ensureDatabase(sourceUrl)
    await ensureDatabase(targetUrl)
    await applyMigrations({ databaseUrl: targetUrl })
    await buildLegacyFixture({ sourceUrl, bucketsDir: join(dir, 'buckets'), extraMessages: size })
    await runExport({ sourceUrl, bucketsDir: join(dir, 'buckets'), outDir: join(dir, 'export'), quiet: true })
    await runTransform({ dir: join(dir, 'export'), quiet: true })
    for (const run of ['first', 'second']) {
      const figures = await loadInChild(targetUrl, join(dir, 'export'))
      console.log(
        `${size} extra messages, ${run} load: ${figures.rows} rows, ${figures.changes} changes, ` +
          `${figures.seconds.toFixed(1)} s (${Math.round(figures.rows / figures.seconds)} rows/s), peak RSS ${figures.maxRssMb} MB`,
      )
    }
  } finally {
    await dropDatabase(sourceUrl)
    await dropDatabase(targetUrl)
    await rm(dir, { recursive: true, force: true })
  }
}
await gcs.stop()
process.exit(0)

function loadInChild(
  targetUrl: string,
  dir: string,
): Promise<{ rows: number; changes: number; seconds: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(API_ROOT, 'node_modules/.bin/tsx'),
      [
        'bench/support/migration-load-child.ts',
        targetUrl,
        dir,
        gcs.baseUrl,
        JSON.stringify(gcs.serviceAccount),
      ],
      {
        cwd: API_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split('\n').pop() ?? '{}'))
        : reject(new Error(`load exited ${code}`)),
    )
  })
}
