import { createHash, randomBytes } from 'node:crypto'
import { Agent, get } from 'node:http'
import type pg from 'pg'
import { FILE_CHUNK_BYTES } from '../src/services/file-content.js'
import { createInterviewWithLink, createUser } from '../test/support/factories.js'
import type { Benchmark } from './benchmarks.js'
import { formatMs, percentile, runConcurrently, trackPeakMemory } from './support/measure.js'

const FILE_BYTES = 10 * 1024 * 1024
const CONCURRENCY = 20
const DOWNLOADS = 100
const MB = 1024 * 1024
/** A table like "File" but with the column's default storage (EXTENDED: compressed when it helps). */
const EXTENDED_TABLE = 'bench_file_extended'

/** Text-like content: compresses well, as exports and plain-text resumes do. */
function compressibleBytes(size: number): Buffer {
  const words = [
    'interview',
    'candidate',
    'Postgres',
    'streaming',
    'resume',
    'recruiter',
    'TypeScript',
    'latency',
  ]
  const parts: string[] = []
  let length = 0
  let seed = 7
  while (length < size) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const word = `${words[seed % words.length]}${seed % 97} `
    parts.push(word)
    length += word.length
  }
  return Buffer.from(parts.join('')).subarray(0, size)
}

/** Reads a whole row in 64 KB `substring` slices with the download route's query, discarding the bytes. */
async function readInSlices(pool: pg.Pool, table: string, id: string, size: number): Promise<void> {
  for (let position = 0; position < size; position += FILE_CHUNK_BYTES) {
    const result = await pool.query<{ chunk: string }>({
      name: `bench-slice-${table}`,
      text: `SELECT encode(substring(data FROM $1 FOR $2), 'base64') AS chunk FROM "${table}" WHERE id = $3`,
      values: [position + 1, Math.min(FILE_CHUNK_BYTES, size - position), id],
    })
    const chunk = Buffer.from(result.rows[0]?.chunk ?? '', 'base64')
    if (chunk.length === 0) throw new Error(`${table} ${id}: empty slice at ${position}`)
  }
}

/**
 * A 10 MB file downloaded over real HTTP by 20 clients at once (a candidate link's token, so the
 * full access check runs), then the storage question in isolation: the same chunked reads from the
 * "File" table (STORAGE EXTERNAL) and from a table with the default, compressing storage.
 */
export const benchmarkFileDownload: Benchmark = {
  name: 'file-download',
  description: `A ${FILE_BYTES / MB} MB file, ${DOWNLOADS} downloads, ${CONCURRENCY} at once, over HTTP with keep-alive; client and server in this process. Then ${CONCURRENCY} concurrent chunked reads per storage.`,
  async run({ services, server }) {
    const { prisma, pgPool } = services
    const recruiter = await createUser(services)
    const { interview, link } = await createInterviewWithLink(services, { recruiterId: recruiter.id })
    const contents = { incompressible: randomBytes(FILE_BYTES), compressible: compressibleBytes(FILE_BYTES) }
    const ids: Record<keyof typeof contents, string> = { incompressible: '', compressible: '' }
    for (const kind of ['incompressible', 'compressible'] as const) {
      const head = Buffer.from('%PDF-1.7\n')
      const data = Buffer.concat([head, contents[kind].subarray(head.length)])
      contents[kind] = data
      const file = await prisma.file.create({
        data: {
          name: `${kind}.pdf`,
          mimeType: 'application/pdf',
          size: FILE_BYTES,
          category: 'RESUME',
          interviewId: interview.id,
          data,
        },
        select: { id: true },
      })
      ids[kind] = file.id
    }

    console.log(
      '| content | downloads | throughput | p50 per download | p95 per download | peak RSS growth |',
    )
    console.log('|---|---|---|---|---|---|')
    for (const kind of ['incompressible', 'compressible'] as const) {
      const url = `${server.url}/api/files/${ids[kind]}`
      const headers = { 'x-interview-token': link.token }
      const first = await fetch(url, { headers })
      const digest = createHash('sha256')
        .update(Buffer.from(await first.arrayBuffer()))
        .digest('hex')
      if (digest !== createHash('sha256').update(contents[kind]).digest('hex')) {
        throw new Error(`${kind}: the downloaded bytes differ from the stored ones`)
      }
      await runConcurrently(CONCURRENCY, CONCURRENCY, () => downloadDiscarding(url, headers))
      const stopMemory = trackPeakMemory()
      const { durations, elapsedMs } = await runConcurrently(DOWNLOADS, CONCURRENCY, () =>
        downloadDiscarding(url, headers),
      )
      const memory = stopMemory()
      const throughput = (DOWNLOADS * FILE_BYTES) / MB / (elapsedMs / 1000)
      console.log(
        `| ${kind} | ${DOWNLOADS} × ${FILE_BYTES / MB} MB | ${throughput.toFixed(0)} MB/s | ${formatMs(percentile(durations, 50))} | ${formatMs(percentile(durations, 95))} | ${memory.peakGrowthMb.toFixed(1)} MB |`,
      )
    }

    await pgPool.query(`DROP TABLE IF EXISTS "${EXTENDED_TABLE}"`)
    await pgPool.query(`CREATE TABLE "${EXTENDED_TABLE}" (id text PRIMARY KEY, data bytea NOT NULL)`)
    try {
      for (const kind of ['incompressible', 'compressible'] as const) {
        await pgPool.query(
          `INSERT INTO "${EXTENDED_TABLE}" (id, data) SELECT id, data FROM "File" WHERE id = $1`,
          [ids[kind]],
        )
      }
      console.log('')
      console.log('| content | storage | stored size | chunked read throughput (20 at once) | per file |')
      console.log('|---|---|---|---|---|')
      for (const kind of ['incompressible', 'compressible'] as const) {
        for (const [storage, table] of [
          ['EXTERNAL (File)', 'File'],
          ['EXTENDED (default)', EXTENDED_TABLE],
        ] as const) {
          const stored = await pgPool.query<{ bytes: number }>(
            `SELECT pg_column_size(data) AS bytes FROM "${table}" WHERE id = $1`,
            [ids[kind]],
          )
          const readers = CONCURRENCY
          const { durations, elapsedMs } = await runConcurrently(readers, CONCURRENCY, () =>
            readInSlices(pgPool, table, ids[kind], FILE_BYTES),
          )
          const throughput = (readers * FILE_BYTES) / MB / (elapsedMs / 1000)
          console.log(
            `| ${kind} | ${storage} | ${((stored.rows[0]?.bytes ?? 0) / MB).toFixed(1)} MB | ${throughput.toFixed(0)} MB/s | ${formatMs(percentile(durations, 50))} |`,
          )
        }
      }
    } finally {
      await pgPool.query(`DROP TABLE IF EXISTS "${EXTENDED_TABLE}"`)
    }
  },
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

/** node:http rather than fetch: the client shares this process, and fetch's web streams cost it more CPU. */
function downloadDiscarding(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`download answered ${response.statusCode}`))
      let received = 0
      response.on('data', (chunk: Buffer) => {
        received += chunk.length
      })
      response.on('end', () =>
        received === FILE_BYTES ? resolve() : reject(new Error(`download ended after ${received} bytes`)),
      )
      response.on('error', reject)
    }).on('error', reject)
  })
}
