import { describe, expect, it } from 'vitest'
import { BatchWriter } from './batch-writer.js'
import { createLogger } from './logger.js'

const logger = createLogger({ level: 'silent' })

describe('BatchWriter', () => {
  it('writes rows in order, in batches of at most maxBatch', async () => {
    const batches: number[][] = []
    const writer = new BatchWriter<number>({
      name: 'test',
      logger,
      maxBatch: 4,
      flushIntervalMs: 5,
      write: async (rows) => void batches.push(rows),
    })
    for (let row = 0; row < 10; row++) expect(writer.add(row)).toBeUndefined()
    await writer.close()
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(4)
  })

  it('holds at most its capacity: callers wait for room instead of the queue growing', async () => {
    let release: () => void = () => undefined
    const stalled = new Promise<void>((resolve) => {
      release = resolve
    })
    const written: number[] = []
    const writer = new BatchWriter<number>({
      name: 'test',
      logger,
      maxBatch: 2,
      capacity: 3,
      flushIntervalMs: 1,
      write: async (rows) => {
        await stalled
        written.push(...rows)
      },
    })
    expect(writer.add(1)).toBeUndefined()
    expect(writer.add(2)).toBeUndefined()
    expect(writer.add(3)).toBeUndefined()
    const waiting = writer.add(4)
    expect(waiting).toBeInstanceOf(Promise)
    expect(writer.size).toBe(3)
    release()
    await waiting
    await writer.close()
    expect(written).toEqual([1, 2, 3, 4])
  })

  it('retries a failed write until it succeeds, losing and repeating nothing', async () => {
    let failuresLeft = 3
    const written: number[] = []
    const writer = new BatchWriter<number>({
      name: 'test',
      logger,
      maxBatch: 5,
      flushIntervalMs: 1,
      retryBaseMs: 1,
      write: async (rows) => {
        if (failuresLeft-- > 0) throw new Error('database unavailable')
        written.push(...rows)
      },
    })
    for (let row = 0; row < 12; row++) writer.add(row)
    await writer.close()
    expect(written).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })
})
