import type { Logger } from '../infra/logger.js'

/** What a background sweep did, as counts; `failed` counts the items it could not handle. */
export type SweepResult = { [count: string]: number; failed: number }

/**
 * Handles each item in turn; an item that throws is logged and counted in `failed`, and the rest
 * go on. `handle` returns the counts it adds (`{ expired: 1 }`), or nothing.
 */
export async function sweepEach<T>(
  input: { items: readonly T[]; logger: Logger; describe(item: T): Record<string, unknown>; what: string },
  handle: (item: T) => Promise<Record<string, number> | undefined>,
): Promise<SweepResult> {
  const result: SweepResult = { failed: 0 }
  for (const item of input.items) {
    try {
      const counts = await handle(item)
      for (const [name, count] of Object.entries(counts ?? {})) result[name] = (result[name] ?? 0) + count
    } catch (error) {
      result.failed++
      input.logger.warn({ err: error, ...input.describe(item) }, `${input.what} failed`)
    }
  }
  return result
}
