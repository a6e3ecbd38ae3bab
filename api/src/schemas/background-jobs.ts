import { z } from '@hono/zod-openapi'
import { CRON_RUN_STATUSES, CRON_RUN_TRIGGERS } from '../domain/cron-run.js'
import { IsoDateTimeSchema } from './dates.js'

export const CronRunStatusSchema = z.enum(CRON_RUN_STATUSES).openapi('CronRunStatus')

export const CronRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(CRON_RUN_TRIGGERS),
    scheduledAt: IsoDateTimeSchema.nullable().openapi({
      description: 'The tick it ran for; null for a manual run.',
    }),
    instanceId: z.string().openapi({ description: 'The API instance that ran it (host:pid).' }),
    status: CronRunStatusSchema,
    startedAt: IsoDateTimeSchema,
    finishedAt: IsoDateTimeSchema.nullable(),
    result: z.record(z.string(), z.number()).nullable().openapi({
      description: 'What the run did, as counts; `failed` counts the items it could not handle.',
    }),
    error: z.string().nullable(),
  })
  .openapi('CronRun')

export const BackgroundJobSchema = z
  .object({
    name: z.string(),
    schedule: z.string().openapi({ description: 'node-cron syntax (seconds first), in UTC.' }),
    description: z.string(),
    nextRunAt: IsoDateTimeSchema.nullable(),
    isRunning: z.boolean().openapi({ description: 'A run holds the job’s lock on some instance now.' }),
    lastRuns: z.array(CronRunSchema).openapi({ description: 'Newest first.' }),
  })
  .openapi('BackgroundJob')

export const BackgroundJobListSchema = z
  .object({ jobs: z.array(BackgroundJobSchema) })
  .openapi('BackgroundJobList')

export const BackgroundJobParamsSchema = z.object({
  name: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]+$/, { error: 'must be a job name' }),
})

export const BackgroundJobRunResponseSchema = z
  .object({ run: CronRunSchema })
  .openapi('BackgroundJobRunResponse')
