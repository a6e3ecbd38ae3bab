import { benchmarkFileDownload } from './file-download.js'
import { benchmarkHttpProbes } from './http-probes.js'
import { benchmarkRequestCosts } from './request-costs.js'
import { benchmarkStartUp } from './start-up.js'
import type { BenchStack } from './support/stack.js'
import { benchmarkTextInterview } from './text-interview.js'

export type Benchmark = { name: string; description: string; run(stack: BenchStack): Promise<void> }

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const benchmarks: Benchmark[] = [
  benchmarkRequestCosts,
  benchmarkStartUp,
  benchmarkHttpProbes,
  benchmarkFileDownload,
  benchmarkTextInterview,
]
