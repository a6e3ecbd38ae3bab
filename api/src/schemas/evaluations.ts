import { z } from '@hono/zod-openapi'
import {
  EVALUATION_STATUSES,
  RECOMMENDATIONS,
  RubricCriterionSchema,
  RubricSchema,
  SCORE_MAX,
  SCORE_MIN,
} from '../domain/evaluation.js'
import { EVIDENCE_KINDS } from '../domain/evidence-chain.js'
import { QUOTABLE_ROLES } from '../domain/transcript-quotes.js'
import { IsoDateTimeSchema } from './dates.js'

const ScoreSchema = z.number().int().min(SCORE_MIN).max(SCORE_MAX)

// Rebuilt here rather than extended: zod 4 gives `.openapi` only to schemas made after
// @hono/zod-openapi loaded, and the domain's may have been made before (the SPA's tests import it first).
export const RubricBodySchema = z.object(RubricSchema.shape).strict().openapi('Rubric', {
  description:
    'The criteria to score, each with what it means and a relative weight (1–10). Without one the default rubric is used.',
})

export const EvaluateInterviewBodySchema = z
  .object({ rubric: RubricBodySchema.optional() })
  .strict()
  .openapi('EvaluateInterviewBody')

export const QuoteEvidenceSchema = z
  .object({
    quote: z.string(),
    messageId: z.string().openapi({ description: 'The transcript message the quote is from.' }),
    role: z
      .enum(QUOTABLE_ROLES)
      .openapi({ description: '`user` is the candidate, `assistant` the interviewer.' }),
    start: z
      .number()
      .int()
      .openapi({ description: 'Where the quoted text starts in the message’s content.' }),
    end: z.number().int().openapi({ description: 'Just past its end: `content.slice(start, end)`.' }),
  })
  .openapi('QuoteEvidence')

export const EvaluationCriterionSchema = z
  .object({ name: z.string(), score: ScoreSchema, evidence: z.array(QuoteEvidenceSchema) })
  .openapi('EvaluationCriterion')

export const EvaluationSchema = z
  .object({
    id: z.string(),
    interviewId: z.string(),
    status: z.enum(EVALUATION_STATUSES).openapi({
      description: '`PENDING`: no language model was configured; scoring waits for one.',
    }),
    score: ScoreSchema.nullable(),
    criteria: z.array(EvaluationCriterionSchema).nullable(),
    strengths: z.array(z.string()),
    concerns: z.array(z.string()),
    recommendation: z.enum(RECOMMENDATIONS).nullable(),
    transcriptSummary: z.string().nullable(),
    rubric: z.object({ criteria: z.array(RubricCriterionSchema) }),
    model: z.string().nullable(),
    promptVersion: z.string(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('Evaluation')

export const EvaluationResponseSchema = z
  .object({ evaluation: EvaluationSchema })
  .openapi('EvaluationResponse')

export const EvaluationListSchema = z
  .object({
    interviewId: z.string(),
    isModelConfigured: z.boolean(),
    items: z.array(EvaluationSchema).openapi({ description: 'Newest first.' }),
  })
  .openapi('EvaluationList')

export const EvidenceRecordSchema = z
  .object({
    id: z.string(),
    sequence: z.number().int(),
    kind: z.enum(EVIDENCE_KINDS),
    payload: z.unknown().openapi({ description: 'JSON, as hashed.' }),
    occurredAt: IsoDateTimeSchema,
    previousHash: z.string(),
    hash: z.string(),
  })
  .openapi('EvidenceRecord')

const EvidenceHeadSchema = z.object({ sequence: z.number().int(), hash: z.string() })

export const EvidenceExportSchema = z
  .object({
    interviewId: z.string(),
    exportedAt: IsoDateTimeSchema,
    head: EvidenceHeadSchema.nullable().openapi({
      description:
        'The last record: pass it to /evidence/verify later to show nothing was cut or rewritten since.',
    }),
    records: z.array(EvidenceRecordSchema),
  })
  .openapi('EvidenceExport')

export const VerifyEvidenceQuerySchema = z
  .object({
    anchorSequence: z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(2_147_483_647, { error: 'is too large' })
      .optional()
      .openapi({ description: 'The `head.sequence` of an earlier export.' }),
    anchorHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' })
      .optional()
      .openapi({ description: 'The `head.hash` of an earlier export.' }),
  })
  .refine((query) => (query.anchorSequence === undefined) === (query.anchorHash === undefined), {
    error: 'anchorSequence and anchorHash go together',
    path: ['anchorHash'],
  })

export const EvidenceVerificationSchema = z
  .object({
    valid: z.boolean(),
    checked: z.number().int().openapi({ description: 'Records found sound before the first fault.' }),
    brokenAt: z
      .object({
        sequence: z.number().int(),
        reason: z.enum(['hash_mismatch', 'link_mismatch', 'sequence_gap', 'sequence_duplicate']),
      })
      .optional()
      .openapi({ description: 'The first record that fails, and why.' }),
  })
  .openapi('EvidenceVerification')
