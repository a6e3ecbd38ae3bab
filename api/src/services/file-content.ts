import type pg from 'pg'
import type { Actor } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import type { Logger } from '../infra/logger.js'
import type { ByteRange } from '../lib/http-range.js'
import { findReadableFile, type ReadableFile } from './file-access.js'

/** Downloads are read from Postgres in slices of this size, so a file is never in memory whole. */
export const FILE_CHUNK_BYTES = 64 * 1024

/**
 * base64 rather than bytea's hex text form: a third less on the wire and measured at about twice
 * the throughput with a third of the CPU (the binary result format is not an option: node-postgres
 * decodes binary columns as UTF-8 text first). Postgres breaks the base64 into lines; Node's
 * decoder skips the line feeds.
 */
const CHUNK_QUERY = `SELECT encode(substring(data FROM $1 FOR $2), 'base64') AS chunk FROM "File" WHERE id = $3`

/** A file the actor may read: what it is, and its bytes on demand. */
export type FileDownload = {
  file: ReadableFile
  /**
   * The bytes `range` as a stream. `logger` is the request's, so that an interrupted download is
   * logged with its request id; the services' logger otherwise.
   */
  streamContent: (range: ByteRange, logger?: Logger) => ReadableStream<Uint8Array>
}

/**
 * Opens a file for download once the actor is known to be allowed to read it (see
 * `findReadableFile`). Nothing is read from the file's content until the stream is pulled, so a
 * HEAD, a 304 or a 416 costs one metadata query.
 */
export async function openFileDownload(
  deps: Pick<Services, 'prisma' | 'pgPool' | 'logger'>,
  actor: Actor,
  input: { fileId: string },
): Promise<FileDownload> {
  const file = await findReadableFile(deps, actor, input)
  return {
    file,
    streamContent: (range, logger = deps.logger) =>
      streamFileSlices({ pool: deps.pgPool, fileId: file.id, range, logger }),
  }
}

/**
 * The bytes `range` of a file, read from Postgres one 64 KB slice per pull, so memory per download
 * stays at a couple of slices however large the file and however slow the client. Each slice takes
 * a pool connection only for its own query: a slow reader holds none. The column is stored
 * uncompressed (STORAGE EXTERNAL), so a slice costs the same wherever it starts.
 */
function streamFileSlices(options: {
  pool: pg.Pool
  fileId: string
  range: ByteRange
  logger: Logger
}): ReadableStream<Uint8Array> {
  const { pool, fileId, range, logger } = options
  let position = range.start
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const length = Math.min(FILE_CHUNK_BYTES, range.end + 1 - position)
      try {
        const result = await pool.query<{ chunk: string | null }>({
          name: 'file-chunk',
          text: CHUNK_QUERY,
          values: [position + 1, length, fileId],
        })
        const encoded = result.rows[0]?.chunk
        const chunk = encoded ? Buffer.from(encoded, 'base64') : undefined
        if (!chunk || chunk.length !== length) throw new Error('the file was deleted during the download')
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        position += length
        if (position > range.end) controller.close()
      } catch (error) {
        logger.warn({ err: error, fileId, position }, 'file download interrupted')
        controller.error(error)
      }
    },
  })
}
