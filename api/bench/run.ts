// npm run bench — runs every benchmark against the real stack (a fresh database, Redis, the API
// over HTTP on 127.0.0.1) and prints figures. Nothing here asserts timings; compare runs by eye.
// Pick benchmarks by name: npm run bench -- http
import { benchmarks } from './benchmarks.js'
import { startBenchStack } from './support/stack.js'

const selected = process.argv.slice(2)
const toRun =
  selected.length === 0
    ? benchmarks
    : benchmarks.filter((b) => selected.some((name) => b.name.includes(name)))
if (toRun.length === 0) {
  console.error(
    `No benchmark matches ${selected.join(', ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}`,
  )
  process.exit(1)
}

const stack = await startBenchStack()
try {
  console.log(`VantaHire benchmarks — node ${process.version}, ${new Date().toISOString()}\n`)
  for (const benchmark of toRun) {
    console.log(`## ${benchmark.name}\n${benchmark.description}\n`)
    await benchmark.run(stack)
    console.log('')
  }
} finally {
  await stack.stop()
}
process.exit(0)
