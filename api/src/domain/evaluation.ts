/**
 * What a scored interview is made of: the score scale, the recommendations, the rubric a model scores
 * against, and the shape of a model's evaluation. The one `ModelEvaluationSchema` both generates the
 * JSON Schema sent as `response_format` and validates the answer, so the two cannot drift apart.
 */
import { z } from 'zod'

export const SCORE_MIN = 0
export const SCORE_MAX = 100

/** Strongest first. A recommendation is advice for a person, never an automatic decision. */
export const RECOMMENDATIONS = ['strong_hire', 'hire', 'maybe', 'no_hire', 'strong_no_hire'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]

/**
 * `PENDING`: asked for while no model was configured; scoring waits for one. `COMPLETED`: scored,
 * every quote found in the transcript. Failed attempts are never stored, so there is no third state.
 */
export const EVALUATION_STATUSES = ['PENDING', 'COMPLETED'] as const
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number]

export const MAX_RUBRIC_CRITERIA = 10
export const MAX_QUOTES_PER_CRITERION = 5
/** Shorter quotes ("yes", "I") would match almost any transcript and prove nothing. */
export const MIN_QUOTE_LENGTH = 3
export const MAX_QUOTE_LENGTH = 500

const ScoreSchema = z.number().int().min(SCORE_MIN).max(SCORE_MAX)

export const RubricCriterionSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'is required' }).max(80),
    description: z.string().trim().min(1, { error: 'is required' }).max(1000),
    /** Relative weight in the overall score; the model is told it, the numbers need not add up to anything. */
    weight: z.number().int().min(1).max(10).default(1),
  })
  .strict()

export const RubricSchema = z
  .object({
    criteria: z
      .array(RubricCriterionSchema)
      .min(1, { error: 'needs at least one criterion' })
      .max(MAX_RUBRIC_CRITERIA, { error: `at most ${MAX_RUBRIC_CRITERIA} criteria` })
      .refine(
        (criteria) =>
          new Set(criteria.map((criterion) => criterion.name.toLowerCase())).size === criteria.length,
        { error: 'criterion names must differ' },
      ),
  })
  .strict()

export type Rubric = z.output<typeof RubricSchema>

export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    {
      name: 'Role knowledge',
      description:
        'Depth and accuracy of the knowledge the role needs, shown in concrete answers rather than claimed.',
      weight: 3,
    },
    {
      name: 'Problem solving',
      description: 'How the candidate reasons through problems: structure, trade-offs, handling unknowns.',
      weight: 3,
    },
    {
      name: 'Relevant experience',
      description:
        'Concrete past work that bears on the role, with the candidate’s own part in it made clear.',
      weight: 2,
    },
    {
      name: 'Communication',
      description: 'Clear, direct, well-organised answers to the question that was asked.',
      weight: 2,
    },
  ],
}

const QuoteSchema = z.string().min(MIN_QUOTE_LENGTH).max(MAX_QUOTE_LENGTH)

/**
 * A model's answer. Every property is required and none may be added, as strict structured-output
 * modes demand, so the same schema can be sent with or without `strict`.
 */
export const ModelEvaluationSchema = z
  .object({
    overallScore: ScoreSchema.describe(`Overall score, ${SCORE_MIN} to ${SCORE_MAX}.`),
    criteria: z
      .array(
        z
          .object({
            name: z.string().min(1).max(80).describe('The rubric criterion’s name, exactly as given.'),
            score: ScoreSchema,
            quotes: z
              .array(QuoteSchema)
              .min(1)
              .max(MAX_QUOTES_PER_CRITERION)
              .describe('Exact words from the transcript that support the score, copied verbatim.'),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_RUBRIC_CRITERIA),
    strengths: z.array(z.string().min(1).max(500)).max(10),
    concerns: z.array(z.string().min(1).max(500)).max(10),
    recommendation: z.enum(RECOMMENDATIONS),
    transcriptSummary: z.string().min(1).max(4000),
  })
  .strict()

export type ModelEvaluation = z.output<typeof ModelEvaluationSchema>

/** The JSON Schema of `ModelEvaluationSchema`, as `response_format.json_schema.schema` carries it. */
export function modelEvaluationJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(ModelEvaluationSchema, {
    target: 'draft-7',
  }) as Record<string, unknown>
  return schema
}

/**
 * What `ModelEvaluationSchema` cannot say alone: the answer scores exactly the rubric's criteria,
 * each once. Answers the problems found, empty when there are none.
 */
export function checkEvaluationCoversRubric(evaluation: ModelEvaluation, rubric: Rubric): string[] {
  const expected = rubric.criteria.map((criterion) => criterion.name)
  const given = evaluation.criteria.map((criterion) => criterion.name)
  const problems: string[] = []
  for (const name of expected) {
    const count = given.filter((candidate) => candidate === name).length
    if (count === 0) problems.push(`criterion "${name}" is not scored`)
    if (count > 1) problems.push(`criterion "${name}" is scored ${count} times`)
  }
  for (const name of new Set(given)) {
    if (!expected.includes(name)) problems.push(`"${name}" is not a criterion of the rubric`)
  }
  return problems
}
