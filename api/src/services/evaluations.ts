import { randomUUID } from 'node:crypto'
import type { Actor } from '../domain/actor.js'
import { DEFAULT_RUBRIC, type Recommendation, type Rubric, RubricSchema } from '../domain/evaluation.js'
import { canonicalJson, type EvidenceAnchor, type EvidenceVerification } from '../domain/evidence-chain.js'
import { QUOTABLE_ROLES, type QuotableRole } from '../domain/transcript-quotes.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import {
  type CheckedEvaluation,
  EVALUATION_PROMPT_VERSION,
  EvaluationRejectedError,
  requestEvaluation,
} from '../interviewer/evaluation.js'
import { AppError } from '../lib/errors.js'
import { LanguageModelError } from '../providers/language-model.js'
import { requireAccount } from './access.js'
import { appendEvidence, listInterviewEvidence, verifyInterviewEvidence } from './evidence.js'
import { assertManaged } from './interview-links.js'

const EVALUATION_SELECT = {
  id: true,
  interviewId: true,
  status: true,
  score: true,
  criteria: true,
  strengths: true,
  concerns: true,
  recommendation: true,
  transcriptSummary: true,
  rubric: true,
  model: true,
  promptVersion: true,
  createdAt: true,
} as const satisfies Prisma.InterviewEvaluationSelect

type StoredEvaluation = Prisma.InterviewEvaluationGetPayload<{ select: typeof EVALUATION_SELECT }>

function presentEvaluation(row: StoredEvaluation) {
  return {
    ...row,
    // Written by this module from checked values only; read back as the JSON it stored.
    criteria: row.criteria as CheckedEvaluation['criteria'] | null,
    recommendation: row.recommendation as Recommendation | null,
    rubric: row.rubric as Rubric,
    createdAt: row.createdAt,
  }
}

export type PresentedEvaluation = ReturnType<typeof presentEvaluation>

/** The interview, if the account may manage it, with what scoring reads. */
async function findInterviewToScore(deps: Pick<Services, 'prisma'>, actor: Actor, interviewId: string) {
  const account = requireAccount(actor)
  const interview = await deps.prisma.interview.findUnique({
    where: { id: interviewId },
    select: {
      id: true,
      recruiterId: true,
      status: true,
      jobRole: true,
      questions: true,
      job: { select: { description: true } },
      messages: {
        where: { role: { in: [...QUOTABLE_ROLES] } },
        select: { id: true, role: true, content: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
  })
  return { account, interview: assertManaged(interview, account) }
}

const sameRubric = (a: unknown, b: Rubric) => canonicalJson(a) === canonicalJson(b)

/**
 * Scores an interview's transcript against a rubric (the default one unless given) and keeps the
 * result beside the earlier ones; the newest becomes the interview's score and summary.
 *
 * The model's answer is stored only when it is valid and every quote is in the transcript; a
 * rejected answer is retried, and if every attempt is rejected nothing is stored and the caller gets
 * 503 with what was wrong. Without a configured model the request is stored as `PENDING`, for the
 * recruiter's page to show that scoring waits for one.
 */
export async function evaluateInterview(
  deps: Pick<Services, 'prisma' | 'realtime' | 'languageModel' | 'logger'>,
  actor: Actor,
  input: { interviewId: string; rubric?: Rubric; signal?: AbortSignal },
): Promise<PresentedEvaluation> {
  const { account, interview } = await findInterviewToScore(deps, actor, input.interviewId)
  const rubric = RubricSchema.parse(input.rubric ?? DEFAULT_RUBRIC)
  if (interview.status === 'IN_PROGRESS') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'The interview is still running; score it once it has ended.',
      details: { status: interview.status },
    })
  }
  const transcript = interview.messages.filter(
    (message): message is typeof message & { role: QuotableRole } =>
      (QUOTABLE_ROLES as readonly string[]).includes(message.role),
  )
  if (!transcript.some((message) => message.role === 'user')) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'The candidate has not answered anything yet, so there is nothing to score.',
    })
  }

  if (!deps.languageModel.isConfigured) {
    return recordPendingEvaluation(deps, { interviewId: interview.id, rubric, requestedById: account.userId })
  }

  let checked: CheckedEvaluation
  try {
    checked = await requestEvaluation(
      deps.languageModel,
      {
        jobRole: interview.jobRole,
        jobDescription: interview.job?.description ?? null,
        questions: interview.questions,
        rubric,
        transcript,
      },
      { signal: input.signal },
    )
  } catch (error) {
    throw explainScoringFailure(deps, interview.id, error)
  }

  const evaluationId = randomUUID()
  const now = new Date()
  const stored = await deps.prisma.$transaction(async (tx) => {
    // First, because it locks the interview row: concurrent scorings commit one after the other, so
    // the newest evaluation and the interview's score always agree.
    await appendEvidence(tx, {
      interviewId: interview.id,
      kind: 'evaluation',
      occurredAt: now,
      payload: {
        evaluationId,
        score: checked.overallScore,
        recommendation: checked.recommendation,
        criteria: checked.criteria,
        strengths: checked.strengths,
        concerns: checked.concerns,
        transcriptSummary: checked.transcriptSummary,
        rubric,
        model: checked.model,
        promptVersion: checked.promptVersion,
      },
    })
    const row = await tx.interviewEvaluation.create({
      data: {
        id: evaluationId,
        interviewId: interview.id,
        status: 'COMPLETED',
        score: checked.overallScore,
        criteria: checked.criteria as Prisma.InputJsonValue,
        strengths: checked.strengths,
        concerns: checked.concerns,
        recommendation: checked.recommendation,
        transcriptSummary: checked.transcriptSummary,
        rubric: rubric as Prisma.InputJsonValue,
        model: checked.model,
        promptVersion: checked.promptVersion,
        requestedById: account.userId,
        createdAt: now,
      },
      select: EVALUATION_SELECT,
    })
    await tx.interview.update({
      where: { id: interview.id },
      data: { score: checked.overallScore, transcriptSummary: checked.transcriptSummary },
      select: { id: true },
    })
    return row
  })
  deps.logger.info(
    { interviewId: interview.id, evaluationId, attempts: checked.attempts, model: checked.model },
    'interview scored',
  )
  deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:scored', {
    interviewId: interview.id,
    score: checked.overallScore,
    transcriptSummary: checked.transcriptSummary,
  })
  return presentEvaluation(stored)
}

/** Keeps one waiting request per rubric: asking again while no model is configured adds nothing. */
async function recordPendingEvaluation(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; rubric: Rubric; requestedById: string },
) {
  const latest = await deps.prisma.interviewEvaluation.findFirst({
    where: { interviewId: input.interviewId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: EVALUATION_SELECT,
  })
  if (latest?.status === 'PENDING' && sameRubric(latest.rubric, input.rubric)) {
    return presentEvaluation(latest)
  }
  const row = await deps.prisma.interviewEvaluation.create({
    data: {
      interviewId: input.interviewId,
      status: 'PENDING',
      rubric: input.rubric as Prisma.InputJsonValue,
      promptVersion: EVALUATION_PROMPT_VERSION,
      requestedById: input.requestedById,
    },
    select: EVALUATION_SELECT,
  })
  return presentEvaluation(row)
}

/** A scoring failure as the caller should hear it; never the provider's internals. */
function explainScoringFailure(deps: Pick<Services, 'logger'>, interviewId: string, error: unknown): unknown {
  if (error instanceof EvaluationRejectedError) {
    deps.logger.warn(
      { interviewId, attempts: error.attempts, problems: error.problems },
      'every evaluation attempt was rejected',
    )
    return new AppError({
      code: 'SERVICE_UNAVAILABLE',
      message: `The model’s evaluation failed its checks ${error.attempts} times (for example, it quoted words the transcript does not contain), so nothing was stored. Try again.`,
      details: {
        reason: 'evaluation_rejected',
        attempts: error.attempts,
        problems: error.problems.slice(0, 10),
      },
    })
  }
  if (error instanceof LanguageModelError) {
    deps.logger.warn(
      { interviewId, kind: error.kind, status: error.status, attempts: error.attempts },
      'scoring could not reach the language model',
    )
    return new AppError({
      code: 'SERVICE_UNAVAILABLE',
      message:
        error.kind === 'rate_limited'
          ? 'The language model is rate limited; nothing was stored. Try again in a minute.'
          : 'The language model could not score the interview right now; nothing was stored. Try again.',
      details: { reason: `model_${error.kind}` },
    })
  }
  return error
}

/** Every evaluation of the interview, newest first, pending ones included. */
export async function listEvaluations(
  deps: Pick<Services, 'prisma' | 'languageModel'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const interview = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: {
      id: true,
      recruiterId: true,
      evaluations: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: EVALUATION_SELECT },
    },
  })
  const managed = assertManaged(interview, account)
  return {
    interviewId: managed.id,
    // Pending evaluations wait for a model; the recruiter's page says whether one is configured now.
    isModelConfigured: deps.languageModel.isConfigured,
    items: managed.evaluations.map(presentEvaluation),
  }
}

async function assertManagedInterview(deps: Pick<Services, 'prisma'>, actor: Actor, interviewId: string) {
  const account = requireAccount(actor)
  const interview = await deps.prisma.interview.findUnique({
    where: { id: interviewId },
    select: { id: true, recruiterId: true },
  })
  return assertManaged(interview, account)
}

/**
 * The interview's whole evidence log, oldest first, as an export: `head` is what a later
 * verification can be anchored to, to show the log was not cut short or rewritten since.
 */
export async function getInterviewEvidence(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const interview = await assertManagedInterview(deps, actor, input.interviewId)
  const records = await listInterviewEvidence(deps, { interviewId: interview.id })
  const last = records.at(-1)
  return {
    interviewId: interview.id,
    exportedAt: new Date(),
    head: last ? { sequence: last.sequence, hash: last.hash } : null,
    records: records.map((record) => ({
      id: record.id,
      sequence: record.sequence,
      kind: record.kind,
      payload: record.payload,
      occurredAt: record.occurredAt,
      previousHash: record.previousHash,
      hash: record.hash,
    })),
  }
}

/** Re-checks every hash and link of the interview's log; the answer names the first broken record. */
export async function verifyEvidence(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string; anchor?: EvidenceAnchor },
): Promise<EvidenceVerification> {
  const interview = await assertManagedInterview(deps, actor, input.interviewId)
  return verifyInterviewEvidence(deps, { interviewId: interview.id, anchor: input.anchor })
}
