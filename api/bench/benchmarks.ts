import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { benchmarkFileDownload } from './file-download.js'
import { benchmarkHttpProbes } from './http-probes.js'
import { benchmarkRequestCosts } from './request-costs.js'
import { benchmarkStartUp } from './start-up.js'
import type { BenchStack } from './support/stack.js'
import { benchmarkTextInterview } from './text-interview.js'

export type Benchmark = { name: string; description: string; run(stack: BenchStack): Promise<void> }

/** Live events at 1,000 clients: `bench/realtime.ts`, which sets up its own two instances and clients. */
const benchmarkRealtime: Benchmark = {
  name: 'realtime',
  description: 'npm run bench:realtime: 1,000 socket.io clients on two API instances of their own.',
  async run() {
    const script = fileURLToPath(new URL('./realtime.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    if (code !== 0) throw new Error(`bench/realtime.ts exited with ${code}`)
  },
}

/** Every benchmark `npm run bench` knows, in the order it runs them. */
export const benchmarks: Benchmark[] = [
  benchmarkRequestCosts,
  benchmarkStartUp,
  benchmarkRealtime,
  benchmarkHttpProbes,
  benchmarkFileDownload,
  benchmarkTextInterview,
]
