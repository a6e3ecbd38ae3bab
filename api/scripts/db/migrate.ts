// npm run db:migrate — creates the database if needed and applies pending migrations. Idempotent:
// a second run applies nothing. Runs at release time on Railway (railway.toml preDeployCommand).
import { ConfigError, loadConfig } from '../../src/infra/config.js'
import { loadDotEnv } from '../../src/infra/env-file.js'
import { applyMigrations, ensureDatabase } from '../../src/infra/migrations.js'

loadDotEnv()
try {
  const config = loadConfig()
  if (await ensureDatabase(config.DATABASE_URL)) console.log('Created the database.')
  const applied = await applyMigrations({ databaseUrl: config.DATABASE_URL })
  console.log(
    applied.length === 0
      ? 'The database is up to date: no migration to apply.'
      : `Applied ${applied.length} migration(s):\n${applied.map((name) => `  - ${name}`).join('\n')}`,
  )
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${describe(error)}`)
  process.exit(1)
}
// The WebAssembly engine leaves a timer of its own pending for a few seconds; the work is done.
process.exit(0)

function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : JSON.stringify(error, null, 2)
}
