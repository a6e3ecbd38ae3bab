// npm run migrate:rehearse — the whole migration, twice, on a realistic copy of the old system.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadDotEnv } from '../../src/infra/env-file.js'
import { applyMigrations, dropDatabase, ensureDatabase, withDatabase } from '../../src/infra/migrations.js'
import { createGcsObjectStorage } from '../../src/providers/object-storage.js'
import { FakeGcsServer } from '../../test/fakes/gcs-server.js'
import { type CommandSpec, type FlagSpec, runCommand } from './cli.js'
import { describeExport, runExport } from './export.js'
import { describeLinks, runLinks } from './links.js'
import { describeLoad, runLoad, STORAGE_FLAGS, storageFromFlags } from './load.js'
import { buildLegacyFixture } from './rehearsal-fixture.js'
import { describeTransform, runTransform } from './transform.js'
import { describeVerify, runVerify } from './verify.js'

export const REHEARSE_COMMAND = {
  name: 'migrate:rehearse',
  summary:
    'Builds a realistic old-system database and bucket folder, runs export, transform, load, links and\n' +
    'verify against a scratch database, then all of it again, and prints one line with the outcome.\n' +
    'Recordings go to the Cloud Storage named by the GCS flags, or to a local stand-in when none is set.',
  flags: {
    server: {
      type: 'string',
      description: 'a Postgres URL; the rehearsal creates (and drops) two scratch databases on its server',
      env: 'DATABASE_URL',
      default: 'postgresql://postgres@127.0.0.1:5432/vantahire',
    },
    messages: {
      type: 'string',
      description: 'extra interview messages to add (load measurements)',
      default: '0',
    },
    keep: { type: 'boolean', description: 'keep the scratch databases and folder afterwards' },
    ...STORAGE_FLAGS,
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

export type RehearsalResult = {
  tables: number
  rows: number
  files: number
  rejects: number
  mismatches: number
  secondRunChanges: number
  seconds: number
  steps: Record<string, number>
  peakRssMb: number
  report: string
}

export async function rehearse(options: {
  serverUrl: string
  extraMessages?: number
  keep?: boolean
  gcs?: Parameters<typeof storageFromFlags>[0]
  quiet?: boolean
}): Promise<RehearsalResult> {
  const started = Date.now()
  const suffix = randomBytes(4).toString('hex')
  const sourceUrl = withDatabase(options.serverUrl, `vantahire_legacy_rehearsal_${suffix}`)
  const targetUrl = withDatabase(options.serverUrl, `vantahire_rehearsal_${suffix}`)
  const workDir = await mkdtemp(join(tmpdir(), 'vantahire-rehearsal-'))
  const bucketsDir = join(workDir, 'buckets-source')
  const exportDir = join(workDir, 'export')
  const fake = options.gcs?.gcsCredentials ? null : await FakeGcsServer.start()
  const storage = fake
    ? createGcsObjectStorage({
        bucket: 'vantahire-videos-rehearsal',
        credentials: fake.serviceAccount,
        apiEndpoint: fake.baseUrl,
      })
    : storageFromFlags(options.gcs ?? {})
  const report: string[] = []
  const steps: Record<string, number> = {}
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 50)
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const begin = Date.now()
    const value = await work()
    steps[name] = (steps[name] ?? 0) + (Date.now() - begin) / 1000
    return value
  }
  try {
    await ensureDatabase(sourceUrl)
    await ensureDatabase(targetUrl)
    await applyMigrations({ databaseUrl: targetUrl })
    const fixture = await timed('build old system', () =>
      buildLegacyFixture({ sourceUrl, bucketsDir, extraMessages: options.extraMessages }),
    )
    let secondRunChanges = 0
    let mismatches = 0
    let rejects = 0
    let tables = 0
    for (const run of [1, 2]) {
      report.push(`── run ${run} ──`)
      const exported = await timed('export', () =>
        runExport({ sourceUrl, bucketsDir, outDir: exportDir, quiet: options.quiet }),
      )
      report.push(describeExport(exported, false))
      const transformed = await timed('transform', () =>
        runTransform({ dir: exportDir, quiet: options.quiet }),
      )
      report.push(describeTransform(transformed, false))
      const loaded = await timed('load', () =>
        runLoad({ targetUrl, dir: exportDir, storage, quiet: options.quiet }),
      )
      report.push(describeLoad(loaded, false))
      const linked = await timed('links', () =>
        runLinks({ targetUrl, dir: exportDir, frontendUrl: 'http://localhost:5173', quiet: options.quiet }),
      )
      report.push(describeLinks(linked, false))
      const verified = await timed('verify', () =>
        runVerify({ targetUrl, sourceUrl, dir: exportDir, storage, quiet: options.quiet }),
      )
      report.push(describeVerify(verified))
      mismatches = Math.max(mismatches, verified.mismatches.length)
      rejects = transformed.rejects
      tables = Object.keys(exported.tables).length
      if (run === 2) secondRunChanges = loaded.changes + linked.created
    }
    if (options.keep)
      report.push(`kept: old database ${sourceUrl}, new database ${targetUrl}, folder ${workDir}`)
    return {
      tables,
      rows: fixture.rows,
      files: fixture.files,
      rejects,
      mismatches,
      secondRunChanges,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      steps,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      report: report.join('\n\n'),
    }
  } finally {
    clearInterval(sampler)
    await fake?.stop()
    if (!options.keep) {
      await dropDatabase(sourceUrl)
      await dropDatabase(targetUrl)
      await rm(workDir, { recursive: true, force: true })
    }
  }
}

export function rehearsalLine(result: RehearsalResult): string {
  return `migration rehearsal: tables=${result.tables} rows=${result.rows} files=${result.files} rejects=${result.rejects} mismatches=${result.mismatches} second_run_changes=${result.secondRunChanges} seconds=${result.seconds}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadDotEnv()
  await runCommand(REHEARSE_COMMAND, async (flags) => {
    const result = await rehearse({
      serverUrl: flags.server ?? 'postgresql://postgres@127.0.0.1:5432/vantahire',
      extraMessages: Number(flags.messages),
      keep: flags.keep,
      gcs: flags,
    })
    const timings = Object.entries(result.steps)
      .map(([step, seconds]) => `${step} ${seconds.toFixed(1)}s`)
      .join(', ')
    return {
      output: `${result.report}\n\nsteps (both runs): ${timings}; peak memory ${result.peakRssMb} MB\n${rehearsalLine(result)}`,
      exitCode: result.mismatches === 0 && result.secondRunChanges === 0 ? 0 : 1,
    }
  })
}
