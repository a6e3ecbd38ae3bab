import { randomBytes } from 'node:crypto'
import { loadConfig } from '../../src/infra/config.js'
import { applyMigrations, dropDatabase, ensureDatabase, withDatabase } from '../../src/infra/migrations.js'

/**
 * A fresh database for one test run, migrated once. The server comes from DATABASE_URL (default: the
 * local Postgres); only the database name is replaced.
 */
export async function createTestDatabase(
  label: string,
): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' }).DATABASE_URL
  const databaseUrl = withDatabase(base, `vantahire_${label}_${randomBytes(4).toString('hex')}`)
  await ensureDatabase(databaseUrl)
  await applyMigrations({ databaseUrl })
  return { databaseUrl, drop: () => dropDatabase(databaseUrl) }
}

/** A Redis key prefix no other run shares, so parallel runs and the developer's data never meet. */
export function createRedisKeyPrefix(label: string): string {
  return `vh-${label}-${randomBytes(4).toString('hex')}:`
}
