import { z } from '@hono/zod-openapi'
import { INTEGRITY_EVENT_TYPES } from '../domain/integrity.js'
import { INTERVIEW_STATUSES, INTERVIEW_TRANSITIONS } from '../domain/interview-status.js'
import { VOICE_PACES } from '../domain/voice-pace.js'
import { futureDateTime, IsoDateTimeSchema } from './dates.js'
import { emailAddress } from './email.js'
import { InterviewLinkSchema } from './interview-links.js'
import { PaginationQuerySchema, pageOf } from './pagination.js'

export const InterviewStatusSchema = z.enum(INTERVIEW_STATUSES).openapi('InterviewStatus')
export const InterviewTypeSchema = z.enum(['TEXT', 'VOICE']).openapi('InterviewType')
/** How long a voice interviewer waits before taking its turn: `patient` never cuts off a thought in progress. */
export const VoicePaceSchema = z.enum(VOICE_PACES).openapi('VoicePace', {
  description: 'Voice turn-taking: `patient` (default) waits longer before replying than `quick`.',
})

const QuestionsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, { error: 'cannot be empty' })
      .max(1000, { error: 'must be at most 1000 characters' }),
  )
  .max(30, { error: 'at most 30 questions' })

const futureDate = futureDateTime('2027-01-31T17:00:00Z')

export const InterviewSchema = z
  .object({
    id: z.string(),
    recruiterId: z.string(),
    jobId: z.string().nullable(),
    job: z.object({ id: z.string(), title: z.string() }).nullable(),
    candidateEmail: z.string(),
    candidateName: z.string().nullable(),
    candidateNotes: z.string().nullable(),
    candidateResumeFileId: z.string().nullable(),
    jobRole: z.string(),
    type: InterviewTypeSchema,
    voicePace: VoicePaceSchema,
    timeLimitMinutes: z.number().int(),
    questions: z.array(z.string()),
    status: InterviewStatusSchema,
    interviewUrl: z.string().nullable(),
    expiresAt: IsoDateTimeSchema.nullable(),
    startedAt: IsoDateTimeSchema.nullable(),
    completedAt: IsoDateTimeSchema.nullable(),
    score: z.number().int().nullable(),
    transcriptSummary: z.string().nullable(),
    /** The candidate asked for a person to review the result, in their own words if they gave any. */
    humanReviewRequestedAt: IsoDateTimeSchema.nullable(),
    humanReviewReason: z.string().nullable(),
    /** When the recruiter marked the finished interview's results as reviewed, and who did. */
    reviewedAt: IsoDateTimeSchema.nullable(),
    reviewedBy: z.object({ id: z.string(), fullName: z.string().nullable() }).nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    nextStatuses: z.array(InterviewStatusSchema).optional().openapi({
      description:
        'The statuses this interview may move to next (PATCH …/status), from the transition table; every answer has it.',
    }),
  })
  // Derived here, the one place every interview answer and event passes through, so it cannot drift
  // from the status it describes.
  .transform((interview) => ({ ...interview, nextStatuses: [...INTERVIEW_TRANSITIONS[interview.status]] }))
  .openapi('Interview')

export const InterviewResponseSchema = z.object({ interview: InterviewSchema }).openapi('InterviewResponse')
export const InterviewPageSchema = pageOf(InterviewSchema).openapi('InterviewPage')

export const CreateInterviewBodySchema = z
  .object({
    jobRole: z.string().trim().min(1, { error: 'is required' }).max(200),
    type: InterviewTypeSchema.default('TEXT'),
    voicePace: VoicePaceSchema.default('patient'),
    timeLimitMinutes: z
      .number()
      .int()
      .min(5, { error: 'must be at least 5 minutes' })
      .max(180, { error: 'must be at most 180 minutes' })
      .default(30),
    expiresAt: futureDateTime(
      '2027-01-31T17:00:00Z',
      'Last moment the candidate can take the interview.',
    ).optional(),
    candidateEmail: emailAddress(),
    candidateName: z.string().trim().max(200).optional(),
    candidateNotes: z.string().trim().max(5000).optional(),
    jobId: z.uuid({ error: 'must be a job id' }).optional(),
    candidateResumeFileId: z.uuid({ error: 'must be a file id' }).optional(),
    questions: QuestionsSchema.default([]),
  })
  .openapi('CreateInterviewBody')

export const UpdateInterviewBodySchema = z
  .object({
    jobRole: z.string().trim().min(1, { error: 'is required' }).max(200),
    type: InterviewTypeSchema,
    voicePace: VoicePaceSchema,
    timeLimitMinutes: z
      .number()
      .int()
      .min(5, { error: 'must be at least 5 minutes' })
      .max(180, { error: 'must be at most 180 minutes' }),
    expiresAt: futureDate.nullable(),
    candidateEmail: emailAddress(),
    candidateName: z.string().trim().max(200).nullable(),
    candidateNotes: z.string().trim().max(5000).nullable(),
    jobId: z.uuid({ error: 'must be a job id' }).nullable(),
    questions: QuestionsSchema,
  })
  .partial()
  .openapi('UpdateInterviewBody')

export const UpdateInterviewStatusBodySchema = z
  .object({ status: InterviewStatusSchema })
  .openapi('UpdateInterviewStatusBody')

export const InterviewListQuerySchema = PaginationQuerySchema.extend({
  status: InterviewStatusSchema.optional(),
  jobId: z.uuid({ error: 'must be a job id' }).optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Matches candidate email or name (case-insensitive).' }),
  sort: z.enum(['newest', 'oldest', 'expiring', 'candidate']).default('newest'),
})

export const CreatedInterviewSchema = z
  .object({ interview: InterviewSchema, link: InterviewLinkSchema })
  .openapi('CreatedInterview')

const IntegritySummarySchema = z
  .object({
    total: z.number().int(),
    counts: z.partialRecord(z.enum(INTEGRITY_EVENT_TYPES), z.number().int()),
    secondsHidden: z.number().int(),
    charactersPasted: z.number().int(),
    flags: z
      .array(z.object({ type: z.enum(INTEGRITY_EVENT_TYPES), count: z.number().int(), message: z.string() }))
      .openapi({ description: 'Signals a person may want to look at; never a verdict.' }),
  })
  .openapi('IntegritySummary')

export const InterviewResultsSchema = z
  .object({
    interviewId: z.string(),
    status: InterviewStatusSchema,
    score: z.number().int().nullable(),
    transcriptSummary: z.string().nullable(),
    endReason: z.string().nullable().openapi({
      description: '`candidate_ended`, `interviewer_closed`, `time_limit`, or the candidate’s own words.',
    }),
    messages: z.array(
      z.object({
        id: z.string().openapi({ description: 'What evaluation quotes point at (`messageId`).' }),
        role: z.enum(['user', 'assistant']).openapi({ description: '`user` is the candidate.' }),
        content: z.string(),
        createdAt: IsoDateTimeSchema,
      }),
    ),
    integrity: IntegritySummarySchema,
  })
  .openapi('InterviewResults')
