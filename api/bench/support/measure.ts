import { readFileSync, writeFileSync } from 'node:fs'

/** Percentile by nearest rank over a sorted copy of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}

/** Runs `task` `total` times with at most `concurrency` in flight; returns each run's duration in ms. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: () => Promise<void>,
): Promise<{ durations: number[]; elapsedMs: number }> {
  const durations: number[] = []
  let started = 0
  const startedAt = performance.now()
  const worker = async () => {
    while (started < total) {
      started++
      const t0 = performance.now()
      await task()
      durations.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { durations, elapsedMs: performance.now() - startedAt }
}

/** Samples this process's resident memory until stopped; reports the peak growth over the start. */
export function trackPeakMemory(intervalMs = 10): () => { startMb: number; peakGrowthMb: number } {
  const start = process.memoryUsage().rss
  let peak = start
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, intervalMs)
  return () => {
    clearInterval(timer)
    peak = Math.max(peak, process.memoryUsage().rss)
    return { startMb: start / 2 ** 20, peakGrowthMb: (peak - start) / 2 ** 20 }
  }
}

/**
 * The same for another process. On Linux the kernel keeps its exact peak (VmHWM in /proc/<pid>/status,
 * reset here at the start), so the process does no work for it; elsewhere `readRss` is sampled.
 */
export function trackPeakMemoryOf(
  pid: number,
  readRss: () => Promise<number>,
  intervalMs = 20,
): Promise<() => Promise<{ startMb: number; peakGrowthMb: number }>> {
  const status = `/proc/${pid}/status`
  const kernelKb = (field: 'VmRSS' | 'VmHWM') =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(status, 'utf8'))?.[1])
  try {
    // Writing 5 to clear_refs resets the high-water mark to the current resident size.
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    const start = kernelKb('VmRSS') * 1024
    return Promise.resolve(async () => {
      const peak = kernelKb('VmHWM') * 1024
      return { startMb: start / 2 ** 20, peakGrowthMb: (peak - start) / 2 ** 20 }
    })
  } catch {
    return (async () => {
      const start = await readRss()
      let peak = start
      let sampling = Promise.resolve()
      const timer = setInterval(() => {
        sampling = sampling.then(async () => {
          peak = Math.max(peak, await readRss())
        })
      }, intervalMs)
      return async () => {
        clearInterval(timer)
        await sampling
        peak = Math.max(peak, await readRss())
        return { startMb: start / 2 ** 20, peakGrowthMb: (peak - start) / 2 ** 20 }
      }
    })()
  }
}

export function formatMs(value: number): string {
  return `${value.toFixed(2)} ms`
}

/** A process's resident memory now, in MB, from /proc. */
export function rssOf(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return kb / 1024
}

/** "median (min–max)" of repeated measurements, each with `unit` and `digits` decimals. */
export function spread(values: number[], unit: string, digits: number): string {
  const format = (value: number) => `${value.toFixed(digits)}${unit}`
  return `${format(percentile(values, 50))} (${format(Math.min(...values))}–${format(Math.max(...values))})`
}
