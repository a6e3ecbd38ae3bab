import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/domain/actor.js'
import { PrismaClient } from '../src/generated/prisma/client.js'
import { listUsers } from '../src/services/admin.js'
import { listJobApplications, listMyApplications } from '../src/services/applications.js'
import { listInterviews } from '../src/services/interviews.js'
import { listJobs, listPendingJobs, listPublicJobs } from '../src/services/jobs.js'
import { listMyOpenInterviews } from '../src/services/my-interviews.js'
import { listOutbox } from '../src/services/outbox.js'
import { createTestDatabase } from './support/database.js'

/**
 * Every list's page is one statement, and none reads a big table whole: each list runs against
 * tables of 100,000 rows, the statements it sends are captured as they leave (from the pool the
 * lists read with, and Prisma's query events), and Postgres's plan for each (EXPLAIN with the same
 * parameters) must use indexes, not a sequential scan.
 */
const ROWS = 100_000
const RECRUITERS = 1_000
const BIG_TABLES = new Set(['User', 'Job', 'Interview', 'JobApplication', 'OutboxMessage'])

let database: Awaited<ReturnType<typeof createTestDatabase>>
let pool: pg.Pool
let prismaPool: pg.Pool
let listPool: pg.Pool
let prisma: PrismaClient
const sent: { query: string; params: unknown[] }[] = []

let admin: Actor
let recruiter: Actor
let candidate: Actor
let busyJobId: string

const actorOf = (userId: string, role: 'ADMIN' | 'RECRUITER' | 'CANDIDATE'): Actor => ({
  kind: 'user',
  userId,
  role,
  signInSessionId: 'plans',
})

/**
 * 100,000 rows in each big table, spread over 1,000 recruiters, in a few statements. The migrations'
 * non-unique indexes are set aside meanwhile and built again from their own definitions afterwards,
 * which is several times faster than keeping them up to date row by row.
 */
async function fillTables(db: pg.Pool) {
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisunique`,
    [[...BIG_TABLES]],
  )
  for (const { name } of indexes) await db.query(`DROP INDEX "${name}"`)
  // One connection, for its temporary tables.
  const client = await db.connect()
  try {
    await insertRows(client)
  } finally {
    client.release()
  }
  await Promise.all(indexes.map(({ definition }) => db.query(definition)))
  await db.query('ANALYZE')
}

async function insertRows(db: pg.ClientBase) {
  await db.query(`
    INSERT INTO "User" (id, email, role, provider, "providerId", "fullName", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, 'user-' || lpad(n::text, 6, '0') || '@plans.test',
      (CASE WHEN n = 0 THEN 'ADMIN' WHEN n <= ${RECRUITERS} THEN 'RECRUITER' ELSE 'CANDIDATE' END)::"UserRole",
      'google', 'plans-' || n, (ARRAY['Ada', 'Grace', 'Linus', 'Barbara', 'Edsger'])[n % 5 + 1] || ' Person ' || n,
      now() - n * interval '1 minute', now()
    FROM generate_series(0, ${ROWS - 1}) n`)
  await db.query(`
    CREATE TEMP TABLE numbered_users AS
    SELECT id, substring(email from 6 for 6)::int AS n FROM "User" WHERE email LIKE '%@plans.test'`)
  await db.query(`CREATE INDEX ON numbered_users (n)`)
  await db.query(`
    INSERT INTO "RecruiterProfile" (id, "userId", "companyName", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, id, 'Company ' || n, now(), now() FROM numbered_users
    WHERE n BETWEEN 1 AND ${RECRUITERS}`)
  await db.query(`
    INSERT INTO "Job" (id, "recruiterId", title, description, department, location, "jobType", status,
      "approvalStatus", "approvedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, u.id, 'Job title ' || j, 'Description of job ' || j || ' with its duties',
      'Department ' || j % 40, 'City ' || j % 300,
      (ARRAY['FULL_TIME', 'PART_TIME', 'CONTRACT', 'INTERNSHIP', 'OTHER'])[j % 3 + 1]::"JobType",
      (ARRAY['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'DRAFT', 'DRAFT', 'CLOSED'])[j % 7 + 1]::"JobStatus",
      (CASE WHEN j % 11 < 7 THEN 'APPROVED' WHEN j % 11 < 9 THEN 'PENDING' ELSE 'REJECTED' END)::"ApprovalStatus",
      CASE WHEN j % 11 < 7 THEN now() - j * interval '1 minute' END,
      now() - j * interval '1 minute', now() - (j % 997) * interval '1 hour'
    FROM generate_series(0, ${ROWS - 1}) j JOIN numbered_users u ON u.n = 1 + j % ${RECRUITERS}`)
  await db.query(`
    CREATE TEMP TABLE numbered_jobs AS
    SELECT id, (regexp_replace(title, '\\D', '', 'g'))::int AS n FROM "Job"`)
  await db.query(`CREATE INDEX ON numbered_jobs (n)`)
  await db.query(`
    INSERT INTO "Interview" (id, "recruiterId", "jobId", "candidateEmail", "candidateName", "jobRole", status,
      "expiresAt", score, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, u.id, CASE WHEN i % 3 = 0 THEN j.id END,
      'candidate-' || lpad(i::text, 6, '0') || '@plans.test', CASE WHEN i % 7 <> 0 THEN 'Candidate ' || i END,
      'Engineer', (ARRAY['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED'])[i % 7 % 4 + 1]::"InterviewStatus",
      CASE WHEN i % 3 = 0 THEN now() + (i % 5000) * interval '1 hour' END,
      CASE WHEN i % 7 = 2 THEN i % 101 END,
      now() - i * interval '1 minute', now()
    FROM generate_series(0, ${ROWS - 1}) i
      JOIN numbered_users u ON u.n = 1 + i % ${RECRUITERS}
      JOIN numbered_jobs j ON j.n = i % ${ROWS}`)
  // Each of 5,000 jobs has 20 applications; each candidate one or two.
  await db.query(`
    INSERT INTO "JobApplication" (id, "jobId", "candidateId", "coverLetter", status, "appliedAt", "updatedAt")
    SELECT gen_random_uuid()::text, j.id, u.id, 'Cover letter ' || a,
      (ARRAY['PENDING', 'REVIEWED', 'SHORTLISTED', 'REJECTED', 'HIRED', 'WITHDRAWN'])[a % 6 + 1]::"ApplicationStatus",
      now() - a * interval '1 minute', now()
    FROM generate_series(0, ${ROWS - 1}) a
      JOIN numbered_jobs j ON j.n = a % 5000
      JOIN numbered_users u ON u.n = ${RECRUITERS + 1} + a % 98000`)
  await db.query(`
    INSERT INTO "OutboxMessage" (id, channel, "interviewId", "userId", recipient, "textContent", payload, "createdAt")
    SELECT gen_random_uuid()::text, CASE WHEN m % 3 = 0 THEN 'whatsapp' ELSE 'email' END,
      CASE WHEN m % 2 = 0 THEN i.id END, CASE WHEN m % 2 = 1 THEN u.id END,
      'someone-' || m || '@plans.test', 'Message ' || m, '{}'::jsonb, now() - m * interval '1 second'
    FROM generate_series(0, ${ROWS - 1}) m
      JOIN (SELECT id, row_number() OVER (ORDER BY "createdAt") - 1 AS n FROM "Interview") i ON i.n = m / 2
      JOIN numbered_users u ON u.n = 1 + m / 2 % ${RECRUITERS}`)
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }

function seqScansOf(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && BIG_TABLES.has(node['Relation Name'] ?? '')
  return [...(own ? [node['Relation Name'] as string] : []), ...(node.Plans ?? []).flatMap(seqScansOf)]
}

/** The statements one call sends, and Postgres's plan for each with the same parameters. */
async function capture(call: () => Promise<unknown>) {
  sent.length = 0
  await call()
  const statements = [...sent]
  const plans = await Promise.all(
    statements.map(async ({ query, params }) => {
      const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${query}`, params)
      return (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]?.Plan as PlanNode
    }),
  )
  return { statements, plans }
}

/** One call's page: one statement, and no sequential scan of a big table in its plan. */
async function expectOneIndexedStatement(call: () => Promise<unknown>) {
  const { statements, plans } = await capture(call)
  expect(statements.map((statement) => statement.query)).toHaveLength(1)
  const plan = plans[0] as PlanNode
  expect(seqScansOf(plan), `${statements[0]?.query}\n${JSON.stringify(plan, null, 1)}`).toEqual([])
}

beforeAll(async () => {
  database = await createTestDatabase('plans')
  pool = new pg.Pool({ connectionString: database.databaseUrl, max: 4 })
  prismaPool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 })
  const logged = new PrismaClient({
    adapter: new PrismaPg(prismaPool),
    log: [{ emit: 'event', level: 'query' }],
  })
  logged.$on('query', (event) => sent.push({ query: event.query, params: JSON.parse(event.params) }))
  prisma = logged
  listPool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 })
  const query = listPool.query.bind(listPool)
  listPool.query = ((config: pg.QueryConfig, values?: unknown[]) => {
    sent.push({ query: config.text, params: config.values ?? values ?? [] })
    return query(config, values)
  }) as typeof listPool.query
  await fillTables(pool)
  const ids = async (sql: string) => (await pool.query<{ id: string }>(sql)).rows[0]?.id as string
  admin = actorOf(await ids(`SELECT id FROM "User" WHERE role = 'ADMIN'`), 'ADMIN')
  recruiter = actorOf(await ids(`SELECT id FROM "User" WHERE email = 'user-000007@plans.test'`), 'RECRUITER')
  candidate = actorOf(await ids(`SELECT id FROM "User" WHERE email = 'user-001500@plans.test'`), 'CANDIDATE')
  busyJobId = await ids(`
    SELECT a."jobId" AS id FROM "JobApplication" a JOIN "Job" j ON j.id = a."jobId"
    WHERE j."recruiterId" = '${recruiter.kind === 'user' ? recruiter.userId : ''}' LIMIT 1`)
}, 120_000)

afterAll(async () => {
  await prisma?.$disconnect()
  await prismaPool?.end()
  await listPool?.end()
  await pool?.end()
  await database?.drop()
})

/** A list's first page, then the page after it (by its cursor): each one indexed statement. */
async function expectPagesIndexed<T extends { nextCursor: string | null }>(
  list: (cursor?: string) => Promise<T>,
) {
  let first: T | undefined
  await expectOneIndexedStatement(async () => {
    first = await list()
  })
  expect(first?.nextCursor, 'the first page should have a next one').toBeTruthy()
  await expectOneIndexedStatement(() => list(first?.nextCursor ?? undefined))
}

const deps = () => ({ prisma, pgPool: listPool })

describe('list query plans at 100,000 rows', () => {
  it('fills the tables', async () => {
    const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM "Interview"`)
    expect(rows[0]?.count).toBe(ROWS)
  })

  it.each(['newest', 'oldest', 'expiring', 'candidate'] as const)(
    'interviews, sorted %s, for a recruiter and for an admin',
    async (sort) => {
      for (const actor of [recruiter, admin]) {
        await expectPagesIndexed((cursor) => listInterviews(deps(), actor, { sort, limit: 20, cursor }))
      }
    },
  )

  it('interviews filtered by status, job and search', async () => {
    const { rows } = await pool.query<{ jobId: string }>(
      `SELECT "jobId" FROM "Interview" WHERE "recruiterId" = $1 AND "jobId" IS NOT NULL LIMIT 1`,
      [recruiter.kind === 'user' ? recruiter.userId : ''],
    )
    const jobId = rows[0]?.jobId as string
    for (const actor of [recruiter, admin]) {
      await expectPagesIndexed((cursor) =>
        listInterviews(deps(), actor, { sort: 'newest', status: 'COMPLETED', limit: 5, cursor }),
      )
      await expectOneIndexedStatement(() =>
        listInterviews(deps(), actor, { sort: 'newest', jobId, limit: 20 }),
      )
      await expectOneIndexedStatement(() =>
        listInterviews(deps(), actor, { sort: 'newest', q: 'candidate-04242', limit: 20 }),
      )
      await expectOneIndexedStatement(() =>
        listInterviews(deps(), actor, { sort: 'candidate', q: 'Candidate 4242', limit: 20 }),
      )
    }
  })

  it("a recruiter's and an admin's jobs, with their filters", async () => {
    for (const actor of [recruiter, admin]) {
      await expectPagesIndexed((cursor) => listJobs(deps(), actor, { limit: 20, cursor }))
      await expectPagesIndexed((cursor) =>
        listJobs(deps(), actor, { status: 'ACTIVE', approvalStatus: 'PENDING', limit: 5, cursor }),
      )
    }
  })

  it("the admins' approval queue", async () => {
    await expectPagesIndexed((cursor) => listPendingJobs(deps(), admin, { limit: 20, cursor }))
  })

  it('the public job board, searched and filtered', async () => {
    await expectPagesIndexed((cursor) => listPublicJobs(deps(), { limit: 20, cursor }))
    await expectOneIndexedStatement(() => listPublicJobs(deps(), { q: 'title 4242', limit: 20 }))
    await expectOneIndexedStatement(() => listPublicJobs(deps(), { location: 'City 17', limit: 20 }))
    await expectPagesIndexed((cursor) => listPublicJobs(deps(), { jobType: 'CONTRACT', limit: 20, cursor }))
  })

  it("a candidate's own applications, with their total", async () => {
    // This candidate has two applications: pages of one.
    await expectPagesIndexed((cursor) => listMyApplications(deps(), candidate, { limit: 1, cursor }))
  })

  it.each(['newest', 'oldest', 'score'] as const)(
    "a job's applications board sorted %s, with its filters and counts",
    async (sort) => {
      for (const actor of [recruiter, admin]) {
        const board = (filters: Record<string, unknown>) => (cursor?: string) =>
          listJobApplications(deps(), actor, { jobId: busyJobId, sort, limit: 5, cursor, ...filters })
        await expectPagesIndexed(board({}))
        await expectOneIndexedStatement(() => board({ q: 'Ada Person', status: 'PENDING' })())
        await expectOneIndexedStatement(() => board({ hasResume: false, scored: false })())
      }
    },
  )

  it('admin users, by role and searched', async () => {
    await expectPagesIndexed((cursor) => listUsers(deps(), admin, { limit: 20, cursor }))
    await expectPagesIndexed((cursor) => listUsers(deps(), admin, { role: 'RECRUITER', limit: 20, cursor }))
    await expectOneIndexedStatement(() => listUsers(deps(), admin, { q: 'user-004242', limit: 20 }))
  })

  it('the outbox, for a recruiter and for an admin', async () => {
    const outboxDeps = {
      pgPool: listPool,
      emailSender: { isConfigured: false },
      whatsAppSender: { isConfigured: false },
    } as unknown as Parameters<typeof listOutbox>[0]
    for (const actor of [recruiter, admin]) {
      await expectPagesIndexed((cursor) => listOutbox(outboxDeps, actor, { limit: 20, cursor }))
      await expectPagesIndexed((cursor) =>
        listOutbox(outboxDeps, actor, { channel: 'whatsapp', limit: 20, cursor }),
      )
    }
  })

  it("a candidate's open interviews", async () => {
    await expectOneIndexedStatement(() => listMyOpenInterviews(deps(), candidate))
  })
})
