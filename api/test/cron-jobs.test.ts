import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CronJob, runJobOnce, startCronJobs, tickKey } from '../src/jobs/registry.js'
import { createRedisKeyPrefix, createTestDatabase } from './support/database.js'
import { createTestServices } from './support/services.js'

// Jobs act on every row of their tables, so this file has a database of its own; two sets of
// services on it, with their own Prisma and Redis connections, stand for two API instances.
let database: Awaited<ReturnType<typeof createTestDatabase>>
let redisKeyPrefix: string
let first: ReturnType<typeof createTestServices>
let second: ReturnType<typeof createTestServices>

beforeAll(async () => {
  database = await createTestDatabase('cron')
  redisKeyPrefix = createRedisKeyPrefix('cron')
  const shared = { DATABASE_URL: database.databaseUrl, REDIS_KEY_PREFIX: redisKeyPrefix }
  first = createTestServices(shared)
  second = createTestServices(shared)
})

afterAll(async () => {
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
    const runs: { job: string; instance: string; second: number }[] = []
    const jobsFor = (instance: string): CronJob[] =>
      ['alpha', 'beta'].map((name) => ({
        name: `${name}-${redisKeyPrefix}`,
        schedule: '* * * * * *',
        description: 'Counts its runs.',
        run: async () => {
          runs.push({ job: name, instance, second: Math.floor(Date.now() / 1000) })
          await sleep(50)
          return { counted: 1, failed: 0 }
        },
      }))
    const schedulers = [
      startCronJobs(first, jobsFor('first'), { instanceId: 'first' }),
      startCronJobs(second, jobsFor('second'), { instanceId: 'second' }),
    ]
    await sleep(4_500)
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()))

    for (const job of ['alpha', 'beta']) {
      const ofJob = runs.filter((run) => run.job === job)
      const perSecond = new Map<number, number>()
      for (const run of ofJob) perSecond.set(run.second, (perSecond.get(run.second) ?? 0) + 1)
      expect(ofJob.length, JSON.stringify(runs)).toBeGreaterThanOrEqual(3)
      expect(
        [...perSecond.values()].every((count) => count === 1),
        JSON.stringify(ofJob),
      ).toBe(true)
      const recorded = await first.prisma.cronRun.findMany({
        where: { jobName: `${job}-${redisKeyPrefix}` },
        select: { status: true, trigger: true, instanceId: true, result: true, scheduledAt: true },
      })
      expect(recorded).toHaveLength(ofJob.length)
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

  it('keeps running on the other instance when one is killed mid-run', async () => {
    const name = `hanging-${randomUUID()}`
    const lockMs = 1_500
    const child = spawnScheduler({ name, lockMs, instanceId: 'doomed' })
    let survivor: { stop(): Promise<void> } | undefined
    try {
      await waitUntil(
        () =>
          first.prisma.cronRun
            .findFirst({ where: { jobName: name, instanceId: 'doomed', status: 'RUNNING' } })
            .then((run) => run ?? undefined),
        'the doomed instance to start its run',
        20_000,
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
      expect(survivorRuns[0]! - killedAt).toBeLessThan(lockMs + 2_500)
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
  }, 45_000)
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
