import { z } from '@hono/zod-openapi'
import { IsoDateTimeSchema } from './dates.js'

/** An interview sent to the signed-in candidate, as they may see it: no link, notes or results. */
export const MyOpenInterviewSchema = z
  .object({
    id: z.string(),
    jobRole: z.string(),
    companyName: z.string().nullable(),
    type: z.enum(['TEXT', 'VOICE']),
    status: z.enum(['PENDING', 'IN_PROGRESS']),
    expiresAt: IsoDateTimeSchema.nullable(),
    invitedAt: IsoDateTimeSchema,
  })
  .openapi('MyOpenInterview')

export const MyOpenInterviewListSchema = z
  .object({ items: z.array(MyOpenInterviewSchema) })
  .openapi('MyOpenInterviewList')
