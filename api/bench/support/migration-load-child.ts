// One `migrate:load` in a process of its own, for bench/migration-load.ts: prints its figures as JSON.
// Recordings go to the Cloud Storage stand-in the parent runs (its endpoint and key in the arguments).
import { runLoad } from '../../scripts/migration/load.js'
import { createGcsObjectStorage } from '../../src/providers/object-storage.js'

const [targetUrl = '', dir = '', gcsEndpoint = '', gcsCredentials = '{}'] = process.argv.slice(2)
const storage = createGcsObjectStorage({
  bucket: 'bench',
  credentials: JSON.parse(gcsCredentials),
  apiEndpoint: gcsEndpoint,
})
const started = performance.now()
const result = await runLoad({ targetUrl, dir, storage, quiet: true })
const seconds = (performance.now() - started) / 1000
const rows = Object.values(result.models).reduce((sum, counts) => sum + counts.rows, 0)
// maxRSS is in kilobytes.
console.log(
  JSON.stringify({
    rows,
    changes: result.changes,
    seconds,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
process.exit(0)
