import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { cleanExpiredLinkSessionsJob } from '../src/jobs/clean-expired-link-sessions.js'
import { expireInterviewsJob } from '../src/jobs/expire-interviews.js'
import {
  CRON_RUN_RETENTION_MS,
  type CronJob,
  lockKey,
  runJobOnce,
  startCronJobs,
  tickKey,
} from '../src/jobs/registry.js'
import { resetApiKeyCountersJob } from '../src/jobs/reset-api-key-counters.js'
import { sendOnboardingRemindersJob } from '../src/jobs/send-onboarding-reminders.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../src/realtime/events.js'
import type { InterviewAccessChange } from '../src/realtime/publisher.js'
import { type RunningServer, startServer } from '../src/server.js'
import { reminderPeriod } from '../src/services/onboarding-reminders.js'
import { FAKE_BREVO_API_KEY, FakeBrevoServer } from './fakes/brevo-server.js'
import { createRedisKeyPrefix, createTestDatabase } from './support/database.js'
import {
  createApiKey,
  createFile,
  createInterview,
  createInterviewWithLink,
  createJob,
  createLink,
  createRecruiterProfile,
  createUser,
  readInterview,
} from './support/factories.js'
import { APP_ORIGIN, TestClient, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'

// Jobs act on every row of their tables, so this file has a database of its own; two sets of
// services on it, with their own Prisma and Redis connections, stand for two API instances.
let database: Awaited<ReturnType<typeof createTestDatabase>>
let redisKeyPrefix: string
let first: ReturnType<typeof createTestServices>
let second: ReturnType<typeof createTestServices>
let server: RunningServer

beforeAll(async () => {
  database = await createTestDatabase('cron')
  redisKeyPrefix = createRedisKeyPrefix('cron')
  const shared = {
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    AUTH_DEV_LOGIN: 'true',
  }
  first = createTestServices(shared)
  second = createTestServices(shared)
  // The first instance serves HTTP and socket.io; its schedule stays off, the tests run jobs themselves.
  server = await startServer(first, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})

afterAll(async () => {
  await server?.close()
  await first?.close()
  await second?.close()
  await database?.drop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil<T>(
  find: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

describe('coordination across instances', () => {
  it('runs each tick of each job once between two schedulers on one Redis', async () => {
    const runs: { job: string; instance: string }[] = []
    const jobsFor = (instance: string): CronJob[] =>
      ['alpha', 'beta'].map((name) => ({
        name: `${name}-${redisKeyPrefix}`,
        schedule: '* * * * * *',
        description: 'Counts its runs.',
        run: async () => {
          runs.push({ job: name, instance })
          await sleep(50)
          return { counted: 1, failed: 0 }
        },
      }))
    const schedulers = [
      startCronJobs(first, jobsFor('first'), { instanceId: 'first' }),
      startCronJobs(second, jobsFor('second'), { instanceId: 'second' }),
    ]
    // Until each job has run three ticks: a loaded machine may miss a tick now and then.
    try {
      await waitUntil(
        async () =>
          ['alpha', 'beta'].every((job) => runs.filter((run) => run.job === job).length >= 3)
            ? true
            : undefined,
        'three runs of each job',
        30_000,
      )
    } finally {
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()))
    }

    for (const job of ['alpha', 'beta']) {
      const ofJob = runs.filter((run) => run.job === job)
      expect(ofJob.length, JSON.stringify(runs)).toBeGreaterThanOrEqual(3)
      const recorded = await first.prisma.cronRun.findMany({
        where: { jobName: `${job}-${redisKeyPrefix}` },
        select: { status: true, trigger: true, instanceId: true, result: true, scheduledAt: true },
      })
      // As many runs as ticks run: each run has its record, and each record a tick of its own.
      expect(recorded).toHaveLength(ofJob.length)
      expect(new Set(recorded.map((run) => run.scheduledAt?.toISOString())).size).toBe(ofJob.length)
      expect(recorded.every((run) => run.status === 'SUCCEEDED' && run.trigger === 'schedule')).toBe(true)
      expect(recorded[0]?.result).toEqual({ counted: 1, failed: 0 })
    }
  })

  it('refuses a tick to an instance whose timer fires after the run has finished elsewhere', async () => {
    let count = 0
    const job: CronJob = {
      name: `late-${randomUUID()}`,
      schedule: '* * * * * *',
      description: 'Counts its runs.',
      run: async () => ++count,
    }
    const scheduledAt = new Date(Math.floor(Date.now() / 1000) * 1000)
    const onFirst = await runJobOnce(first, job, {
      trigger: { kind: 'schedule', scheduledAt },
      instanceId: 'a',
    })
    expect(onFirst.outcome).toBe('ran')
    // The lock is free again by now; only the claimed tick stops the late instance.
    const onSecond = await runJobOnce(second, job, {
      trigger: { kind: 'schedule', scheduledAt: new Date(scheduledAt.getTime() + 300) },
      instanceId: 'b',
    })
    expect(onSecond).toEqual({ outcome: 'skipped', reason: 'tick-claimed' })
    // The next tick is a new one.
    const next = await runJobOnce(second, job, {
      trigger: { kind: 'schedule', scheduledAt: new Date(scheduledAt.getTime() + 1000) },
      instanceId: 'b',
    })
    expect(next.outcome).toBe('ran')
    expect(count).toBe(2)
  })

  it('does not run a tick twice even when Redis lost its claim: the run record is unique per tick', async () => {
    let count = 0
    const job: CronJob = {
      name: `forgotten-${randomUUID()}`,
      schedule: '* * * * * *',
      description: 'Counts its runs.',
      run: async () => ++count,
    }
    const trigger = { kind: 'schedule' as const, scheduledAt: new Date(Math.floor(Date.now() / 1000) * 1000) }
    expect((await runJobOnce(first, job, { trigger })).outcome).toBe('ran')
    await first.redis.del(tickKey(job.name, trigger.scheduledAt))
    expect(await runJobOnce(second, job, { trigger })).toEqual({ outcome: 'skipped', reason: 'tick-claimed' })
    expect(count).toBe(1)
  })

  it('records a failed run with its error, and runs the job again at the next tick', async () => {
    let attempts = 0
    const job: CronJob = {
      name: `failing-${randomUUID()}`,
      schedule: '* * * * * *',
      description: 'Fails once.',
      run: async () => {
        attempts++
        if (attempts === 1) throw new Error('The provider is down.')
        return { done: 1, failed: 0 }
      },
    }
    const failed = await runJobOnce(first, job)
    expect(failed).toMatchObject({ outcome: 'failed', error: 'The provider is down.' })
    expect(await runJobOnce(first, job)).toMatchObject({ outcome: 'ran', result: { done: 1, failed: 0 } })
    const recorded = await first.prisma.cronRun.findMany({
      where: { jobName: job.name },
      orderBy: { startedAt: 'asc' },
      select: { status: true, error: true },
    })
    expect(recorded).toEqual([
      { status: 'FAILED', error: 'The provider is down.' },
      { status: 'SUCCEEDED', error: null },
    ])
  })

  it("keeps a week of run records: each run deletes its job's older ones", async () => {
    const job: CronJob = {
      name: `pruned-${randomUUID()}`,
      schedule: '* * * * * *',
      description: 'Does nothing.',
      run: async () => ({ failed: 0 }),
    }
    const old = await first.prisma.cronRun.create({
      data: {
        jobName: job.name,
        trigger: 'schedule',
        instanceId: 'long-gone',
        status: 'SUCCEEDED',
        startedAt: new Date(Date.now() - CRON_RUN_RETENTION_MS - 60_000),
      },
    })
    const recent = await first.prisma.cronRun.create({
      data: {
        jobName: job.name,
        trigger: 'schedule',
        instanceId: 'long-gone',
        status: 'SUCCEEDED',
        startedAt: new Date(Date.now() - CRON_RUN_RETENTION_MS + 60_000),
      },
    })
    const run = await runJobOnce(first, job)
    const left = await first.prisma.cronRun.findMany({ where: { jobName: job.name }, select: { id: true } })
    expect(left.map((entry) => entry.id).sort()).toEqual(
      [recent.id, run.outcome === 'ran' ? run.runId : 'no run'].sort(),
    )
    expect(left.some((entry) => entry.id === old.id)).toBe(false)
  })

  it('keeps running on the other instance when one is killed mid-run', async () => {
    const name = `hanging-${randomUUID()}`
    // Long enough that a loaded machine's slow timers still renew it in time, short enough to wait for.
    const lockMs = 4_000
    const child = spawnScheduler({ name, lockMs, instanceId: 'doomed' })
    let survivor: { stop(): Promise<void> } | undefined
    try {
      await waitUntil(
        () =>
          first.prisma.cronRun
            .findFirst({ where: { jobName: name, instanceId: 'doomed', status: 'RUNNING' } })
            .then((run) => run ?? undefined),
        'the doomed instance to start its run',
        40_000,
      )
      const survivorRuns: number[] = []
      survivor = startCronJobs(
        first,
        [
          {
            name,
            schedule: '* * * * * *',
            description: 'The same job on a healthy instance.',
            lockMs,
            run: async () => {
              survivorRuns.push(Date.now())
              return { done: 1, failed: 0 }
            },
          },
        ],
        { instanceId: 'survivor' },
      )
      // Longer than the lock's own expiry: the live run renews it, so the survivor must wait.
      await sleep(lockMs * 2)
      expect(survivorRuns, 'the survivor ran while the other run was alive').toHaveLength(0)

      const killedAt = Date.now()
      child.kill('SIGKILL')
      await waitUntil(async () => survivorRuns[0], 'a run on the surviving instance', lockMs + 5_000)
      // The lock lapses within lockMs of the last renewal, and the next tick follows within a second.
      expect(survivorRuns[0]! - killedAt).toBeLessThan(lockMs + 4_000)
      const recorded = await first.prisma.cronRun.findMany({
        where: { jobName: name },
        orderBy: { startedAt: 'asc' },
        select: { instanceId: true, status: true },
      })
      expect(recorded[0]).toEqual({ instanceId: 'doomed', status: 'INTERRUPTED' })
      expect(recorded.slice(1).every((run) => run.instanceId === 'survivor')).toBe(true)
    } finally {
      child.kill('SIGKILL')
      await survivor?.stop()
    }
  }, 90_000)
})

const DAY_MS = 24 * 60 * 60 * 1000

/** A signed-in recruiter with a socket open on the first instance, collecting `interview:updated`. */
async function recruiterWatching() {
  const client = new TestClient(createApp(first).app)
  const user = await client.signIn(uniqueEmail('recruiter'))
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${client.cookies.get('vh_session')}` },
    reconnection: false,
  })
  const updates: EventEnvelope<'interview:updated'>[] = []
  socket.on('interview:updated', (envelope) => updates.push(envelope))
  const inviteUpdates: EventEnvelope<'email:status'>[] = []
  socket.on('email:status', (envelope) => inviteUpdates.push(envelope))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  return { user, socket, updates, inviteUpdates }
}

describe('expire-interviews', () => {
  it('expires unstarted interviews past their expiry, revokes their links and tells the recruiter live', async () => {
    const { user, socket, updates, inviteUpdates } = await recruiterWatching()
    try {
      const past = new Date(Date.now() - 60_000)
      const overdue = await createInterviewWithLink(first, { recruiterId: user.id, expiresAt: past })
      // A second live link, created before the interview's expiry passed.
      await first.prisma.interviewSession.create({
        data: { interviewId: overdue.interview.id, token: randomUUID().replaceAll('-', ''), expiresAt: past },
      })
      // An invite still waiting for a retry would carry the dead link.
      const invite = await first.prisma.emailMessage.create({
        data: {
          interviewId: overdue.interview.id,
          recipientEmail: uniqueEmail('candidate'),
          subject: 'Your interview',
          status: 'pending',
          attempts: 1,
          nextAttemptAt: new Date(Date.now() + 60_000),
        },
      })
      const notYet = await createInterviewWithLink(first, {
        recruiterId: user.id,
        expiresAt: new Date(Date.now() + DAY_MS),
      })
      const started = await createInterview(first, {
        recruiterId: user.id,
        status: 'IN_PROGRESS',
        expiresAt: past,
      })
      // A voice socket on another instance listens for its interview's access changes there.
      const changes: InterviewAccessChange[] = []
      const unwatch = await second.realtime.watchInterviewAccess(overdue.interview.id, (change) =>
        changes.push(change),
      )

      const run = await runJobOnce(first, expireInterviewsJob)
      expect(run).toMatchObject({
        outcome: 'ran',
        result: { expired: 1, linksRevoked: 2, invitesStopped: 1, failed: 0 },
      })
      expect(
        await first.prisma.emailMessage.findUniqueOrThrow({
          where: { id: invite.id },
          select: { status: true, nextAttemptAt: true, errorMessage: true },
        }),
      ).toEqual({
        status: 'failed',
        nextAttemptAt: null,
        errorMessage: 'The interview expired before this invite was sent.',
      })

      expect(await readInterview(first, overdue.interview.id)).toMatchObject({
        status: 'EXPIRED',
        interviewUrl: null,
      })
      const links = await first.prisma.interviewSession.findMany({
        where: { interviewId: overdue.interview.id },
      })
      expect(links).toHaveLength(2)
      expect(links.every((link) => link.revokedAt !== null)).toBe(true)
      const evidence = await first.prisma.interviewEvidence.findFirst({
        where: { interviewId: overdue.interview.id, kind: 'status' },
      })
      expect(evidence?.payload).toEqual({ from: 'PENDING', to: 'EXPIRED', reason: 'expired' })
      expect((await readInterview(first, notYet.interview.id)).status).toBe('PENDING')
      expect((await readInterview(first, started.id)).status).toBe('IN_PROGRESS')

      const update = await waitUntil(
        async () => updates.find((envelope) => envelope.payload.interview.id === overdue.interview.id),
        'interview:updated on the recruiter socket',
      )
      expect(update.payload.interview).toMatchObject({ status: 'EXPIRED', interviewUrl: null })
      const inviteUpdate = await waitUntil(
        async () => inviteUpdates[0],
        'email:status on the recruiter socket',
      )
      expect(inviteUpdate.payload).toMatchObject({ messageId: invite.id, status: 'failed' })
      await waitUntil(async () => changes[0], 'the access change on the other instance')
      expect(changes[0]).toMatchObject({ interviewId: overdue.interview.id, reason: 'interview_ended' })
      unwatch()

      // Idempotent: the next run finds nothing to do.
      expect(await runJobOnce(first, expireInterviewsJob)).toMatchObject({
        outcome: 'ran',
        result: { expired: 0, linksRevoked: 0, failed: 0 },
      })
    } finally {
      socket.disconnect()
    }
  })

  it('goes on past an interview it cannot expire, and counts it', async () => {
    const recruiter = await createUser(first)
    const past = new Date(Date.now() - 60_000)
    const [a, broken, c] = [
      await createInterview(first, {
        recruiterId: recruiter.id,
        expiresAt: new Date(past.getTime() - 2_000),
      }),
      await createInterview(first, {
        recruiterId: recruiter.id,
        expiresAt: new Date(past.getTime() - 1_000),
      }),
      await createInterview(first, { recruiterId: recruiter.id, expiresAt: past }),
    ]
    // The database itself refuses this one row's change, as a constraint or a lock timeout would.
    await first.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_test_expiry() RETURNS trigger AS $$
      BEGIN
        IF NEW."id" = '${broken.id}' AND NEW."status" = 'EXPIRED' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`)
    await first.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_test_expiry BEFORE UPDATE ON "Interview" FOR EACH ROW EXECUTE FUNCTION refuse_test_expiry()`,
    )
    try {
      const run = await runJobOnce(first, expireInterviewsJob)
      expect(run).toMatchObject({ outcome: 'ran', result: { expired: 2, failed: 1 } })
      expect((await readInterview(first, a.id)).status).toBe('EXPIRED')
      expect((await readInterview(first, broken.id)).status).toBe('PENDING')
      expect((await readInterview(first, c.id)).status).toBe('EXPIRED')
      const line = first.logs.lines.find(
        (entry) => entry.msg === 'interview expiry failed' && entry.interviewId === broken.id,
      )
      expect(line, 'the failure is logged with its interview').toBeDefined()
    } finally {
      await first.prisma.$executeRawUnsafe('DROP TRIGGER refuse_test_expiry ON "Interview"')
      await first.prisma.$executeRawUnsafe('DROP FUNCTION refuse_test_expiry')
    }
    // Once the cause is gone, the next run expires it.
    expect(await runJobOnce(first, expireInterviewsJob)).toMatchObject({ result: { expired: 1, failed: 0 } })
  })
})

describe('send-onboarding-reminders', () => {
  async function recruiterSince(ageMs: number, options: { isDisabled?: boolean } = {}) {
    const user = await createUser(first)
    await first.prisma.user.update({
      where: { id: user.id },
      data: {
        createdAt: new Date(Date.now() - ageMs),
        fullName: 'Riley Recruiter',
        ...(options.isDisabled ? { disabledAt: new Date() } : {}),
      },
    })
    return user
  }

  it('reminds recruiters with unfinished set-up once a period, through the outbox without a provider', async () => {
    const unfinished = await recruiterSince(2 * DAY_MS)
    const halfDone = await recruiterSince(3 * DAY_MS)
    await createRecruiterProfile(first, { userId: halfDone.id })
    await createJob(first, { recruiterId: halfDone.id })
    const done = await recruiterSince(3 * DAY_MS)
    await createRecruiterProfile(first, { userId: done.id })
    const logo = await createFile(first, { uploadedBy: done.id, category: 'LOGO', mimeType: 'image/png' })
    await first.prisma.recruiterProfile.update({ where: { userId: done.id }, data: { logoFileId: logo.id } })
    await createJob(first, { recruiterId: done.id })
    await createInterview(first, { recruiterId: done.id })
    const brandNew = await recruiterSince(60 * 60_000)
    const longAgo = await recruiterSince(40 * DAY_MS)
    const disabled = await recruiterSince(2 * DAY_MS, { isDisabled: true })

    const run = await runJobOnce(first, sendOnboardingRemindersJob)
    expect(run).toMatchObject({ outcome: 'ran', result: { sent: 2, failed: 0 } })

    const reminders = await first.prisma.onboardingReminder.findMany({
      where: {
        userId: { in: [unfinished, halfDone, done, brandNew, longAgo, disabled].map((user) => user.id) },
      },
      select: { userId: true, reminderType: true, tasksPending: true, period: true, transport: true },
    })
    const period = reminderPeriod(new Date())
    expect(reminders).toHaveLength(2)
    expect(reminders.find((reminder) => reminder.userId === unfinished.id)).toEqual({
      userId: unfinished.id,
      reminderType: 'setup_incomplete',
      tasksPending: ['company_name', 'company_logo', 'first_job', 'first_interview'],
      period,
      transport: 'outbox',
    })
    expect(reminders.find((reminder) => reminder.userId === halfDone.id)?.tasksPending).toEqual([
      'company_logo',
      'first_interview',
    ])
    const kept = await first.prisma.outboxMessage.findFirstOrThrow({ where: { userId: unfinished.id } })
    expect(kept).toMatchObject({ channel: 'email', interviewId: null, recipient: unfinished.email })
    expect(kept.subject).toBe('Finish setting up VantaHire')
    expect(kept.textContent).toContain('Hi Riley Recruiter,')
    expect(kept.textContent).toContain('Post your first job')

    // The recruiter reads it in their outbox, as they read invites kept there.
    const client = new TestClient(createApp(first).app)
    await client.signIn(unfinished.email)
    const outbox = await client.request('/api/outbox')
    expect(outbox.status, JSON.stringify(outbox.body)).toBe(200)
    expect(outbox.body.items).toEqual([
      expect.objectContaining({ interviewId: null, jobRole: null, subject: 'Finish setting up VantaHire' }),
    ])

    // At most one per period: a second run, on either instance, sends nothing more.
    expect(await runJobOnce(second, sendOnboardingRemindersJob)).toMatchObject({
      result: { sent: 0, failed: 0 },
    })
    expect(await first.prisma.onboardingReminder.count({ where: { userId: unfinished.id } })).toBe(1)
  })

  it('sends through Brevo, and leaves a recruiter whose send failed for the next run', async () => {
    const brevo = await FakeBrevoServer.start()
    const withBrevo = createTestServices({
      DATABASE_URL: database.databaseUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      BREVO_API_KEY: FAKE_BREVO_API_KEY,
      BREVO_BASE_URL: brevo.baseUrl,
    })
    try {
      const unlucky = await recruiterSince(5 * DAY_MS)
      const lucky = await recruiterSince(4 * DAY_MS)
      brevo.failNext(1, { status: 400, code: 'invalid_parameter', message: 'email is not valid' })

      const run = await runJobOnce(withBrevo, sendOnboardingRemindersJob)
      expect(run).toMatchObject({ outcome: 'ran', result: { sent: 1, failed: 1 } })
      expect(
        brevo.sends().map((send) => (send.body?.to as { email: string }[] | undefined)?.[0]?.email),
      ).toEqual([unlucky.email, lucky.email])
      expect(await withBrevo.prisma.onboardingReminder.count({ where: { userId: unlucky.id } })).toBe(0)
      expect(
        await withBrevo.prisma.onboardingReminder.findFirst({
          where: { userId: lucky.id },
          select: { transport: true },
        }),
      ).toEqual({ transport: 'brevo' })

      const retry = await runJobOnce(withBrevo, sendOnboardingRemindersJob)
      expect(retry).toMatchObject({ result: { sent: 1, failed: 0 } })
      expect(brevo.sends()).toHaveLength(3)
      expect(await withBrevo.prisma.onboardingReminder.count({ where: { userId: unlucky.id } })).toBe(1)
    } finally {
      await withBrevo.close()
      await brevo.stop()
    }
  })
})

describe('clean-expired-link-sessions', () => {
  it('deletes links that ended over 30 days ago and keeps the rest', async () => {
    const recruiter = await createUser(first)
    const longAgo = new Date(Date.now() - 31 * DAY_MS)
    const interview = await createInterview(first, { recruiterId: recruiter.id })
    const live = await createLink(first, { interviewId: interview.id })
    const recentlyExpired = await createLink(first, { interviewId: interview.id, state: 'expired' })
    const recentlyRevoked = await createLink(first, { interviewId: interview.id, state: 'revoked' })
    const oldRevoked = await createLink(first, { interviewId: interview.id })
    await first.prisma.interviewSession.update({ where: { id: oldRevoked.id }, data: { revokedAt: longAgo } })
    // Made last, so it is the interview's current link: its URL must go with it.
    const oldExpired = await createLink(first, { interviewId: interview.id })
    await first.prisma.interviewSession.update({ where: { id: oldExpired.id }, data: { expiresAt: longAgo } })

    const run = await runJobOnce(first, cleanExpiredLinkSessionsJob)
    expect(run).toMatchObject({ outcome: 'ran', result: { deleted: 2, failed: 0 } })
    const left = await first.prisma.interviewSession.findMany({
      where: { interviewId: interview.id },
      select: { id: true },
    })
    expect(left.map((link) => link.id).sort()).toEqual(
      [live.id, recentlyExpired.id, recentlyRevoked.id].sort(),
    )
    expect((await readInterview(first, interview.id)).interviewUrl).toBeNull()

    expect(await runJobOnce(first, cleanExpiredLinkSessionsJob)).toMatchObject({ result: { deleted: 0 } })
  })
})

describe('reset-api-key-counters', () => {
  it("starts yesterday's counts over and leaves keys already counting today", async () => {
    const recruiter = await createUser(first)
    const yesterday = await createApiKey(first, { userId: recruiter.id, scopes: ['interviews:read'] })
    const today = await createApiKey(first, { userId: recruiter.id, scopes: ['interviews:read'] })
    await first.prisma.apiKey.update({
      where: { id: yesterday.apiKey.id },
      data: { requestsToday: 40, lastRequestAt: new Date(Date.now() - DAY_MS) },
    })
    const now = new Date()
    await first.prisma.apiKey.update({
      where: { id: today.apiKey.id },
      data: { requestsToday: 3, lastRequestAt: now },
    })

    const run = await runJobOnce(first, resetApiKeyCountersJob)
    expect(run).toMatchObject({ outcome: 'ran', result: { reset: 1, failed: 0 } })
    const [reset, kept] = await Promise.all(
      [yesterday, today].map(({ apiKey }) =>
        first.prisma.apiKey.findUniqueOrThrow({
          where: { id: apiKey.id },
          select: { requestsToday: true, lastResetAt: true },
        }),
      ),
    )
    expect(reset?.requestsToday).toBe(0)
    expect(reset?.lastResetAt).toBeInstanceOf(Date)
    expect(kept).toEqual({ requestsToday: 3, lastResetAt: null })
    expect(await runJobOnce(first, resetApiKeyCountersJob)).toMatchObject({ result: { reset: 0 } })
  })
})

describe('the admin jobs panel', () => {
  async function adminFetch(path: string, init: RequestInit = {}) {
    const client = new TestClient(createApp(first).app)
    await client.signIn(uniqueEmail('admin'), 'ADMIN')
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { Origin: APP_ORIGIN, Cookie: `vh_session=${client.cookies.get('vh_session')}` },
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  it('lists every job with its schedule, next run and last runs, over HTTP', async () => {
    const listed = await adminFetch('/api/admin/background-jobs')
    expect(listed.status, JSON.stringify(listed.body)).toBe(200)
    const names = listed.body.jobs.map((job: { name: string }) => job.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'expire-interviews',
        'send-onboarding-reminders',
        'clean-expired-link-sessions',
        'reset-api-key-counters',
        'send-invites',
        'score-completed-interviews',
        'complete-overdue-interviews',
      ]),
    )
    const expiry = listed.body.jobs.find((job: { name: string }) => job.name === 'expire-interviews')
    expect(expiry).toMatchObject({ schedule: '0 * * * * *', isRunning: false })
    expect(expiry.description).toMatch(/expires/i)
    expect(new Date(expiry.nextRunAt).getTime()).toBeGreaterThan(Date.now() - 1_000)
    expect(new Date(expiry.nextRunAt).getUTCSeconds()).toBe(0)
    // The runs of the tests above, newest first: the last one found nothing.
    expect(expiry.lastRuns[0]).toMatchObject({
      trigger: 'manual',
      status: 'SUCCEEDED',
      result: { expired: 1, linksRevoked: 0, failed: 0 },
      error: null,
    })
  })

  it('runs a job on demand and shows the run, refuses one that is running, and knows no other', async () => {
    const ran = await adminFetch('/api/admin/background-jobs/reset-api-key-counters/run', { method: 'POST' })
    expect(ran.status, JSON.stringify(ran.body)).toBe(200)
    expect(ran.body.run).toMatchObject({
      trigger: 'manual',
      status: 'SUCCEEDED',
      result: { reset: 0, failed: 0 },
    })
    const listed = await adminFetch('/api/admin/background-jobs')
    const job = listed.body.jobs.find((entry: { name: string }) => entry.name === 'reset-api-key-counters')
    expect(job.lastRuns[0].id).toBe(ran.body.run.id)

    // Another instance's run holds the lock.
    await second.redis.set(lockKey('reset-api-key-counters'), 'elsewhere', 'PX', 30_000)
    try {
      const busy = await adminFetch('/api/admin/background-jobs/reset-api-key-counters/run', {
        method: 'POST',
      })
      expect(busy.status, JSON.stringify(busy.body)).toBe(409)
      expect(busy.body.error.code).toBe('CONFLICT')
      const listedBusy = await adminFetch('/api/admin/background-jobs')
      expect(
        listedBusy.body.jobs.find((entry: { name: string }) => entry.name === 'reset-api-key-counters')
          .isRunning,
      ).toBe(true)
    } finally {
      await second.redis.del(lockKey('reset-api-key-counters'))
    }

    const unknown = await adminFetch('/api/admin/background-jobs/no-such-job/run', { method: 'POST' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')
  })
})

function spawnScheduler(input: { name: string; lockMs: number; instanceId: string }): ChildProcess {
  const script = fileURLToPath(new URL('./support/cron-scheduler-process.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: database.databaseUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      LOG_LEVEL: 'warn',
      CRON_TEST_JOB: input.name,
      CRON_TEST_LOCK_MS: String(input.lockMs),
      CRON_TEST_INSTANCE: input.instanceId,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return child
}
