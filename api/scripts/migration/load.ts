// npm run migrate:load — loads the transformed rows, files and recordings into VantaHire's database.
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { createGcsObjectStorage, type ObjectStorage } from '../../src/providers/object-storage.js'
import {
  type CommandSpec,
  type FlagSpec,
  formatSummary,
  Progress,
  required,
  runCommand,
  UsageError,
} from './cli.js'
import { LOAD_ORDER, paths, type TargetModel } from './layout.js'
import { countLines, inBatches, NdjsonWriter, readNdjson } from './ndjson.js'

export const STORAGE_FLAGS = {
  'gcs-credentials': {
    type: 'string',
    description: 'Cloud Storage service account key, JSON or base64 JSON',
    env: 'GCS_CREDENTIALS',
  },
  'gcs-bucket': {
    type: 'string',
    description: 'bucket for recordings',
    env: 'GCS_BUCKET_NAME',
    default: 'vantahire-videos',
  },
  'gcs-project': { type: 'string', description: 'Cloud Storage project id', env: 'GCS_PROJECT_ID' },
  'gcs-endpoint': {
    type: 'string',
    description: 'another Cloud Storage endpoint (an emulator)',
    env: 'GCS_API_ENDPOINT',
  },
} as const

export const LOAD_COMMAND = {
  name: 'migrate:load',
  summary:
    'Loads the transformed export into the new database in dependency order, in batches, each batch in\n' +
    'one transaction; logos and documents into File, recordings into Cloud Storage. Rows already there\n' +
    '(by id) are left alone, so a second run changes nothing and says so. --dry-run does it all in one\n' +
    'transaction that is rolled back, and uploads nothing.',
  flags: {
    target: { type: 'string', description: 'the new Postgres database URL', env: 'DATABASE_URL' },
    dir: { type: 'string', description: 'the export folder', env: 'MIGRATION_DIR', default: './migration' },
    'batch-size': { type: 'string', description: 'rows per transaction', default: '1000' },
    ...STORAGE_FLAGS,
  },
} as const satisfies CommandSpec<Record<string, FlagSpec>>

export type LoadCounts = { rows: number; inserted: number; present: number; conflicts: number }
export type LoadResult = {
  models: Record<string, LoadCounts>
  links: { planned: number; set: number }
  recordings: { planned: number; uploaded: number; present: number; linked: number }
  /** Rows inserted, references set and objects uploaded: zero on a second run. */
  changes: number
}

export type LoadOptions = {
  targetUrl: string
  dir: string
  batchSize?: number
  storage?: ObjectStorage | null
  dryRun?: boolean
  quiet?: boolean
}

/** The storage the flags describe, or null when none is configured. */
export function storageFromFlags(flags: {
  gcsCredentials?: string
  gcsBucket?: string
  gcsProject?: string
  gcsEndpoint?: string
}): ObjectStorage | null {
  if (!flags.gcsCredentials) return null
  const raw = flags.gcsCredentials.trim()
  let credentials: { client_email: string; private_key: string; project_id?: string }
  try {
    credentials = JSON.parse(raw.startsWith('{') ? raw : Buffer.from(raw, 'base64').toString('utf8'))
  } catch {
    throw new UsageError('--gcs-credentials must be a service account key (JSON, or JSON in base64)')
  }
  return createGcsObjectStorage({
    bucket: flags.gcsBucket ?? 'vantahire-videos',
    projectId: flags.gcsProject,
    credentials,
    apiEndpoint: flags.gcsEndpoint,
  })
}

type FileRow = {
  id: string
  name: string
  mimeType: string
  size: number
  category: string
  uploadedBy: string | null
  interviewId: string | null
  jobApplicationId: string | null
  createdAt: string
  source: { bucket: string; path: string; sha256: string }
}
type FileLink = {
  model: 'RecruiterProfile' | 'CandidateProfile' | 'Interview' | 'JobApplication'
  id: string
  column: string
  fileId: string
}
type Recording = {
  interviewId: string
  key: string
  source: { bucket: string; path: string }
  size: number
  contentType: string
}

const LINK_COLUMNS = new Set(['logoFileId', 'resumeFileId', 'candidateResumeFileId'])
/** Files go in groups this size at most, so one transaction never holds too much in memory. */
const FILE_BATCH_BYTES = 32 * 1024 * 1024

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const layout = paths(options.dir)
  const batchSize = options.batchSize ?? 1000
  const pool = new pg.Pool({ connectionString: options.targetUrl, max: 1, options: '-c TimeZone=UTC' })
  // A connection lost while the pool holds it idle or is closing it (the target restarted, or was
  // dropped right after the load) would otherwise be an unhandled 'error' event that ends the
  // process; during the load, the next query fails with it instead.
  pool.on('error', () => undefined)
  const client = await pool.connect()
  const result: LoadResult = {
    models: {},
    links: { planned: 0, set: 0 },
    recordings: { planned: 0, uploaded: 0, present: 0, linked: 0 },
    changes: 0,
  }
  try {
    const migrated = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`)
    if (!migrated.rows[0].ok)
      throw new UsageError('the target database has no schema yet: run `npm run db:migrate` against it first')
    // A dry run is one transaction rolled back at the end, so later tables still find their parents.
    if (options.dryRun) await client.query('BEGIN')
    const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
      if (options.dryRun) return work()
      await client.query('BEGIN')
      try {
        const value = await work()
        await client.query('COMMIT')
        return value
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }

    for (const model of LOAD_ORDER) {
      const file = layout.model(model)
      const total = await countLines(file)
      const counts: LoadCounts = { rows: 0, inserted: 0, present: 0, conflicts: 0 }
      result.models[model] = counts
      const progress = new Progress(`load ${model}`, total, process.stderr, options.quiet)
      const conflicts = model === 'User' ? new NdjsonWriter(`${options.dir}/load-conflicts.ndjson`) : null
      if (model === 'File') {
        for await (const batch of fileBatches(readNdjson<FileRow>(file))) {
          const inserted = await inTransaction(async () => {
            let count = 0
            for (const row of batch) {
              const data = await readFile(layout.object(row.source.bucket, row.source.path))
              const insert = await client.query(
                `INSERT INTO "File" (id, name, "mimeType", size, category, "uploadedBy", "interviewId", "jobApplicationId", data, "createdAt")
                 VALUES ($1, $2, $3, $4, $5::"FileCategory", $6, $7, $8, $9, $10::timestamptz AT TIME ZONE 'UTC')
                 ON CONFLICT (id) DO NOTHING`,
                [
                  row.id,
                  row.name,
                  row.mimeType,
                  row.size,
                  row.category,
                  row.uploadedBy,
                  row.interviewId,
                  row.jobApplicationId,
                  data,
                  row.createdAt,
                ],
              )
              count += insert.rowCount ?? 0
            }
            return count
          })
          counts.rows += batch.length
          counts.inserted += inserted
          counts.present += batch.length - inserted
          progress.tick(batch.length)
        }
      } else {
        for await (const batch of inBatches(readNdjson<Record<string, unknown>>(file), batchSize)) {
          const { inserted, present } = await inTransaction(() => insertBatch(client, model, batch))
          counts.rows += batch.length
          counts.inserted += inserted
          counts.present += present - inserted
          const lost = batch.length - present
          if (lost > 0 && conflicts) {
            const found = await client.query<{ id: string }>(
              `SELECT id FROM "User" WHERE id = ANY($1::text[])`,
              [batch.map((row) => row.id)],
            )
            const ids = new Set(found.rows.map((row) => row.id))
            for (const row of batch)
              if (!ids.has(String(row.id)))
                await conflicts.write({
                  id: row.id,
                  email: row.email,
                  reason: 'email already belongs to another account',
                })
          }
          counts.conflicts += lost
          progress.tick(batch.length)
        }
      }
      progress.finish()
      await conflicts?.close()
      result.changes += counts.inserted
      if (model === 'User' && counts.conflicts > 0) {
        throw new Error(
          `${counts.conflicts} old account(s) have an email that already belongs to an account of the new system ` +
            `(listed in load-conflicts.ndjson): merge or rename them, then run the load again`,
        )
      }
    }

    // References to the files, now that both ends exist; never over a value set since.
    for await (const batch of inBatches(readNdjson<FileLink>(layout.model('FileLink')), batchSize)) {
      result.links.planned += batch.length
      const set = await inTransaction(async () => {
        let count = 0
        for (const link of batch) {
          if (!LINK_COLUMNS.has(link.column)) throw new Error(`unknown file reference column ${link.column}`)
          const update = await client.query(
            `UPDATE "${link.model}" SET "${link.column}" = $1 WHERE id = $2 AND "${link.column}" IS NULL`,
            [link.fileId, link.id],
          )
          count += update.rowCount ?? 0
        }
        return count
      })
      result.links.set += set
    }
    result.changes += result.links.set

    const recordings = layout.model('Recording')
    const recordingTotal = await countLines(recordings)
    if (recordingTotal > 0 && !options.storage)
      throw new UsageError(
        `${recordingTotal} recording(s) to copy but no Cloud Storage is configured (--gcs-credentials)`,
      )
    const progress = new Progress('load recordings', recordingTotal, process.stderr, options.quiet)
    for await (const recording of readNdjson<Recording>(recordings)) {
      const storage = options.storage as ObjectStorage
      result.recordings.planned += 1
      const stored = await storage.statObject(recording.key)
      if (stored && stored.size === recording.size) result.recordings.present += 1
      else if (!options.dryRun) {
        await storage.uploadObject({
          key: recording.key,
          contentType: recording.contentType,
          size: recording.size,
          body: createReadStream(layout.object(recording.source.bucket, recording.source.path)),
        })
        result.recordings.uploaded += 1
      }
      const update = await client.query(
        `UPDATE "Interview" SET "recordingGcsKey" = $1 WHERE id = $2 AND "recordingGcsKey" IS NULL`,
        [recording.key, recording.interviewId],
      )
      result.recordings.linked += update.rowCount ?? 0
      progress.tick()
    }
    progress.finish()
    result.changes += result.recordings.uploaded + result.recordings.linked
    if (options.dryRun) await client.query('ROLLBACK')
  } catch (error) {
    if (options.dryRun) await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
    await pool.end()
  }
  return result
}

/**
 * One batch as one statement: the rows travel as a JSON array that Postgres turns into records of the
 * table's own type (enums, arrays and JSON included). A row whose id (or another unique value) is
 * already there is skipped. Returns how many were inserted and how many of the batch's ids now exist.
 */
async function insertBatch(client: pg.PoolClient, model: TargetModel, batch: Record<string, unknown>[]) {
  const columns = Object.keys(batch[0] ?? {})
  const list = columns.map((column) => `"${column}"`).join(', ')
  const insert = await client.query(
    `INSERT INTO "${model}" (${list})
     SELECT ${list} FROM json_populate_recordset(NULL::"${model}", $1::json)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(batch)],
  )
  const inserted = insert.rowCount ?? 0
  if (inserted === batch.length) return { inserted, present: batch.length }
  const found = await client.query(`SELECT count(*)::int AS n FROM "${model}" WHERE id = ANY($1::text[])`, [
    batch.map((row) => row.id),
  ])
  return { inserted, present: found.rows[0].n as number }
}

async function* fileBatches(rows: AsyncIterable<FileRow>): AsyncGenerator<FileRow[]> {
  let batch: FileRow[] = []
  let bytes = 0
  for await (const row of rows) {
    if (batch.length > 0 && bytes + row.size > FILE_BATCH_BYTES) {
      yield batch
      batch = []
      bytes = 0
    }
    batch.push(row)
    bytes += row.size
  }
  if (batch.length > 0) yield batch
}

export function describeLoad(result: LoadResult, dryRun: boolean): string {
  const rows: Record<string, Record<string, number>> = { ...result.models }
  const verdict =
    result.changes === 0
      ? 'nothing changed: everything was already loaded'
      : `${result.changes} change(s)${dryRun ? ' would be made (dry run: rolled back, nothing uploaded)' : ''}`
  return [
    formatSummary(dryRun ? 'load (dry run)' : 'load', rows),
    '',
    `file references: ${result.links.set} set of ${result.links.planned}`,
    `recordings: ${result.recordings.uploaded} uploaded, ${result.recordings.present} already stored, ${result.recordings.linked} linked, of ${result.recordings.planned}`,
    verdict,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCommand(LOAD_COMMAND, async (flags) => {
    const result = await runLoad({
      targetUrl: required(flags.target, 'target', 'DATABASE_URL'),
      dir: flags.dir ?? './migration',
      batchSize: Number(flags.batchSize),
      storage: storageFromFlags(flags),
      dryRun: flags.dryRun,
    })
    return { output: describeLoad(result, flags.dryRun) }
  })
}
