import { z } from '@hono/zod-openapi'
import { IsoDateTimeSchema } from './dates.js'
import { InterviewStatusSchema } from './interviews.js'

/** An interview in one of the dashboard's lists: enough to name it and say why it is there. */
export const AttentionInterviewSchema = z
  .object({
    id: z.string(),
    candidateName: z.string().nullable(),
    candidateEmail: z.string(),
    jobRole: z.string(),
    status: InterviewStatusSchema,
    expiresAt: IsoDateTimeSchema.nullable(),
    startedAt: IsoDateTimeSchema.nullable(),
    completedAt: IsoDateTimeSchema.nullable(),
    score: z.number().int().nullable(),
  })
  .openapi('AttentionInterview')

const AttentionListSchema = z.object({
  count: z.number().int().openapi({ description: 'How many there are in all.' }),
  items: z.array(AttentionInterviewSchema).openapi({ description: 'The first few, most urgent first.' }),
})

export const DashboardSchema = z
  .object({
    needsReview: AttentionListSchema.openapi({
      description: 'Completed and not yet marked reviewed; oldest finished first.',
    }),
    inProgress: AttentionListSchema.openapi({ description: 'Running now; earliest started first.' }),
    expiringSoon: AttentionListSchema.openapi({
      description: 'Not started and expiring within 48 hours; soonest first.',
    }),
    totals: z.object({
      interviewsByStatus: z.object({
        PENDING: z.number().int(),
        IN_PROGRESS: z.number().int(),
        COMPLETED: z.number().int(),
        EXPIRED: z.number().int(),
      }),
      applicationsThisWeek: z.number().int().openapi({ description: 'Applied in the last 7 days.' }),
      openJobs: z.number().int().openapi({ description: 'Approved and accepting applications.' }),
    }),
  })
  .openapi('Dashboard')
