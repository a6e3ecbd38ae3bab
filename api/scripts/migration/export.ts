// npm run migrate:export — copies the old system's tables and storage buckets into an export folder.

import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import {
  type CommandSpec,
  type FlagSpec,
  formatSummary,
  Progress,
  required,
  runCommand,
  UsageError,
} from './cli.js'
import { paths, SOURCE_BUCKETS, SOURCE_TABLES, type SourceTable } from './layout.js'
import { NdjsonWriter } from './ndjson.js'
import { listS3Objects, readS3Object, type S3Source } from './s3-source.js'

export const EXPORT_COMMAND = {
  name: 'migrate:export',
  summary:
    'Reads the old system: every listed table (in one consistent snapshot, page by page) and the\n' +
    'company-logos, interview-documents and recordings buckets from a local folder or an S3-compatible\n' +
    'endpoint, into an export folder.',
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
    's3-endpoint': {
      type: 'string',
      description:
        'read the buckets from this S3-compatible endpoint instead (path-style, e.g. https://<project>.supabase.co/storage/v1/s3)',
      env: 'MIGRATION_S3_ENDPOINT',
    },
    's3-region': {
      type: 'string',
      description: "the endpoint's region",
      env: 'MIGRATION_S3_REGION',
      default: 'us-east-1',
    },
    's3-access-key-id': {
      type: 'string',
      description: 'S3 access key id',
      env: 'MIGRATION_S3_ACCESS_KEY_ID',
    },
    's3-secret-access-key': {
      type: 'string',
      description: 'S3 secret access key',
      env: 'MIGRATION_S3_SECRET_ACCESS_KEY',
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
  /** Read the buckets from an S3-compatible endpoint instead of a folder. */
  s3?: S3Source
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
  const source = bucketSource(options)
  for (const bucket of SOURCE_BUCKETS) {
    files[bucket] = { files: 0, bytes: 0 }
    const found: { path: string; size: number }[] = []
    for await (const object of source.list(bucket)) found.push(object)
    const progress = new Progress(`export ${bucket}`, found.length, process.stderr, options.quiet)
    for (const object of found) {
      let size = object.size
      if (!options.dryRun) {
        const target = layout.object(bucket, object.path)
        await mkdir(dirname(target), { recursive: true })
        const hash = createHash('sha256')
        let copied = 0
        await pipeline(
          await source.open(bucket, object.path),
          new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              hash.update(chunk)
              copied += chunk.length
              callback(null, chunk)
            },
          }),
          createWriteStream(target),
        )
        size = copied
        await manifest?.write({ bucket, path: object.path, size, sha256: hash.digest('hex') })
      }
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

type BucketSource = {
  list(bucket: string): AsyncIterable<{ path: string; size: number }>
  open(bucket: string, path: string): Promise<Readable>
}

/** The buckets from an S3-compatible endpoint, from a local folder, or none at all. */
function bucketSource(options: ExportOptions): BucketSource {
  const { s3, bucketsDir } = options
  if (s3 && bucketsDir) throw new UsageError('give either --buckets-dir or --s3-endpoint, not both')
  if (s3) {
    return {
      async *list(bucket) {
        for await (const object of listS3Objects(s3, bucket)) yield { path: object.key, size: object.size }
      },
      open: (bucket, path) => readS3Object(s3, bucket, path),
    }
  }
  return {
    async *list(bucket) {
      if (!bucketsDir) return
      const root = join(bucketsDir, bucket)
      for (const file of await listFiles(root)) {
        yield { path: relative(root, file).split(sep).join('/'), size: (await stat(file)).size }
      }
    },
    open: async (bucket, path) => createReadStream(join(bucketsDir as string, bucket, ...path.split('/'))),
  }
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
      s3: flags.s3Endpoint
        ? {
            endpoint: flags.s3Endpoint,
            region: flags.s3Region ?? 'us-east-1',
            accessKeyId: required(flags.s3AccessKeyId, 's3-access-key-id', 'MIGRATION_S3_ACCESS_KEY_ID'),
            secretAccessKey: required(
              flags.s3SecretAccessKey,
              's3-secret-access-key',
              'MIGRATION_S3_SECRET_ACCESS_KEY',
            ),
          }
        : undefined,
      outDir: flags.out ?? './migration',
      pageSize: Number(flags.pageSize),
      dryRun: flags.dryRun,
    })
    return { output: describeExport(result, flags.dryRun) }
  })
}
