import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { createInterface } from 'node:readline'

/** One JSON value per line, written with back-pressure so a large table never sits in memory. */
export class NdjsonWriter {
  private readonly stream: WriteStream
  count = 0

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' })
  }

  async write(value: unknown): Promise<void> {
    this.count += 1
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

/** Reads a file of NDJSON one value at a time; a missing file reads as empty. */
export async function* readNdjson<T = Record<string, unknown>>(path: string): AsyncGenerator<T> {
  if (!existsSync(path)) return
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() !== '') yield JSON.parse(line) as T
  }
}

/** Groups a stream into arrays of `size`. */
export async function* inBatches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const item of source) {
    batch.push(item)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/** Counts the lines of an NDJSON file without parsing them (for progress bars). */
export async function countLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0
  let count = 0
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) if (byte === 10) count += 1
  }
  return count
}
