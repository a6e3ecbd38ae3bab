import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobTypeFromText } from '../src/domain/job-types.js'
import { loadConfig } from '../src/infra/config.js'
import {
  applyMigrations,
  dropDatabase,
  ensureDatabase,
  MIGRATIONS_DIR,
  withDatabase,
} from '../src/infra/migrations.js'

/**
 * The migration that made job types one list, run on a database holding the free text recruiters
 * typed before it: every value lands where `jobTypeFromText` (the documented rule) says it should.
 */
const MIGRATION = '20261202094110_job_types_requirements_withdrawals'

const FREE_TEXT: [string | null, string | null][] = [
  ['Full-time', 'FULL_TIME'],
  ['Full time', 'FULL_TIME'],
  ['full-time', 'FULL_TIME'],
  ['FULL_TIME', 'FULL_TIME'],
  [' Fulltime ', 'FULL_TIME'],
  ['Permanent', 'FULL_TIME'],
  ['Part time', 'PART_TIME'],
  ['part-time', 'PART_TIME'],
  ['Contract', 'CONTRACT'],
  ['Freelance', 'CONTRACT'],
  ['Internship', 'INTERNSHIP'],
  ['intern', 'INTERNSHIP'],
  ['Temporary', 'TEMPORARY'],
  ['temp', 'TEMPORARY'],
  ['Volunteer', 'OTHER'],
  ['Full-time or contract', 'OTHER'],
  ['', null],
  ['   ', null],
  [null, null],
]

const before = await mkdtemp(join(tmpdir(), 'vantahire-migrations-'))
const databaseUrl = withDatabase(
  loadConfig({ ...process.env, NODE_ENV: 'test' }).DATABASE_URL,
  `vantahire_jobtypes_${randomBytes(4).toString('hex')}`,
)

beforeAll(async () => {
  // The migrations up to the one under test, applied to a fresh database.
  await cp(MIGRATIONS_DIR, before, { recursive: true })
  for (const name of await readdir(before)) {
    if (name >= MIGRATION && !name.endsWith('.toml')) await rm(join(before, name), { recursive: true })
  }
  await ensureDatabase(databaseUrl)
  await applyMigrations({ databaseUrl, migrationsDir: before })
}, 120_000)

afterAll(async () => {
  await dropDatabase(databaseUrl)
  await rm(before, { recursive: true, force: true })
})

describe('the job type migration', () => {
  it('maps the free text stored before it onto the list, like jobTypeFromText', async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const recruiter = await client.query(
        `INSERT INTO "User" (id, email, role, provider, "providerId", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'RECRUITER', 'legacy', $1, now()) RETURNING id`,
        [`recruiter-${randomBytes(4).toString('hex')}@example.com`],
      )
      const ids = new Map<string, string | null>()
      for (const [text, expected] of FREE_TEXT) {
        const row = await client.query(
          `INSERT INTO "Job" (id, "recruiterId", title, "jobType", "updatedAt")
           VALUES (gen_random_uuid(), $1, 'Engineer', $2, now()) RETURNING id`,
          [recruiter.rows[0].id, text],
        )
        ids.set(row.rows[0].id, expected)
        // The domain rule and the SQL agree on every sample.
        expect(jobTypeFromText(text), String(text)).toBe(expected)
      }

      await applyMigrations({ databaseUrl })

      const after = await client.query<{ id: string; jobType: string | null }>(
        `SELECT id, "jobType"::text AS "jobType" FROM "Job"`,
      )
      const mapped = Object.fromEntries(after.rows.map((row) => [row.id, row.jobType]))
      for (const [id, expected] of ids) expect(mapped[id]).toBe(expected)
    } finally {
      await client.end()
    }
  }, 120_000)
})
