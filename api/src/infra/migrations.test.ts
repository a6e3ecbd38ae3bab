import { readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { applyMigrations, diffMigrationsToSchema, MIGRATIONS_DIR, SCHEMA_PATH } from './migrations.js'

describe('migrations', () => {
  const databaseUrl = inject('databaseUrl')
  const client = new pg.Client({ connectionString: databaseUrl })
  beforeAll(() => client.connect())
  afterAll(() => client.end())

  it('records every committed migration, finished, in the standard _prisma_migrations table', async () => {
    const committed = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
    const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows).toEqual(committed.map((name) => ({ migration_name: name, finished: true })))
  })

  it('is idempotent: applying again applies nothing', async () => {
    expect(await applyMigrations({ databaseUrl })).toEqual([])
  })

  it('keeps file contents uncompressed so chunked reads stay linear', async () => {
    const { rows } = await client.query(
      `SELECT attstorage FROM pg_attribute WHERE attrelid = '"File"'::regclass AND attname = 'data'`,
    )
    expect(rows).toEqual([{ attstorage: 'e' }])
  })

  it('schema.prisma has no change without a migration (run npm run db:migration:new -- <name>)', async () => {
    const drift = await diffMigrationsToSchema({ databaseUrl })
    expect(drift.hasChanges, `schema.prisma differs from the migrations by:\n${drift.sql}`).toBe(false)
  })

  it('detects a schema change that has no migration', async () => {
    const changedSchema = join(tmpdir(), `vantahire-schema-${process.pid}.prisma`)
    const schema = await readFile(SCHEMA_PATH, 'utf8')
    await writeFile(
      changedSchema,
      schema.replace('  avatarUrl String?\n', '  avatarUrl String?\n  timezone  String?\n'),
    )
    const drift = await diffMigrationsToSchema({ databaseUrl, schemaPath: changedSchema })
    expect(drift.hasChanges).toBe(true)
    expect(drift.sql).toContain('ADD COLUMN     "timezone" TEXT')
  })
})
