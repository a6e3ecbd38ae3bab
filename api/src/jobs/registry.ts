import { randomUUID } from 'node:crypto'
import { type ScheduledTask, schedule } from 'node-cron'
import type { Services } from '../infra/container.js'

type JobDeps = Pick<
  Services,
  'prisma' | 'redis' | 'realtime' | 'logger' | 'languageModel' | 'config' | 'emailSender' | 'whatsAppSender'
>

/** A cron job as data: the registry schedules it and makes sure one instance runs each tick. */
export type CronJob = {
  name: string
  /** node-cron syntax, seconds first when six fields are given. */
  schedule: string
  run(deps: JobDeps): Promise<unknown>
  /** How long one run may hold the lock; a crashed instance's lock lapses after it. */
  lockMs?: number
}

const DEFAULT_LOCK_MS = 60_000
// Deletes the lock only while this run still holds it, so a run that overran never frees the next one's.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

/**
 * Runs `job` once if no other instance is running it: `SET NX PX` takes the lock, compare-and-delete
 * releases it. Returns `skipped` when another instance holds it.
 */
export async function runJobOnce(
  deps: JobDeps,
  job: CronJob,
): Promise<{ outcome: 'ran' | 'skipped'; result?: unknown }> {
  const key = `cron-lock:${job.name}`
  const token = randomUUID()
  const acquired = await deps.redis.set(key, token, 'PX', job.lockMs ?? DEFAULT_LOCK_MS, 'NX')
  if (acquired !== 'OK') return { outcome: 'skipped' }
  const startedAt = Date.now()
  try {
    const result = await job.run(deps)
    deps.logger.info({ job: job.name, durationMs: Date.now() - startedAt, result }, 'cron job ran')
    return { outcome: 'ran', result }
  } finally {
    await deps.redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined)
  }
}

/** Schedules every job; `stop` ends the schedule and waits for runs in progress. */
export function startCronJobs(deps: JobDeps, jobs: readonly CronJob[]): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>()
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.schedule,
      async () => {
        const run = runJobOnce(deps, job).catch((error) =>
          deps.logger.error({ err: error, job: job.name }, 'cron job failed'),
        )
        running.add(run)
        await run
        running.delete(run)
      },
      { name: job.name, noOverlap: true },
    ),
  )
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()))
      await Promise.all(running)
    },
  }
}
