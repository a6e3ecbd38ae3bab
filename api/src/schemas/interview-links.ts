import { z } from '@hono/zod-openapi'
import { INTERVIEW_STATUSES } from '../domain/interview-status.js'
import { CandidateInterviewStateSchema } from './candidate.js'
import { futureDateTime, IsoDateTimeSchema } from './dates.js'

export const InterviewLinkSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'The address the candidate opens.' }),
    status: z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']),
    expiresAt: IsoDateTimeSchema,
    revokedAt: IsoDateTimeSchema.nullable(),
    lastAccessedAt: IsoDateTimeSchema.nullable(),
    accessCount: z.number().int(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('InterviewLink')

export const InterviewLinkListSchema = z
  .object({ items: z.array(InterviewLinkSchema) })
  .openapi('InterviewLinkList')
export const InterviewLinkResponseSchema = z
  .object({ link: InterviewLinkSchema })
  .openapi('InterviewLinkResponse')
export const RevokedLinksSchema = z.object({ revoked: z.number().int() }).openapi('RevokedLinks')

export const CreateInterviewLinkBodySchema = z
  .object({
    expiresAt: futureDateTime(
      '2027-01-31T00:00:00Z',
      "Default: the interview's expiry, or seven days.",
    ).optional(),
  })
  .openapi('CreateInterviewLinkBody')

export const InterviewParamsSchema = z.object({ id: z.uuid({ error: 'must be an interview id' }) })
export const InterviewLinkParamsSchema = InterviewParamsSchema.extend({
  sessionId: z.uuid({ error: 'must be a link id' }),
})

export const CandidateInterviewSchema = z
  .object({
    interview: z.object({
      id: z.string(),
      jobRole: z.string(),
      type: z.enum(['TEXT', 'VOICE']),
      status: z.enum(INTERVIEW_STATUSES),
      timeLimitMinutes: z.number().int(),
      expiresAt: IsoDateTimeSchema.nullable(),
      candidateName: z.string().nullable(),
      company: z.object({
        name: z.string().nullable(),
        brandColor: z.string().nullable(),
        logoFileId: z.string().nullable(),
      }),
      /** Consent, clock and progress: what the page needs to resume. */
      state: CandidateInterviewStateSchema,
      /** False when the server has no speech services: the page offers the interview in text. */
      voice: z.object({ available: z.boolean() }),
      /** False when the server keeps no recordings: the page offers no recording consent and says so. */
      recording: z.object({ available: z.boolean() }),
    }),
  })
  .openapi('CandidateInterview')
