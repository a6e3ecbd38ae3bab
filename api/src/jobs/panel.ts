import { createTask } from 'node-cron'
import type { Actor } from '../domain/actor.js'
import type { Prisma } from '../generated/prisma/client.js'
import { AppError } from '../lib/errors.js'
import { requireSignedInRole } from '../services/access.js'
import { CRON_JOBS } from './index.js'
import { type CronJob, type JobDeps, lockKey, runJobOnce } from './registry.js'

/** Runs the jobs panel shows per job. */
const LAST_RUNS = 5

const RUN_SELECT = {
  id: true,
  trigger: true,
  scheduledAt: true,
  instanceId: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  result: true,
  error: true,
} as const satisfies Prisma.CronRunSelect

type StoredRun = Prisma.CronRunGetPayload<{ select: typeof RUN_SELECT }>

function presentRun(run: StoredRun) {
  const result = run.result
  const counts =
    result && typeof result === 'object' && !Array.isArray(result)
      ? Object.fromEntries(
          Object.entries(result).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
        )
      : null
  return {
    ...run,
    trigger: run.trigger === 'manual' ? ('manual' as const) : ('schedule' as const),
    result: counts,
  }
}

/** When the schedule next fires (UTC), read from the expression: this instance may schedule nothing. */
async function nextRunOf(job: CronJob): Promise<Date | null> {
  const task = createTask(job.schedule, () => undefined, { timezone: 'Etc/UTC' })
  try {
    return task.getNextRuns(1)[0] ?? null
  } finally {
    await task.destroy()
  }
}

const requireAdmin = (actor: Actor) => requireSignedInRole(actor, ['ADMIN'])

/** Every background job with its schedule, whether it runs now, when it runs next and its last runs. */
export async function listBackgroundJobs(
  deps: Pick<JobDeps, 'prisma' | 'redis'>,
  actor: Actor,
  jobs: readonly CronJob[] = CRON_JOBS,
) {
  requireAdmin(actor)
  const [runs, locks] = await Promise.all([
    Promise.all(
      jobs.map((job) =>
        deps.prisma.cronRun.findMany({
          where: { jobName: job.name },
          orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
          take: LAST_RUNS,
          select: RUN_SELECT,
        }),
      ),
    ),
    Promise.all(jobs.map((job) => deps.redis.exists(lockKey(job.name)))),
  ])
  return {
    jobs: await Promise.all(
      jobs.map(async (job, index) => ({
        name: job.name,
        schedule: job.schedule,
        description: job.description,
        nextRunAt: await nextRunOf(job),
        isRunning: locks[index] === 1,
        lastRuns: (runs[index] ?? []).map(presentRun),
      })),
    ),
  }
}

/**
 * Runs a job now, through the same lock as its schedule, and answers with the run once it ends
 * (its outcome and counts, or its error). 409 while a run of it is going on any instance.
 */
export async function runBackgroundJobNow(
  deps: JobDeps,
  actor: Actor,
  input: { name: string },
  jobs: readonly CronJob[] = CRON_JOBS,
) {
  const { userId } = requireAdmin(actor)
  const job = jobs.find((candidate) => candidate.name === input.name)
  if (!job) throw new AppError({ code: 'NOT_FOUND', message: `No background job is called ${input.name}.` })
  const outcome = await runJobOnce(deps, job, { trigger: { kind: 'manual', requestedById: userId } })
  if (outcome.outcome === 'skipped') {
    throw new AppError({
      code: 'CONFLICT',
      message: `${job.name} is running now; its run will show here when it ends.`,
    })
  }
  deps.logger.info({ job: job.name, userId, outcome: outcome.outcome }, 'background job run by an admin')
  const run = await deps.prisma.cronRun.findUniqueOrThrow({
    where: { id: outcome.runId },
    select: RUN_SELECT,
  })
  return { run: presentRun(run) }
}
