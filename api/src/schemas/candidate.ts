import { z } from '@hono/zod-openapi'
import { MAX_ANSWER_CHARS, MAX_REVIEW_REASON_CHARS } from '../domain/candidate-input.js'
import { INTEGRITY_EVENT_TYPES } from '../domain/integrity.js'
import { INTERVIEW_STATUSES } from '../domain/interview-status.js'
import { IsoDateTimeSchema } from './dates.js'

/** Where the interview stands, as the candidate's page needs it to resume. */
export const CandidateInterviewStateSchema = z.object({
  startedAt: IsoDateTimeSchema.nullable(),
  completedAt: IsoDateTimeSchema.nullable(),
  endReason: z.string().nullable(),
  remainingSeconds: z.number().int().min(0),
  consent: z.object({
    aiInterview: z.boolean(),
    recording: z.boolean(),
    givenAt: IsoDateTimeSchema.nullable(),
  }),
  progress: z.object({
    questionsTotal: z.number().int(),
    questionsAsked: z.number().int(),
    messageCount: z.number().int(),
    pendingAnswerId: z.string().nullable(),
  }),
  mode: z.enum(['ai', 'fixed']),
  /** When the candidate asked for a person to review the result; null until they do. */
  humanReviewRequestedAt: IsoDateTimeSchema.nullable(),
})

export const CandidateInterviewStateResponseSchema = z
  .object({ status: z.enum(INTERVIEW_STATUSES), state: CandidateInterviewStateSchema })
  .openapi('CandidateInterviewState')

export const ConsentBodySchema = z
  .object({
    aiInterview: z.literal(true, { error: 'must be true: the interview is conducted by an AI' }),
    recording: z.boolean(),
  })
  .strict()
  .openapi('CandidateConsent')

export const InterviewMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['candidate', 'interviewer']),
    content: z.string(),
    clientMessageId: z.string().nullable(),
    replyTo: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('InterviewMessage')

export const InterviewMessagesSchema = z.object({ messages: z.array(InterviewMessageSchema) })

export const AnswerBodySchema = z
  .object({
    id: z.uuid({ error: 'must be a uuid the page made for this answer' }),
    content: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(MAX_ANSWER_CHARS, { error: `must be at most ${MAX_ANSWER_CHARS} characters` }),
  })
  .strict()
  .openapi('CandidateAnswer')

// Small, flat detail only (a paste's length, a duration): the log is for signals, not content.
const DetailSchema = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 10, { error: 'must have at most 10 fields' })

export const IntegrityEventBodySchema = z
  .object({
    type: z.enum(INTEGRITY_EVENT_TYPES),
    at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }),
    detail: DetailSchema.optional(),
  })
  .strict()
  .openapi('IntegrityEvent')

export const IntegrityEventRecordedSchema = z.object({
  sequence: z.number().int(),
  recordedAt: IsoDateTimeSchema,
})

export const EndBodySchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .openapi('CandidateEnd')

export const ReviewRequestBodySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(MAX_REVIEW_REASON_CHARS, { error: `must be at most ${MAX_REVIEW_REASON_CHARS} characters` })
      .optional(),
  })
  .strict()
  .openapi('CandidateReviewRequestBody')

export const ReviewRequestSchema = z
  .object({
    reviewRequest: z.object({
      requestedAt: IsoDateTimeSchema,
      reason: z.string().nullable(),
    }),
  })
  .openapi('CandidateReviewRequest')
