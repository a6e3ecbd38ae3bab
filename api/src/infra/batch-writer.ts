import type { Logger } from './logger.js'

export type BatchWriterOptions<T> = {
  /** Writes one batch; a rejection keeps the batch and tries it again later. */
  write: (rows: T[]) => Promise<void>
  logger: Logger
  /** What the writer is, for its log lines. */
  name: string
  /** Rows per write. */
  maxBatch?: number
  /** How long a row waits for others before its batch is written. */
  flushIntervalMs?: number
  /** Rows held at most (waiting and being written); `add` waits for room beyond it. */
  capacity?: number
  /** Wait after a failed write, doubled on each failure in a row up to ten times. */
  retryBaseMs?: number
}

/**
 * Collects rows in memory and writes them in batches in the background, in the order they came.
 * Bounded: once `capacity` rows are held, `add` returns a promise that settles when there is room,
 * so a stalled database slows its callers instead of growing the process. Lossless: a failed write
 * is retried (with backoff) until it succeeds, and `close` writes everything still held.
 */
export class BatchWriter<T> {
  readonly #options: Required<Omit<BatchWriterOptions<T>, 'write' | 'logger' | 'name'>>
  readonly #write: (rows: T[]) => Promise<void>
  readonly #logger: Logger
  readonly #name: string
  #pending: T[] = []
  #inFlight = 0
  #timer: NodeJS.Timeout | undefined
  #writing: Promise<void> | undefined
  #failures = 0
  #isClosed = false
  #waitingForRoom: (() => void)[] = []

  constructor(options: BatchWriterOptions<T>) {
    this.#write = options.write
    this.#logger = options.logger
    this.#name = options.name
    this.#options = {
      maxBatch: options.maxBatch ?? 500,
      flushIntervalMs: options.flushIntervalMs ?? 250,
      capacity: options.capacity ?? 10_000,
      retryBaseMs: options.retryBaseMs ?? 200,
    }
  }

  /** Rows held: waiting, and in the batch being written. */
  get size(): number {
    return this.#pending.length + this.#inFlight
  }

  /**
   * Queues a row. Returns undefined when it was taken at once, or a promise that settles once the
   * writer had room for it (only while `capacity` rows are held).
   */
  add(row: T): Promise<void> | undefined {
    if (this.size < this.#options.capacity) {
      this.#push(row)
      return undefined
    }
    return new Promise<void>((resolve) => {
      this.#waitingForRoom.push(() => {
        this.#push(row)
        resolve()
      })
    })
  }

  /** Writes everything held now; resolves once it is stored (or rejects on the first failure). */
  async flush(): Promise<void> {
    while (this.#pending.length > 0 || this.#writing) {
      if (this.#writing) {
        await this.#writing
        continue
      }
      await this.#writeNext({ retryOnFailure: false })
    }
  }

  /**
   * Stops the timer and writes every row still held, retrying failed writes up to `attempts`
   * times. Rows that could not be written even then are logged in full, so none is lost silently.
   */
  async close(options: { attempts?: number } = {}): Promise<void> {
    this.#isClosed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    const attempts = options.attempts ?? 5
    for (let attempt = 1; ; attempt++) {
      try {
        await this.flush()
        this.#admitWaiting()
        if (this.#pending.length === 0) return
      } catch (error) {
        if (attempt >= attempts) {
          const rows = this.#pending.splice(0)
          this.#logger.error(
            { err: error, writer: this.#name, rows },
            'rows could not be written at shutdown',
          )
          return
        }
        await new Promise((resolve) => setTimeout(resolve, this.#options.retryBaseMs * 2 ** (attempt - 1)))
      }
    }
  }

  #push(row: T): void {
    this.#pending.push(row)
    if (this.#isClosed) return
    if (this.#pending.length >= this.#options.maxBatch && !this.#writing) {
      void this.#writeNext({ retryOnFailure: true })
    } else this.#schedule(this.#options.flushIntervalMs)
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#isClosed) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      if (!this.#writing) void this.#writeNext({ retryOnFailure: true })
    }, delayMs)
    this.#timer.unref()
  }

  #writeNext(options: { retryOnFailure: boolean }): Promise<void> {
    const batch = this.#pending.splice(0, this.#options.maxBatch)
    if (batch.length === 0) return Promise.resolve()
    this.#inFlight = batch.length
    const writing = (async () => {
      try {
        await this.#write(batch)
        this.#failures = 0
      } catch (error) {
        // Back to the front, in order, for the next attempt.
        this.#pending.unshift(...batch)
        this.#failures++
        if (!options.retryOnFailure) throw error
        this.#logger.warn(
          { err: error, writer: this.#name, rows: batch.length, failures: this.#failures },
          'batch not written; trying again',
        )
      } finally {
        this.#inFlight = 0
        this.#writing = undefined
      }
    })()
    this.#writing = writing
    return writing.then(() => {
      this.#admitWaiting()
      if (this.#pending.length === 0) return
      const delay =
        this.#failures === 0
          ? this.#pending.length >= this.#options.maxBatch
            ? 0
            : this.#options.flushIntervalMs
          : this.#options.retryBaseMs * 2 ** Math.min(10, this.#failures - 1)
      this.#schedule(delay)
    })
  }

  #admitWaiting(): void {
    while (this.#waitingForRoom.length > 0 && this.size < this.#options.capacity) {
      this.#waitingForRoom.shift()?.()
    }
  }
}
