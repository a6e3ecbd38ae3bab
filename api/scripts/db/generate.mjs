// Runs `prisma generate` without letting the CLI download its native schema engine: generation does
// not execute that engine, it only checks that the file named here exists.
//
// The client is a function of the schema, the Prisma config and Prisma's version. When none has
// changed since the last run the files are left alone, so that `npm run build` during `npm run dev`
// does not rewrite them and restart the API that watches them. `--force` generates regardless.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = new URL('../../', import.meta.url)
const output = new URL('src/generated/prisma/', root)
const stamp = new URL('.inputs-hash', output)
const inputs = ['prisma/schema.prisma', 'prisma.config.ts', 'node_modules/prisma/package.json']
const hash = createHash('sha256')
for (const input of inputs) hash.update(readFileSync(new URL(input, root)))
const digest = hash.digest('hex')

const isCurrent =
  !process.argv.includes('--force') &&
  existsSync(new URL('client.ts', output)) &&
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8') === digest
if (isCurrent) {
  console.log('Prisma client is up to date (schema, config and Prisma unchanged).')
  process.exit(0)
}

const result = spawnSync('prisma', ['generate'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  shell: process.platform === 'win32',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
})
if (result.status === 0) writeFileSync(stamp, digest)
process.exit(result.status ?? 1)
