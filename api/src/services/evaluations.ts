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

const INTERVIEW_TO_SCORE_SELECT = {
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
} as const satisfies Prisma.InterviewSelect

type InterviewToScore = Prisma.InterviewGetPayload<{ select: typeof INTERVIEW_TO_SCORE_SELECT }>

type ScoringDeps = Pick<Services, 'prisma' | 'realtime' | 'languageModel' | 'logger'>

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
  deps: ScoringDeps,
  actor: Actor,
  input: { interviewId: string; rubric?: Rubric; signal?: AbortSignal },
): Promise<PresentedEvaluation> {
  const account = requireAccount(actor)
  const found = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: INTERVIEW_TO_SCORE_SELECT,
  })
  const interview = assertManaged(found, account)
  if (interview.status === 'IN_PROGRESS') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'The interview is still running; score it once it has ended.',
      details: { status: interview.status },
    })
  }
  if (!interview.messages.some((message) => message.role === 'user')) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'The candidate has not answered anything yet, so there is nothing to score.',
    })
  }
  const rubric = RubricSchema.parse(input.rubric ?? DEFAULT_RUBRIC)
  return scoreInterview(deps, interview, {
    rubric,
    requestedById: account.userId,
    waiting: await findWaitingEvaluation(deps, interview.id, rubric),
    signal: input.signal,
  })
}

/**
 * Scores, or records the request as `PENDING` when no model is configured. `waiting`, a request
 * that waited for a model, is fulfilled in place rather than scored twice.
 */
async function scoreInterview(
  deps: ScoringDeps,
  interview: InterviewToScore,
  input: {
    rubric: Rubric
    requestedById: string | null
    waiting: StoredEvaluation | null
    signal?: AbortSignal
  },
): Promise<PresentedEvaluation> {
  const { rubric, waiting } = input
  if (!deps.languageModel.isConfigured) {
    if (waiting) return presentEvaluation(waiting)
    return recordPendingEvaluation(deps, {
      interviewId: interview.id,
      rubric,
      requestedById: input.requestedById,
    })
  }

  const transcript = interview.messages.filter(
    (message): message is typeof message & { role: QuotableRole } =>
      (QUOTABLE_ROLES as readonly string[]).includes(message.role),
  )
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

  const evaluationId = waiting?.id ?? randomUUID()
  const now = new Date()
  const fields = {
    status: 'COMPLETED',
    score: checked.overallScore,
    criteria: checked.criteria as Prisma.InputJsonValue,
    strengths: checked.strengths,
    concerns: checked.concerns,
    recommendation: checked.recommendation,
    transcriptSummary: checked.transcriptSummary,
    model: checked.model,
    promptVersion: checked.promptVersion,
  } as const
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
    // A waiting request is fulfilled only if it is still waiting: a concurrent scoring may have won.
    const fulfilled = waiting
      ? await tx.interviewEvaluation.updateMany({
          where: { id: waiting.id, status: 'PENDING' },
          data: { ...fields, createdAt: now },
        })
      : { count: 0 }
    const row =
      fulfilled.count === 1
        ? await tx.interviewEvaluation.findUniqueOrThrow({
            where: { id: evaluationId },
            select: EVALUATION_SELECT,
          })
        : await tx.interviewEvaluation.create({
            data: {
              ...fields,
              id: waiting ? randomUUID() : evaluationId,
              interviewId: interview.id,
              rubric: rubric as Prisma.InputJsonValue,
              requestedById: input.requestedById,
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
    { interviewId: interview.id, evaluationId: stored.id, attempts: checked.attempts, model: checked.model },
    'interview scored',
  )
  deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:scored', {
    interviewId: interview.id,
    score: checked.overallScore,
    transcriptSummary: checked.transcriptSummary,
  })
  return presentEvaluation(stored)
}

/** The newest evaluation, when it is a request still waiting for a model with this rubric. */
async function findWaitingEvaluation(deps: Pick<Services, 'prisma'>, interviewId: string, rubric: Rubric) {
  const latest = await deps.prisma.interviewEvaluation.findFirst({
    where: { interviewId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: EVALUATION_SELECT,
  })
  return latest?.status === 'PENDING' && sameRubric(latest.rubric, rubric) ? latest : null
}

/** Keeps one waiting request per rubric: the caller has checked there is none for this one. */
async function recordPendingEvaluation(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; rubric: Rubric; requestedById: string | null },
) {
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

// Completed interviews are scored for up to a week; a failed attempt is tried again after a pause.
const SCORE_WITHIN_MS = 7 * 24 * 60 * 60 * 1000
const RETRY_AFTER_FAILURE_MS = 5 * 60 * 1000
const SCORING_BATCH = 6
const SCORING_CONCURRENCY = 3

/**
 * Scores, with the default rubric, every recently completed interview the candidate answered in that
 * has no evaluation yet, and fulfils requests that waited for a model once one is configured. Without
 * a model, each such interview gets one `PENDING` evaluation so the recruiter sees that scoring waits.
 * Run by the `score-completed-interviews` job; a failure leaves the interview to a later run.
 * `interviewIds` narrows the run to those interviews.
 */
export async function scoreWaitingInterviews(
  deps: ScoringDeps & Pick<Services, 'redis'>,
  options: { now?: Date; interviewIds?: string[] } = {},
): Promise<{ scored: number; pending: number; failed: number }> {
  const now = options.now ?? new Date()
  const candidates = await deps.prisma.interview.findMany({
    where: {
      ...(options.interviewIds ? { id: { in: options.interviewIds } } : {}),
      status: 'COMPLETED',
      completedAt: { gte: new Date(now.getTime() - SCORE_WITHIN_MS) },
      messages: { some: { role: 'user' } },
      evaluations: deps.languageModel.isConfigured ? undefined : { none: {} },
      OR: [{ evaluations: { none: {} } }, { evaluations: { some: { status: 'PENDING' } } }],
    },
    orderBy: [{ completedAt: 'asc' }, { id: 'asc' }],
    take: SCORING_BATCH * 4,
    select: INTERVIEW_TO_SCORE_SELECT,
  })
  const pausedFlags = candidates.length
    ? await deps.redis.mget(candidates.map((interview) => retryKey(interview.id)))
    : []
  const due = candidates.filter((_, index) => pausedFlags[index] === null).slice(0, SCORING_BATCH)

  const outcome = { scored: 0, pending: 0, failed: 0 }
  const queue = [...due]
  const worker = async () => {
    for (let interview = queue.shift(); interview; interview = queue.shift()) {
      try {
        // The oldest waiting request first; each run fulfils one per interview until none is left.
        const waiting = await deps.prisma.interviewEvaluation.findFirst({
          where: { interviewId: interview.id, status: 'PENDING' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: EVALUATION_SELECT,
        })
        const rubric = waiting ? RubricSchema.parse(waiting.rubric) : DEFAULT_RUBRIC
        const evaluation = await scoreInterview(deps, interview, { rubric, requestedById: null, waiting })
        outcome[evaluation.status === 'PENDING' ? 'pending' : 'scored']++
      } catch (error) {
        outcome.failed++
        await deps.redis.set(retryKey(interview.id), '1', 'PX', RETRY_AFTER_FAILURE_MS)
        deps.logger.warn({ err: error, interviewId: interview.id }, 'scoring a completed interview failed')
      }
    }
  }
  await Promise.all(Array.from({ length: SCORING_CONCURRENCY }, worker))
  return outcome
}

const retryKey = (interviewId: string) => `scoring-paused:${interviewId}`

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
