// The reference for the interview list: the page of `GET /api/interviews?limit=` built by hand on the
// same stack (Hono on @hono/node-server), in a process of its own. It reads the sign-in session from
// Redis with the API's own `validateSignInSession`, then runs one SQL query with JOINs through `pg`
// and answers the same JSON as the API. Newest first, without filters or cursor: the benchmark's
// page. Configuration comes from the environment, as for the API process. Prints `{"url":…}` on one
// line once it listens; stops on SIGTERM.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import pg from 'pg'
import { INTERVIEW_TRANSITIONS, type InterviewStatus } from '../../src/domain/interview-status.js'
import { loadConfig } from '../../src/infra/config.js'
import { createLogger } from '../../src/infra/logger.js'
import { createRedis } from '../../src/infra/redis.js'
import { signInSessionCookieName } from '../../src/middleware/sign-in-session.js'
import { validateSignInSession } from '../../src/services/sign-in-sessions.js'

// Timestamps are stored without a zone, as UTC (as Prisma writes them).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value) => new Date(`${value.replace(' ', 'T')}Z`))

const config = loadConfig()
const logger = createLogger({ level: 'warn' })
const redis = createRedis({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger })
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE })
const cookieName = signInSessionCookieName(config)

type Row = Record<string, unknown> & {
  id: string
  status: InterviewStatus
  jobId: string | null
  jobTitle: string | null
  reviewedById: string | null
  reviewerName: string | null
}

const app = new Hono().get('/api/interviews', async (c) => {
  const token = getCookie(c, cookieName)
  const result = token ? await validateSignInSession({ redis }, { token }) : { status: 'invalid' as const }
  if (result.status !== 'valid') return c.json({ error: { code: 'UNAUTHORIZED', message: 'Sign in.' } }, 401)
  const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 20) || 20, 1), 100)
  const { userId, role } = result.session
  const { rows } = await pool.query<Row>(
    `SELECT i.id, i."recruiterId", i."jobId", j.title AS "jobTitle", i."candidateEmail", i."candidateName",
       i."candidateNotes", i."candidateResumeFileId", i."jobRole", i.type, i."voicePace", i."timeLimitMinutes",
       i.questions, i.status, i."interviewUrl", i."expiresAt", i."startedAt", i."completedAt", i.score,
       i."transcriptSummary", i."humanReviewRequestedAt", i."humanReviewReason", i."reviewedAt",
       i."reviewedById", r."fullName" AS "reviewerName", i."createdAt", i."updatedAt"
     FROM "Interview" i
       LEFT JOIN "Job" j ON j.id = i."jobId"
       LEFT JOIN "User" r ON r.id = i."reviewedById"
     ${role === 'ADMIN' ? '' : 'WHERE i."recruiterId" = $2'}
     ORDER BY i."createdAt" DESC, i.id DESC
     LIMIT $1`,
    role === 'ADMIN' ? [limit + 1] : [limit + 1, userId],
  )
  const items = rows.slice(0, limit).map(({ jobTitle, reviewedById, reviewerName, ...interview }) => ({
    ...interview,
    job: interview.jobId === null ? null : { id: interview.jobId, title: jobTitle },
    reviewedBy: reviewedById === null ? null : { id: reviewedById, fullName: reviewerName },
    nextStatuses: [...INTERVIEW_TRANSITIONS[interview.status]],
  }))
  return c.json({ items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null })
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once('SIGTERM', () =>
  server.close(async () => {
    await pool.end()
    redis.disconnect()
    process.exit(0)
  }),
)
