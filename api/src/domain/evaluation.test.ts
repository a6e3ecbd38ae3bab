import { describe, expect, it } from 'vitest'
import {
  checkEvaluationCoversRubric,
  DEFAULT_RUBRIC,
  type ModelEvaluation,
  ModelEvaluationSchema,
  modelEvaluationJsonSchema,
  RubricSchema,
} from './evaluation.js'

const answer: ModelEvaluation = {
  overallScore: 70,
  criteria: DEFAULT_RUBRIC.criteria.map((criterion) => ({
    name: criterion.name,
    score: 70,
    quotes: ['some words'],
  })),
  strengths: ['Clear'],
  concerns: [],
  recommendation: 'hire',
  transcriptSummary: 'A short interview.',
}

describe('the evaluation contract', () => {
  it('sends the JSON Schema of the very zod schema that validates the answer', () => {
    const schema = modelEvaluationJsonSchema()
    expect(schema).not.toHaveProperty('$schema')
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['overallScore', 'criteria', 'strengths', 'concerns', 'recommendation', 'transcriptSummary'],
      properties: { overallScore: { type: 'integer', minimum: 0, maximum: 100 } },
    })
    expect(ModelEvaluationSchema.safeParse(answer).success).toBe(true)
    expect(ModelEvaluationSchema.safeParse({ ...answer, overallScore: 101 }).success).toBe(false)
    expect(ModelEvaluationSchema.safeParse({ ...answer, extra: true }).success).toBe(false)
  })

  it('wants the rubric’s criteria scored exactly, each once', () => {
    expect(checkEvaluationCoversRubric(answer, DEFAULT_RUBRIC)).toEqual([])
    const [first, ...rest] = answer.criteria
    expect(
      checkEvaluationCoversRubric(
        { ...answer, criteria: [...rest, { ...first!, name: 'Charm' }, ...rest.slice(0, 1)] },
        DEFAULT_RUBRIC,
      ),
    ).toEqual([
      `criterion "${first!.name}" is not scored`,
      `criterion "${rest[0]!.name}" is scored 2 times`,
      '"Charm" is not a criterion of the rubric',
    ])
  })

  it('refuses a rubric with repeated criteria', () => {
    const criterion = { name: 'Depth', description: 'How deep.' }
    expect(RubricSchema.safeParse({ criteria: [criterion, { ...criterion, name: 'depth' }] }).success).toBe(
      false,
    )
    expect(RubricSchema.parse({ criteria: [criterion] })).toEqual({ criteria: [{ ...criterion, weight: 1 }] })
  })
})
