// npm run migrate:verify — checks the new database against the export: counts, orphans, sample rows, checksums.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import type { ObjectStorage } from '../../src/providers/object-storage.js'
import { type CommandSpec, type FlagSpec, formatSummary, Progress, required, runCommand } from './cli.js'
import type { ExportResult } from './export.js'
import { LOAD_ORDER, paths, SOURCE_TABLES, type TargetModel } from './layout.js'
import { STORAGE_FLAGS, storageFromFlags } from './load.js'
import { countLines, inBatches, readNdjson } from './ndjson.js'
import type { TransformResult } from './transform.js'

export const VERIFY_COMMAND = {
  name: 'migrate:verify',
  summary:
    'Checks the migration: every source row exported and accounted for (mapped, merged or rejected), the\n' +
    'source unchanged since the export (with --source), every mapped row present in the new database,\n' +
    "no orphaned files or unset file references, sample rows equal field by field, every file's SHA-256\n" +
    "and every recording's size. Exits 1 on any mismatch.",
  flags: {
    target: { type: 'string', description: 'the new Postgres database URL', env: 'DATABASE_URL' },
    source: {
      type: 'string',
      description: 'the old database, to check nothing changed since the export',
      env: 'MIGRATION_SOURCE_DATABASE_URL',
    },
    dir: { type: 'string', description: 'the export folder', env: 'MIGRATION_DIR', default: './migration' },
    sample: { type: 'string', description: 'rows spot-checked per table', default: '25' },
    ...STORAGE_FLAGS,
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

export type Mismatch = { check: string; subject: string; detail: string }
export type VerifyResult = {
  models: Record<string, { expected: number; found: number; sampled: number }>
  files: { checked: number }
  recordings: { checked: number }
  mismatches: Mismatch[]
}

export async function runVerify(options: {
  targetUrl: string
  sourceUrl?: string
  dir: string
  sample?: number
  storage?: ObjectStorage | null
  quiet?: boolean
}): Promise<VerifyResult> {
  const layout = paths(options.dir)
  const sample = options.sample ?? 25
  const mismatches: Mismatch[] = []
  const result: VerifyResult = { models: {}, files: { checked: 0 }, recordings: { checked: 0 }, mismatches }
  const mismatch = (check: string, subject: string, detail: string) =>
    mismatches.push({ check, subject, detail })

  // ── Every source row accounted for ──
  const exported = JSON.parse(await readFile(layout.exportReport, 'utf8')) as ExportResult
  const transformed = JSON.parse(await readFile(layout.transformReport, 'utf8')) as TransformResult
  for (const table of SOURCE_TABLES) {
    const counts = transformed.tables[table]
    if (exported.tables[table] !== counts.read)
      mismatch('exported', table, `${exported.tables[table]} exported but ${counts.read} transformed`)
    if (counts.read !== counts.mapped + counts.merged + counts.rejected)
      mismatch(
        'accounted',
        table,
        `${counts.read} read but ${counts.mapped} mapped + ${counts.merged} merged + ${counts.rejected} rejected`,
      )
  }
  const objects = Object.values(exported.files).reduce((sum, bucket) => sum + bucket.files, 0)
  if (objects !== transformed.tables.files.read)
    mismatch('exported', 'files', `${objects} exported but ${transformed.tables.files.read} transformed`)
  if (transformed.tables.files.read !== transformed.tables.files.mapped + transformed.tables.files.rejected)
    mismatch('accounted', 'files', 'stored objects neither mapped nor rejected')
  const rejected = await countLines(layout.rejects)
  if (rejected !== transformed.rejects)
    mismatch('accounted', 'rejects.ndjson', `${rejected} lines, ${transformed.rejects} counted`)

  if (options.sourceUrl) {
    const source = new pg.Client({ connectionString: options.sourceUrl })
    await source.connect()
    try {
      for (const table of SOURCE_TABLES) {
        const now = Number((await source.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)
        if (now !== exported.tables[table])
          mismatch(
            'source unchanged',
            table,
            `${now} rows now, ${exported.tables[table]} exported: writes were not frozen`,
          )
      }
    } finally {
      await source.end()
    }
  }

  const client = new pg.Client({ connectionString: options.targetUrl, options: '-c TimeZone=UTC' })
  await client.connect()
  try {
    // ── Counts, and sample rows field by field ──
    for (const model of LOAD_ORDER) {
      const file = layout.model(model)
      const expected = await countLines(file)
      const every = Math.max(1, Math.floor(expected / Math.max(1, sample)))
      const counts = { expected, found: 0, sampled: 0 }
      result.models[model] = counts
      const progress = new Progress(`verify ${model}`, expected, process.stderr, options.quiet)
      let index = 0
      for await (const batch of inBatches(readNdjson<Record<string, unknown>>(file), 5000)) {
        const found = await client.query(
          `SELECT count(*)::int AS n FROM "${model}" WHERE id = ANY($1::text[])`,
          [batch.map((row) => row.id)],
        )
        counts.found += found.rows[0].n as number
        for (const row of batch) {
          if (index++ % every !== 0 || counts.sampled >= sample) continue
          counts.sampled += 1
          const stored = await client.query(`SELECT row_to_json(t) AS row FROM "${model}" t WHERE id = $1`, [
            row.id,
          ])
          const target = stored.rows[0]?.row as Record<string, unknown> | undefined
          if (!target) continue
          for (const [field, value] of Object.entries(row)) {
            if (field === 'source') continue
            if (!sameValue(value, target[field]))
              mismatch(
                'sample row',
                `${model} ${String(row.id)}`,
                `${field}: expected ${JSON.stringify(value)}, found ${JSON.stringify(target[field])}`,
              )
          }
        }
        progress.tick(batch.length)
      }
      progress.finish()
      if (counts.found !== expected) mismatch('count', model, `${expected} expected, ${counts.found} found`)
    }

    // ── File contents and references ──
    const progress = new Progress(
      'verify file checksums',
      result.models.File?.expected ?? 0,
      process.stderr,
      options.quiet,
    )
    for await (const batch of inBatches(
      readNdjson<{ id: string; source: { sha256: string; path: string } }>(layout.model('File')),
      200,
    )) {
      const stored = await client.query<{ id: string; sha256: string }>(
        `SELECT id, encode(sha256(data), 'hex') AS sha256 FROM "File" WHERE id = ANY($1::text[])`,
        [batch.map((row) => row.id)],
      )
      const sums = new Map(stored.rows.map((row) => [row.id, row.sha256]))
      for (const row of batch) {
        result.files.checked += 1
        const sum = sums.get(row.id)
        if (sum && sum !== row.source.sha256)
          mismatch('checksum', row.source.path, `SHA-256 ${sum}, expected ${row.source.sha256}`)
      }
      progress.tick(batch.length)
    }
    progress.finish()
    for await (const link of readNdjson<{ model: TargetModel; id: string; column: string; fileId: string }>(
      layout.model('FileLink'),
    )) {
      const stored = await client.query(
        `SELECT "${link.column}" AS value FROM "${link.model}" WHERE id = $1`,
        [link.id],
      )
      if (stored.rows[0] && stored.rows[0].value === null)
        mismatch('file reference', `${link.model} ${link.id}`, `${link.column} is not set`)
    }
    const migratedFiles: string[] = []
    for await (const row of readNdjson<{ id: string }>(layout.model('File'))) migratedFiles.push(row.id)
    const orphans = await client.query<{ id: string; name: string }>(
      `SELECT f.id, f.name FROM "File" f
        WHERE f.id = ANY($1::text[]) AND f."interviewId" IS NULL AND f."jobApplicationId" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "RecruiterProfile" p WHERE p."logoFileId" = f.id)
          AND NOT EXISTS (SELECT 1 FROM "CandidateProfile" c WHERE c."resumeFileId" = f.id)`,
      [migratedFiles],
    )
    for (const orphan of orphans.rows)
      mismatch(
        'orphan',
        `File ${orphan.id}`,
        `${orphan.name} belongs to no profile, interview or application`,
      )

    // ── Recordings: referenced and stored at their size ──
    for await (const recording of readNdjson<{ interviewId: string; key: string; size: number }>(
      layout.model('Recording'),
    )) {
      result.recordings.checked += 1
      const stored = await client.query(`SELECT "recordingGcsKey" AS key FROM "Interview" WHERE id = $1`, [
        recording.interviewId,
      ])
      if (stored.rows[0]?.key !== recording.key)
        mismatch(
          'recording',
          recording.interviewId,
          `recordingGcsKey is ${JSON.stringify(stored.rows[0]?.key)}`,
        )
      if (!options.storage) {
        mismatch('recording', recording.key, 'no Cloud Storage configured to check it (--gcs-credentials)')
        continue
      }
      const object = await options.storage.statObject(recording.key)
      if (!object || object.size !== recording.size)
        mismatch(
          'recording',
          recording.key,
          `stored ${object ? `${object.size} bytes` : 'nothing'}, expected ${recording.size} bytes`,
        )
    }
  } finally {
    await client.end()
  }
  if (!existsSync(layout.reinvites)) mismatch('links', 'reinvites.csv', 'missing: run migrate:links')
  return result
}

/** A transformed value against what Postgres returns as JSON (timestamps without a zone, in UTC). */
function sameValue(expected: unknown, found: unknown): boolean {
  if (expected === null || expected === undefined) return found === null || found === undefined
  if (
    typeof expected === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(expected) &&
    typeof found === 'string'
  ) {
    return (
      new Date(expected).getTime() ===
      new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(found) ? found : `${found}Z`).getTime()
    )
  }
  return JSON.stringify(expected) === JSON.stringify(found)
}

export function describeVerify(result: VerifyResult): string {
  const lines = [
    formatSummary('verify', result.models),
    '',
    `file checksums: ${result.files.checked}   recordings: ${result.recordings.checked}`,
  ]
  for (const item of result.mismatches.slice(0, 50))
    lines.push(`MISMATCH ${item.check}: ${item.subject}: ${item.detail}`)
  if (result.mismatches.length > 50) lines.push(`… and ${result.mismatches.length - 50} more`)
  lines.push(
    result.mismatches.length === 0 ? 'verified: no mismatch' : `${result.mismatches.length} mismatch(es)`,
  )
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCommand(VERIFY_COMMAND, async (flags) => {
    const result = await runVerify({
      targetUrl: required(flags.target, 'target', 'DATABASE_URL'),
      sourceUrl: flags.source,
      dir: flags.dir ?? './migration',
      sample: Number(flags.sample),
      storage: storageFromFlags(flags),
    })
    return { output: describeVerify(result), exitCode: result.mismatches.length === 0 ? 0 : 1 }
  })
}
