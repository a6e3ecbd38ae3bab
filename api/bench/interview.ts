// npm run bench:interview — candidates answering the text interviewer at once, against the API in a
// process of its own with the model faked at a set latency. Prints a table, then, as its last line:
// interview bench: n=<interviews> overhead_p50=<ms> overhead_p95=<ms> errors=<n> rss_per_interview_kb=<n>
// Options (after `--`): --interviews N (or BENCH_INTERVIEWS), --turns N, --model-latency-ms N,
// --token-interval-ms N, --think-ms N, --cpu-prof (writes the API process's CPU profile).
import { mkdirSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBenchStack } from './support/stack.js'
import {
  runTextInterviewBenchmark,
  TEXT_INTERVIEW_DEFAULTS,
  type TextInterviewResult,
  textInterviewSummary,
} from './text-interview.js'

const { values } = parseArgs({
  options: {
    interviews: { type: 'string', short: 'n', default: process.env.BENCH_INTERVIEWS },
    turns: { type: 'string' },
    'model-latency-ms': { type: 'string' },
    'token-interval-ms': { type: 'string' },
    'think-ms': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
})

function count(name: keyof typeof values, fallback: number, min: number): number {
  const raw = values[name]
  if (raw === undefined || typeof raw === 'boolean') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not "${raw}"`)
    process.exit(1)
  }
  return value
}

const profileDir = join(tmpdir(), `vantahire-bench-interview-${Date.now()}`)
if (values['cpu-prof']) mkdirSync(profileDir, { recursive: true })
const options = {
  interviews: count('interviews', TEXT_INTERVIEW_DEFAULTS.interviews, 1),
  turns: count('turns', TEXT_INTERVIEW_DEFAULTS.turns, 1),
  modelLatencyMs: count('model-latency-ms', TEXT_INTERVIEW_DEFAULTS.modelLatencyMs, 0),
  tokenIntervalMs: count('token-interval-ms', TEXT_INTERVIEW_DEFAULTS.tokenIntervalMs, 0),
  thinkMs: count('think-ms', TEXT_INTERVIEW_DEFAULTS.thinkMs, 0),
  serverExecArgv: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
}

console.log(
  `VantaHire text interview benchmark — node ${process.version}, ${new Date().toISOString()}, ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)} (other work on this machine shows in every figure)`,
)
console.log(
  `${options.interviews} interviews at once, ${options.turns} answers each, each candidate pausing a random 0–${options.thinkMs} ms before starting and before each answer; the model's first token after ${options.modelLatencyMs} ms, then one every ${options.tokenIntervalMs} ms. The API runs in its own process; the candidates (node:http) and the fake model share this one.\n`,
)
const stack = await startBenchStack()
let result: TextInterviewResult
try {
  result = await runTextInterviewBenchmark(stack, options)
} finally {
  await stack.stop()
}
if (values['cpu-prof']) console.log(`The API process's CPU profile is in ${profileDir}\n`)
console.log(textInterviewSummary(result))
process.exit(0)
