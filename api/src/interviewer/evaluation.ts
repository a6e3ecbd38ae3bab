import {
  checkEvaluationCoversRubric,
  type ModelEvaluation,
  ModelEvaluationSchema,
  modelEvaluationJsonSchema,
} from '../domain/evaluation.js'
import { locateQuotes, type QuoteLocation } from '../domain/transcript-quotes.js'
import type { ChatMessage, JsonSchemaFormat, LanguageModel } from '../providers/language-model.js'
import {
  buildCorrectionMessage,
  buildEvaluationMessages,
  EVALUATION_PROMPT_VERSION,
  type EvaluationContext,
} from './evaluation-prompt.js'

export { EVALUATION_PROMPT_VERSION, type EvaluationContext } from './evaluation-prompt.js'

/** The first answer and two retries: a model that invents three times running will not stop. */
export const MAX_EVALUATION_ATTEMPTS = 3

// Built once: the schema never changes while the process runs. Not `strict`: any OpenAI-compatible
// server may stand in for Groq and they differ in which JSON Schema keywords strict mode accepts;
// the zod validation below is what decides, whatever the server enforced.
const RESPONSE_FORMAT: JsonSchemaFormat = {
  name: 'interview_evaluation',
  schema: modelEvaluationJsonSchema(),
  strict: false,
}

export type CheckedCriterion = {
  name: string
  score: number
  evidence: (QuoteLocation & { quote: string })[]
}

/** A model's evaluation that passed every check, with each quote's place in the transcript. */
export type CheckedEvaluation = Omit<ModelEvaluation, 'criteria'> & {
  criteria: CheckedCriterion[]
  model: string
  promptVersion: string
  attempts: number
}

/** Every attempt's answer was rejected; `problems` are the last attempt's. */
export class EvaluationRejectedError extends Error {
  override name = 'EvaluationRejectedError'
  constructor(
    readonly attempts: number,
    readonly problems: string[],
  ) {
    super(`The model's evaluation was rejected ${attempts} times: ${problems.slice(0, 3).join('; ')}`)
  }
}

/**
 * Why an answer cannot be stored, or its checked form: it must be JSON, match the schema, score the
 * rubric's criteria exactly, and quote only what the transcript says.
 */
export function checkModelAnswer(
  text: string,
  context: Pick<EvaluationContext, 'rubric' | 'transcript'>,
):
  | { ok: true; evaluation: Omit<CheckedEvaluation, 'model' | 'promptVersion' | 'attempts'> }
  | { ok: false; problems: string[] } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, problems: ['the answer is not valid JSON'] }
  }
  const parsed = ModelEvaluationSchema.safeParse(json)
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 10)
        .map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`),
    }
  }
  const evaluation = parsed.data
  const coverage = checkEvaluationCoversRubric(evaluation, context.rubric)
  const quotes = evaluation.criteria.flatMap((criterion) => criterion.quotes)
  const { located, missing } = locateQuotes(context.transcript, quotes)
  const problems = [...coverage, ...missing.map((quote) => `the quote "${quote}" is not in the transcript`)]
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    evaluation: {
      ...evaluation,
      criteria: evaluation.criteria.map((criterion) => ({
        name: criterion.name,
        score: criterion.score,
        evidence: criterion.quotes.map((quote) => ({ quote, ...(located.get(quote) as QuoteLocation) })),
      })),
    },
  }
}

/**
 * Asks the model to evaluate the interview and checks the answer; a rejected answer is retried, with
 * what was wrong, up to `MAX_EVALUATION_ATTEMPTS` in all. Rate limits and outages are retried by the
 * language model itself; its `LanguageModelError` comes through as it is.
 */
export async function requestEvaluation(
  languageModel: LanguageModel,
  context: EvaluationContext,
  options: { signal?: AbortSignal; maxAttempts?: number } = {},
): Promise<CheckedEvaluation> {
  const maxAttempts = options.maxAttempts ?? MAX_EVALUATION_ATTEMPTS
  const conversation: ChatMessage[] = buildEvaluationMessages(context)
  let problems: string[] = []
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const result = await languageModel.complete(conversation, {
      responseFormat: RESPONSE_FORMAT,
      // The same transcript should get the same score when scored again.
      temperature: 0,
      signal: options.signal,
    })
    const checked = checkModelAnswer(result.text, context)
    if (checked.ok) {
      return {
        ...checked.evaluation,
        model: result.model,
        promptVersion: EVALUATION_PROMPT_VERSION,
        attempts: attempt,
      }
    }
    problems = checked.problems
    conversation.push(
      { role: 'assistant', content: result.text.slice(0, 20_000) },
      buildCorrectionMessage(problems),
    )
  }
  throw new EvaluationRejectedError(maxAttempts, problems)
}
