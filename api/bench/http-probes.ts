import type { Benchmark } from './benchmarks.js'
import { formatMs, percentile, runConcurrently, trackPeakMemory } from './support/measure.js'

const REQUESTS = 3_000
const CONCURRENCY = 20

/**
 * The cost of the middleware stack (request id, logging, security headers) alone (`/health`) and with
 * a Postgres and a Redis round trip (`/ready`), over real HTTP with keep-alive.
 */
export const benchmarkHttpProbes: Benchmark = {
  name: 'http-probes',
  description: `${REQUESTS} requests per path, ${CONCURRENCY} at once, keep-alive, client and server in this process.`,
  async run({ server }) {
    console.log('| path | requests/s | p50 | p95 | p99 | peak RSS growth |')
    console.log('|---|---|---|---|---|---|')
    for (const path of ['/health', '/ready']) {
      const url = `${server.url}${path}`
      await runConcurrently(200, CONCURRENCY, async () => void (await (await fetch(url)).arrayBuffer()))
      const stopMemory = trackPeakMemory()
      const { durations, elapsedMs } = await runConcurrently(REQUESTS, CONCURRENCY, async () => {
        const response = await fetch(url)
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
      })
      const memory = stopMemory()
      const rate = (REQUESTS / elapsedMs) * 1000
      console.log(
        `| ${path} | ${rate.toFixed(0)} | ${formatMs(percentile(durations, 50))} | ${formatMs(percentile(durations, 95))} | ${formatMs(percentile(durations, 99))} | ${memory.peakGrowthMb.toFixed(1)} MB |`,
      )
    }
  },
}
