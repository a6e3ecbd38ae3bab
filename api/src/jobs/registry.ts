import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { type ScheduledTask, schedule } from 'node-cron'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { isUniqueViolation } from '../lib/errors.js'

export type JobDeps = Pick<
  Services,
  'prisma' | 'redis' | 'realtime' | 'logger' | 'languageModel' | 'config' | 'emailSender' | 'whatsAppSender'
>

/** A cron job as data: the registry schedules it and makes sure one instance runs each tick. */
export type CronJob = {
  name: string
  /** node-cron syntax, seconds first when six fields are given; read in UTC. */
  schedule: string
  /** What it does, for the admin's jobs panel. */
  description: string
  /** Returns what it did, as counts; the run log keeps it. */
  run(deps: JobDeps): Promise<unknown>
  /**
   * How long the running lock lasts without renewal. A live run renews it every third of this, so
   * it only bounds how long a killed instance blocks the job: its lock lapses after it.
   */
  lockMs?: number
}

export const DEFAULT_LOCK_MS = 30_000
/**
 * How long a claimed tick stays claimed: far longer than any clock skew or timer delay between
 * instances, so a late instance never finds its tick unclaimed.
 */
const TICK_CLAIM_MS = 10 * 60_000
// Deletes the lock only while this run still holds it, so a run that overran never frees the next one's.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`
// Extends the lock only while this run still holds it.
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`

/**
 * How long run records are kept: the frequent jobs add thousands a day, and the jobs panel shows the
 * last few. Each run deletes its own job's older records (an index range, usually empty).
 */
export const CRON_RUN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000

/** This process, as run records name it. */
export const DEFAULT_INSTANCE_ID = `${hostname()}:${process.pid}`

export const lockKey = (jobName: string) => `cron-lock:${jobName}`
/** A tick's scheduled time in whole seconds (node-cron's finest unit): every instance computes the same. */
const tickOf = (scheduledAt: Date) => new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000)
export const tickKey = (jobName: string, scheduledAt: Date) =>
  `cron-tick:${jobName}:${tickOf(scheduledAt).toISOString()}`

export type RunTrigger = { kind: 'schedule'; scheduledAt: Date } | { kind: 'manual'; requestedById?: string }

export type RunOptions = { trigger?: RunTrigger; instanceId?: string }

export type RunOutcome =
  | { outcome: 'ran'; runId: string; result: unknown }
  | { outcome: 'failed'; runId: string; error: string }
  /** `tick-claimed`: another instance runs this tick; `running`: a run of this job is still going. */
  | { outcome: 'skipped'; reason: 'tick-claimed' | 'running' }

/**
 * Runs `job` once unless another run of it is going on any instance. A scheduled run first claims
 * its tick (`SET NX` on the job and the tick's time), so an instance whose timer fires later finds
 * the tick taken even when the first run has long finished. Then it takes the job's running lock,
 * renewed while the run lives and released by compare-and-delete; a killed instance's lock lapses
 * after `lockMs` and a later tick runs elsewhere. Every run is recorded in `CronRun` with what it did.
 */
export async function runJobOnce(deps: JobDeps, job: CronJob, options: RunOptions = {}): Promise<RunOutcome> {
  const trigger = options.trigger ?? { kind: 'manual' }
  const instanceId = options.instanceId ?? DEFAULT_INSTANCE_ID
  if (trigger.kind === 'schedule') {
    const claimed = await deps.redis.set(
      tickKey(job.name, trigger.scheduledAt),
      instanceId,
      'PX',
      TICK_CLAIM_MS,
      'NX',
    )
    if (claimed !== 'OK') return { outcome: 'skipped', reason: 'tick-claimed' }
  }
  const lockMs = job.lockMs ?? DEFAULT_LOCK_MS
  const key = lockKey(job.name)
  const token = randomUUID()
  const acquired = await deps.redis.set(key, token, 'PX', lockMs, 'NX')
  if (acquired !== 'OK') return { outcome: 'skipped', reason: 'running' }
  const renewal = setInterval(
    () => {
      deps.redis
        .eval(RENEW_SCRIPT, 1, key, token, lockMs)
        .then((renewed) => {
          if (Number(renewed) !== 1) deps.logger.warn({ job: job.name }, 'cron job lost its lock mid-run')
        })
        .catch((error) => deps.logger.warn({ err: error, job: job.name }, 'cron job lock not renewed'))
    },
    Math.max(100, Math.floor(lockMs / 3)),
  )
  renewal.unref()
  try {
    const outcome = await runLocked(deps, job, trigger, instanceId)
    await deps.prisma.cronRun
      .deleteMany({
        where: { jobName: job.name, startedAt: { lt: new Date(Date.now() - CRON_RUN_RETENTION_MS) } },
      })
      .catch((error) => deps.logger.warn({ err: error, job: job.name }, 'old cron runs not deleted'))
    return outcome
  } finally {
    clearInterval(renewal)
    await deps.redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined)
  }
}

async function runLocked(
  deps: JobDeps,
  job: CronJob,
  trigger: RunTrigger,
  instanceId: string,
): Promise<RunOutcome> {
  // Holding the lock, no other run of this job is alive: an unfinished record is one whose instance died.
  await deps.prisma.cronRun.updateMany({
    where: { jobName: job.name, status: 'RUNNING' },
    data: {
      status: 'INTERRUPTED',
      finishedAt: new Date(),
      error: 'Its instance stopped before the run finished.',
    },
  })
  let runId: string
  try {
    const record = await deps.prisma.cronRun.create({
      data: {
        jobName: job.name,
        trigger: trigger.kind,
        scheduledAt: trigger.kind === 'schedule' ? tickOf(trigger.scheduledAt) : null,
        requestedById: trigger.kind === 'manual' ? trigger.requestedById : null,
        instanceId,
      },
      select: { id: true },
    })
    runId = record.id
  } catch (error) {
    // The tick ran already: its claim in Redis was lost (a restart without persistence), the record was not.
    if (isUniqueViolation(error)) return { outcome: 'skipped', reason: 'tick-claimed' }
    throw error
  }
  const startedAt = Date.now()
  try {
    const result = await job.run(deps)
    await deps.prisma.cronRun.update({
      where: { id: runId },
      data: { status: 'SUCCEEDED', finishedAt: new Date(), result: toJson(result) },
    })
    deps.logger.info(
      { job: job.name, trigger: trigger.kind, durationMs: Date.now() - startedAt, result },
      'cron job ran',
    )
    return { outcome: 'ran', runId, result }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    deps.logger.error({ err: error, job: job.name, trigger: trigger.kind }, 'cron job failed')
    await deps.prisma.cronRun
      .update({ where: { id: runId }, data: { status: 'FAILED', finishedAt: new Date(), error: message } })
      .catch((recordError) => deps.logger.warn({ err: recordError, job: job.name }, 'cron run not recorded'))
    return { outcome: 'failed', runId, error: message }
  }
}

function toJson(result: unknown): Prisma.InputJsonValue | undefined {
  if (result === undefined || result === null) return undefined
  return JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue
}

/**
 * node-cron's own messages in our log. Its warnings are about a tick skipped while this instance's
 * previous run goes on, which the lock would skip anyway: debug, not warn.
 */
function cronLogger(logger: JobDeps['logger']) {
  return {
    info: (message: string) => logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => logger.debug({ source: 'node-cron' }, message),
    debug: (message: string | Error) => logger.debug({ source: 'node-cron' }, String(message)),
    error: (message: string | Error, error?: Error) =>
      logger.error({ source: 'node-cron', err: error ?? message }, String(message)),
  }
}

/** A running schedule: `stop` ends it and waits for runs in progress. */
export type CronScheduler = { stop(): Promise<void> }

/**
 * Schedules every job. Any number of instances may do so against one Redis: each tick runs on one
 * of them (`runJobOnce`).
 */
export function startCronJobs(
  deps: JobDeps,
  jobs: readonly CronJob[],
  options: { instanceId?: string } = {},
): CronScheduler {
  const instanceId = options.instanceId ?? DEFAULT_INSTANCE_ID
  const running = new Set<Promise<unknown>>()
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.schedule,
      async (context) => {
        const run = runJobOnce(deps, job, {
          trigger: { kind: 'schedule', scheduledAt: context.date },
          instanceId,
        }).catch((error) => deps.logger.error({ err: error, job: job.name }, 'cron job not run'))
        running.add(run)
        await run
        running.delete(run)
      },
      {
        name: job.name,
        noOverlap: true,
        // UTC, whatever the host's zone: the daily jobs follow the UTC day that API key limits count by.
        timezone: 'Etc/UTC',
        logger: cronLogger(deps.logger),
      },
    ),
  )
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()))
      await Promise.all(running)
    },
  }
}
