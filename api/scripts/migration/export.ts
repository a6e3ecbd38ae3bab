// npm run migrate:export — copies the old system's tables and storage buckets into an export folder.

import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { type CommandSpec, type FlagSpec, formatSummary, Progress, required, runCommand } from './cli.js'
import { paths, SOURCE_BUCKETS, SOURCE_TABLES, type SourceTable } from './layout.js'
import { NdjsonWriter } from './ndjson.js'

export const EXPORT_COMMAND = {
  name: 'migrate:export',
  summary:
    'Reads the old system: every listed table (in one consistent snapshot, page by page) and the\n' +
    'company-logos, interview-documents and recordings buckets from a local folder, into an export folder.',
  flags: {
    source: {
      type: 'string',
      description: 'the old Postgres database URL',
      env: 'MIGRATION_SOURCE_DATABASE_URL',
    },
    'buckets-dir': {
      type: 'string',
      description: 'folder holding one sub-folder per bucket (downloaded from the old storage)',
      env: 'MIGRATION_BUCKETS_DIR',
    },
    out: {
      type: 'string',
      description: 'the export folder to write',
      env: 'MIGRATION_DIR',
      default: './migration',
    },
    'page-size': { type: 'string', description: 'rows read per query', default: '5000' },
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

export type ExportOptions = {
  sourceUrl: string
  bucketsDir?: string
  outDir: string
  pageSize?: number
  dryRun?: boolean
  quiet?: boolean
}

export type ExportResult = {
  tables: Record<SourceTable, number>
  files: Record<string, { files: number; bytes: number }>
}

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const layout = paths(options.outDir)
  const pageSize = options.pageSize ?? 5000
  if (!options.dryRun) await mkdir(layout.tablesDir, { recursive: true })
  const client = new pg.Client({ connectionString: options.sourceUrl, options: '-c TimeZone=UTC' })
  await client.connect()
  const tables = {} as Record<SourceTable, number>
  try {
    const present = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [SOURCE_TABLES],
    )
    const missing = SOURCE_TABLES.filter((table) => !present.rows.some((row) => row.table_name === table))
    if (missing.length > 0) throw new Error(`the source database has no table ${missing.join(', ')}`)
    // One snapshot for every table: rows written while the export runs cannot split a relation.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    for (const table of SOURCE_TABLES) {
      const total = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)
      const progress = new Progress(`export ${table}`, total, process.stderr, options.quiet)
      const writer = options.dryRun ? null : new NdjsonWriter(layout.table(table))
      let after: string | null = null
      let count = 0
      // Keyset pages by primary key: each query is an index range, however deep into the table.
      for (;;) {
        const page: pg.QueryResult = await client.query(
          after === null
            ? `SELECT * FROM "${table}" ORDER BY id LIMIT $1`
            : `SELECT * FROM "${table}" WHERE id > $2 ORDER BY id LIMIT $1`,
          after === null ? [pageSize] : [pageSize, after],
        )
        for (const row of page.rows) await writer?.write(row)
        count += page.rows.length
        progress.tick(page.rows.length)
        if (page.rows.length < pageSize) break
        after = String(page.rows[page.rows.length - 1].id)
      }
      await writer?.close()
      progress.finish()
      tables[table] = count
    }
    await client.query('COMMIT')
  } finally {
    await client.end()
  }

  const files: ExportResult['files'] = {}
  const manifest = options.dryRun ? null : new NdjsonWriter(layout.files)
  for (const bucket of SOURCE_BUCKETS) {
    files[bucket] = { files: 0, bytes: 0 }
    const root = options.bucketsDir ? join(options.bucketsDir, bucket) : null
    const found = root ? await listFiles(root) : []
    const progress = new Progress(`export ${bucket}`, found.length, process.stderr, options.quiet)
    for (const file of found) {
      const path = relative(root as string, file)
        .split(sep)
        .join('/')
      const size = (await stat(file)).size
      const sha256 = await hashFile(file)
      if (!options.dryRun) {
        const target = layout.object(bucket, path)
        await mkdir(dirname(target), { recursive: true })
        await copyFile(file, target)
      }
      await manifest?.write({ bucket, path, size, sha256 })
      files[bucket].files += 1
      files[bucket].bytes += size
      progress.tick()
    }
    progress.finish()
  }
  await manifest?.close()
  if (!options.dryRun) {
    await writeFile(
      layout.exportReport,
      `${JSON.stringify({ exportedAt: new Date().toISOString(), tables, files }, null, 2)}\n`,
    )
  }
  return { tables, files }
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    },
  )
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export function describeExport(result: ExportResult, dryRun: boolean): string {
  const rows: Record<string, Record<string, number>> = {}
  for (const [table, count] of Object.entries(result.tables)) rows[table] = { rows: count }
  for (const [bucket, count] of Object.entries(result.files))
    rows[`bucket ${bucket}`] = { files: count.files, bytes: count.bytes }
  return formatSummary(dryRun ? 'export (dry run: nothing written)' : 'export', rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCommand(EXPORT_COMMAND, async (flags) => {
    const result = await runExport({
      sourceUrl: required(flags.source, 'source', 'MIGRATION_SOURCE_DATABASE_URL'),
      bucketsDir: flags.bucketsDir,
      outDir: flags.out ?? './migration',
      pageSize: Number(flags.pageSize),
      dryRun: flags.dryRun,
    })
    return { output: describeExport(result, flags.dryRun) }
  })
}
