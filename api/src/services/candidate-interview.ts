import type { Actor } from '../domain/actor.js'
import type { IntegrityEventType } from '../domain/integrity.js'
import { isPastTimeLimit, remainingSeconds } from '../domain/interview-time.js'
import type { TurnSpeech } from '../domain/speech-analytics.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { hitRateLimit } from '../infra/rate-limit.js'
import { type InterviewPlan, planInterview } from '../interviewer/plan.js'
import { openingMessage, progressOf, type TranscriptEntry, type TurnKind } from '../interviewer/turns.js'
import { extractDocumentText, MAX_DOCUMENT_BYTES } from '../lib/document-text.js'
import { AppError, isUniqueViolation } from '../lib/errors.js'
import { requireLink } from './access.js'
import { appendEvidence } from './evidence.js'
import { LINKED_INTERVIEW_SELECT } from './interview-links.js'
import { RECRUITER_INTERVIEW_SELECT } from './interviews.js'

type Deps = Pick<Services, 'prisma' | 'realtime'>

/** Why an interview ended, as stored in `Interview.endReason`. */
export type EndReason = 'candidate_ended' | 'interviewer_closed' | 'time_limit'

const INTERVIEW_SELECT = {
  ...LINKED_INTERVIEW_SELECT,
  startedAt: true,
  completedAt: true,
  candidateNotes: true,
  candidateResumeFileId: true,
  candidateResumeText: true,
  questions: true,
  consentAiInterviewAt: true,
  consentRecording: true,
  endReason: true,
  humanReviewRequestedAt: true,
  job: { select: { description: true } },
} as const satisfies Prisma.InterviewSelect

export type CandidateInterviewRow = Prisma.InterviewGetPayload<{ select: typeof INTERVIEW_SELECT }>

const MESSAGE_SELECT = {
  id: true,
  role: true,
  content: true,
  clientMessageId: true,
  questionIndex: true,
  turnKind: true,
  createdAt: true,
} as const satisfies Prisma.InterviewMessageSelect

type MessageRow = Prisma.InterviewMessageGetPayload<{ select: typeof MESSAGE_SELECT }>

/** The interviewer's reply to the answer the page named `answerId` carries this id. */
export const replyIdFor = (answerId: string) => `reply:${answerId}`
const OPENING_ID = 'opening'

export function presentMessage(message: MessageRow) {
  const isCandidate = message.role === 'user'
  const replyTo = message.clientMessageId?.startsWith('reply:') ? message.clientMessageId.slice(6) : null
  return {
    id: message.id,
    role: isCandidate ? ('candidate' as const) : ('interviewer' as const),
    content: message.content,
    /** The page's own id for an answer; for a reply, the answer it replies to. */
    clientMessageId: isCandidate ? message.clientMessageId : null,
    replyTo,
    createdAt: message.createdAt,
  }
}

export type PresentedMessage = ReturnType<typeof presentMessage>

/**
 * The interview as it stands now. An interview past its time limit is completed here first, so any
 * candidate request after the limit sees it ended even if the cron job has not run yet.
 */
export async function loadInterviewForCandidate(
  deps: Deps,
  interviewId: string,
  now = new Date(),
): Promise<CandidateInterviewRow> {
  const interview = await deps.prisma.interview.findUnique({
    where: { id: interviewId },
    select: INTERVIEW_SELECT,
  })
  if (!interview) throw new AppError({ code: 'NOT_FOUND', message: 'Interview not found.' })
  if (!isPastTimeLimit(interview, now)) return interview
  await completeInterview(deps, { interviewId, reason: 'time_limit' })
  return deps.prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: INTERVIEW_SELECT })
}

export async function loadPlan(
  deps: Pick<Services, 'prisma'>,
  interview: CandidateInterviewRow,
): Promise<InterviewPlan> {
  const profile = await deps.prisma.recruiterProfile.findUnique({
    where: { userId: interview.recruiterId },
    select: { companyName: true },
  })
  return planInterview({
    jobRole: interview.jobRole,
    companyName: profile?.companyName,
    jobDescription: interview.job?.description,
    candidateName: interview.candidateName,
    candidateNotes: interview.candidateNotes,
    candidateResume: interview.candidateResumeText,
    questions: interview.questions,
  })
}

/** The text of the résumé the recruiter attached, read once as the interview starts. */
async function readResumeText(deps: Pick<Services, 'prisma'>, fileId: string | null): Promise<string | null> {
  if (!fileId) return null
  const file = await deps.prisma.file.findUnique({
    where: { id: fileId },
    select: { mimeType: true, size: true },
  })
  if (!file || file.size > MAX_DOCUMENT_BYTES) return null
  const { data } = await deps.prisma.file.findUniqueOrThrow({ where: { id: fileId }, select: { data: true } })
  return extractDocumentText(data, file.mimeType)
}

export async function loadTranscript(deps: Pick<Services, 'prisma'>, interviewId: string) {
  const rows = await deps.prisma.interviewMessage.findMany({
    where: { interviewId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: MESSAGE_SELECT,
  })
  const entries: TranscriptEntry[] = rows.map((row) =>
    row.role === 'user'
      ? { role: 'candidate', content: row.content }
      : {
          role: 'interviewer',
          content: row.content,
          turnKind: (row.turnKind as TurnKind | null) ?? null,
          questionIndex: row.questionIndex,
        },
  )
  return { rows, entries }
}

/**
 * Adds a message and its evidence record in the caller's transaction, which holds the interview
 * row's lock. Messages are ordered by time, so each is stamped strictly after the one before (the
 * lock keeps this monotonic); `previous` is that message when the caller has already read it.
 */
async function insertMessage(
  tx: Prisma.TransactionClient,
  input: {
    interviewId: string
    role: 'user' | 'assistant'
    content: string
    clientMessageId: string
    turnKind?: TurnKind
    questionIndex?: number
    spoken?: SpokenTurn
  },
  previous?: { createdAt: Date } | null,
) {
  const last =
    previous !== undefined
      ? previous
      : await tx.interviewMessage.findFirst({
          where: { interviewId: input.interviewId },
          orderBy: { createdAt: 'desc' },
          select: { createdAt: true },
        })
  const now = Date.now()
  const createdAt = new Date(last && last.createdAt.getTime() >= now ? last.createdAt.getTime() + 1 : now)
  const { spoken, ...fields } = input
  const message = await tx.interviewMessage.create({
    data: {
      ...fields,
      createdAt,
      ...(spoken
        ? {
            startedSpeakingAt: spoken.startedSpeakingAt,
            endedSpeakingAt: spoken.endedSpeakingAt,
            responseGapMs: spoken.responseGapMs ?? null,
            isInterrupted: spoken.isInterrupted ?? false,
            speech: (spoken.speech ?? undefined) as Prisma.InputJsonValue | undefined,
          }
        : {}),
    },
    select: MESSAGE_SELECT,
  })
  await appendEvidence(tx, {
    interviewId: input.interviewId,
    kind: 'message',
    payload: {
      messageId: message.id,
      role: message.role,
      content: message.content,
      clientMessageId: message.clientMessageId,
      // Spoken turns say so, and an interrupted one says its words are what was said before the interruption.
      ...(spoken ? { spoken: true, interrupted: spoken.isInterrupted ?? false } : {}),
    },
    occurredAt: createdAt,
    isInterviewLocked: true,
  })
  return message
}

/** A turn that was spoken in a voice session: when, and (candidate) its speech measures or (interviewer) its response gap. */
export type SpokenTurn = {
  startedSpeakingAt: Date | null
  endedSpeakingAt: Date | null
  responseGapMs?: number | null
  isInterrupted?: boolean
  speech?: TurnSpeech | null
}

async function lockInterview(tx: Prisma.TransactionClient, interviewId: string) {
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT "status" FROM "Interview" WHERE "id" = ${interviewId} FOR NO KEY UPDATE`
  if (!locked) throw new AppError({ code: 'NOT_FOUND', message: 'Interview not found.' })
  return locked
}

function publishMessage(deps: Deps, recruiterId: string, interviewId: string, message: MessageRow) {
  deps.realtime.publish({ userIds: [recruiterId] }, 'interview:message', {
    interviewId,
    message: presentMessage(message),
  })
}

/**
 * Completes an interview that is in progress, for whatever reason it ends (the candidate, the
 * interviewer's closing, the time limit). Harmless when it has already ended: returns false.
 */
export async function completeInterview(
  deps: Deps,
  input: { interviewId: string; reason: EndReason; detail?: string },
): Promise<boolean> {
  const now = new Date()
  const completed = await deps.prisma.$transaction(async (tx) => {
    const result = await tx.interview.updateMany({
      where: { id: input.interviewId, status: 'IN_PROGRESS' },
      data: { status: 'COMPLETED', completedAt: now, endReason: input.reason },
    })
    if (result.count === 0) return null
    await appendEvidence(tx, {
      interviewId: input.interviewId,
      kind: 'status',
      payload: {
        from: 'IN_PROGRESS',
        to: 'COMPLETED',
        reason: input.reason,
        ...(input.detail ? { detail: input.detail } : {}),
      },
      occurredAt: now,
    })
    return tx.interview.findUniqueOrThrow({
      where: { id: input.interviewId },
      select: { recruiterId: true, completedAt: true },
    })
  })
  if (!completed) return false
  deps.realtime.publishAccessChange({
    interviewId: input.interviewId,
    reason: 'interview_ended',
    endReason: input.reason,
  })
  deps.realtime.publish({ userIds: [completed.recruiterId] }, 'interview:completed', {
    interviewId: input.interviewId,
    status: 'COMPLETED',
    completedAt: completed.completedAt,
  })
  return true
}

/** What the candidate's page needs to know about where the interview stands. */
export async function describeInterviewState(
  deps: Pick<Services, 'prisma' | 'languageModel'>,
  interview: CandidateInterviewRow,
) {
  const [plan, transcript] = await Promise.all([
    loadPlan(deps, interview),
    loadTranscript(deps, interview.id),
  ])
  const progress = progressOf(plan, transcript.entries)
  return {
    startedAt: interview.startedAt,
    completedAt: interview.completedAt,
    endReason: interview.endReason,
    remainingSeconds: interview.status === 'COMPLETED' ? 0 : remainingSeconds(interview),
    consent: {
      aiInterview: interview.consentAiInterviewAt !== null,
      recording: interview.consentRecording ?? false,
      givenAt: interview.consentAiInterviewAt,
    },
    progress: {
      questionsTotal: progress.questionsTotal,
      questionsAsked: progress.questionsAsked,
      messageCount: transcript.rows.length,
      /** The candidate's latest answer still waiting for its reply, to be posted again after a reload. */
      pendingAnswerId:
        transcript.rows.at(-1)?.role === 'user' ? (transcript.rows.at(-1)?.clientMessageId ?? null) : null,
    },
    /** `fixed` asks the recruiter's questions as written: no language model is configured. */
    mode: deps.languageModel.isConfigured ? ('ai' as const) : ('fixed' as const),
    humanReviewRequestedAt: interview.humanReviewRequestedAt,
  }
}

/** Records the candidate's consent (and its time) on the interview and in its evidence log. */
export async function giveConsent(
  deps: Deps & Pick<Services, 'languageModel'>,
  actor: Actor,
  input: { aiInterview: true; recording: boolean },
) {
  const { interview: linked } = requireLink(actor)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status !== 'PENDING' && interview.status !== 'IN_PROGRESS')
    throw new AppError({ code: 'CONFLICT', message: 'This interview has already ended.' })
  const now = new Date()
  await deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, interview.id)
    await tx.interview.update({
      where: { id: interview.id },
      data: { consentAiInterviewAt: now, consentRecording: input.recording },
    })
    await appendEvidence(tx, {
      interviewId: interview.id,
      kind: 'consent',
      payload: {
        aiInterview: input.aiInterview,
        recording: input.recording,
        linkId: actor.kind === 'link' ? actor.linkId : null,
      },
      occurredAt: now,
    })
  })
  const updated = await loadInterviewForCandidate(deps, interview.id)
  return { status: updated.status, state: await describeInterviewState(deps, updated) }
}

/**
 * PENDING → IN_PROGRESS, with the interviewer's opening message. Needs consent first (409). Calling
 * it again, or from two tabs at once, starts the interview once.
 */
export async function startCandidateInterview(deps: Deps & Pick<Services, 'languageModel'>, actor: Actor) {
  const { interview: linked } = requireLink(actor)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status === 'IN_PROGRESS')
    return { status: interview.status, state: await describeInterviewState(deps, interview) }
  if (interview.status !== 'PENDING')
    throw new AppError({ code: 'CONFLICT', message: 'This interview has already ended.' })
  if (!interview.consentAiInterviewAt)
    throw new AppError({
      code: 'CONFLICT',
      message: 'Please give your consent before starting the interview.',
      details: { reason: 'consent_required' },
    })
  const candidateResumeText = await readResumeText(deps, interview.candidateResumeFileId)
  const plan = await loadPlan(deps, { ...interview, candidateResumeText })
  const now = new Date()
  const started = await deps.prisma.$transaction(async (tx) => {
    // The status in the WHERE clause lets one of two concurrent starts win; the other waits, then finds nothing to do.
    const result = await tx.interview.updateMany({
      where: { id: interview.id, status: 'PENDING' },
      data: { status: 'IN_PROGRESS', startedAt: now, candidateResumeText },
    })
    if (result.count === 0) return null
    await appendEvidence(tx, {
      interviewId: interview.id,
      kind: 'status',
      payload: { from: 'PENDING', to: 'IN_PROGRESS' },
      occurredAt: now,
    })
    return insertMessage(tx, {
      interviewId: interview.id,
      role: 'assistant',
      content: openingMessage(plan),
      clientMessageId: OPENING_ID,
      turnKind: 'opening',
      questionIndex: 0,
    })
  })
  if (started) {
    deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:started', {
      interviewId: interview.id,
      status: 'IN_PROGRESS',
      startedAt: now,
    })
    publishMessage(deps, interview.recruiterId, interview.id, started)
  }
  const current = await loadInterviewForCandidate(deps, interview.id)
  if (current.status === 'PENDING')
    throw new AppError({ code: 'CONFLICT', message: 'The interview could not be started; try again.' })
  return { status: current.status, state: await describeInterviewState(deps, current) }
}

/** The transcript so far, oldest first, for a page resuming after a reload. */
export async function listCandidateMessages(deps: Deps, actor: Actor) {
  const { interview: linked } = requireLink(actor)
  await loadInterviewForCandidate(deps, linked.id)
  const { rows } = await loadTranscript(deps, linked.id)
  return rows.map(presentMessage)
}

/**
 * Commits the candidate's answer (message and evidence record in one transaction) before anything
 * else happens. Posting the same `id` again stores nothing new: the stored answer comes back with
 * `isNew: false`, and the caller then returns or follows the reply to it.
 *
 * A spoken answer (`spoken`, from a voice session) may follow another answer directly: a candidate
 * who goes on talking after their turn was ended keeps their words, and the reply to the first
 * answer, of which nothing had been heard, is dropped.
 */
export async function submitCandidateAnswer(
  deps: Deps,
  actor: Actor,
  input: { id: string; content: string; spoken?: SpokenTurn },
  /**
   * For a caller holding the interview (a voice session), so that the answer takes one connection
   * from the pool, for its transaction, and nothing else: `interview` as it loaded it (its status
   * is checked again under the transaction's lock); `isNewId` when `input.id` was made just now, so
   * no earlier send of it can exist (a duplicate would still be caught by the unique key); and
   * `isCounted` for the number of the interview's messages, the answer included, counted under the
   * same lock (`messageCount`).
   */
  options: { interview?: CandidateInterviewRow; isNewId?: boolean; isCounted?: boolean } = {},
): Promise<{ answer: PresentedMessage; isNew: boolean; messageCount?: number }> {
  const { interview: linked } = requireLink(actor)
  const findExisting = () =>
    deps.prisma.interviewMessage.findUnique({
      where: { interviewId_clientMessageId: { interviewId: linked.id, clientMessageId: input.id } },
      select: MESSAGE_SELECT,
    })
  const existingAnswer = (existing: MessageRow) => {
    if (existing.role !== 'user' || existing.content !== input.content)
      throw new AppError({
        code: 'CONFLICT',
        message: 'An answer with this id was already sent with different content.',
        details: { field: 'id' },
      })
    return { answer: presentMessage(existing), isNew: false }
  }
  const existing = options.isNewId ? null : await findExisting()
  if (existing) return existingAnswer(existing)

  const interview =
    options.interview && options.interview.id === linked.id && !isPastTimeLimit(options.interview)
      ? options.interview
      : await loadInterviewForCandidate(deps, linked.id)
  assertInProgress(interview)
  try {
    const { answer, messageCount } = await deps.prisma.$transaction(async (tx) => {
      const { status } = await lockInterview(tx, interview.id)
      assertInProgress({ status })
      const last = await tx.interviewMessage.findFirst({
        where: { interviewId: interview.id },
        orderBy: { createdAt: 'desc' },
        select: { role: true, clientMessageId: true, createdAt: true },
      })
      if (last?.role === 'user' && !input.spoken)
        throw new AppError({
          code: 'CONFLICT',
          message: 'Your previous answer is still waiting for its reply; send it again to receive the reply.',
          details: { pendingAnswerId: last.clientMessageId },
        })
      const answer = await insertMessage(
        tx,
        {
          interviewId: interview.id,
          role: 'user',
          content: input.content,
          clientMessageId: input.id,
          spoken: input.spoken,
        },
        last,
      )
      const messageCount = options.isCounted
        ? await tx.interviewMessage.count({ where: { interviewId: interview.id } })
        : undefined
      return { answer, messageCount }
    })
    publishMessage(deps, interview.recruiterId, interview.id, answer)
    return { answer: presentMessage(answer), isNew: true, messageCount }
  } catch (error) {
    // The same answer posted twice at once: the other request stored it.
    if (!isUniqueViolation(error)) throw error
    const stored = await findExisting()
    if (!stored) throw error
    return existingAnswer(stored)
  }
}

function assertInProgress(interview: { status: string }) {
  if (interview.status === 'PENDING')
    throw new AppError({ code: 'CONFLICT', message: 'The interview has not started yet.' })
  if (interview.status !== 'IN_PROGRESS')
    throw new AppError({
      code: 'CONFLICT',
      message: 'This interview has ended.',
      details: { status: interview.status },
    })
}

/** Stores the interviewer's reply to an answer, with its evidence record. Once per answer: the unique id says so. */
export async function storeInterviewerReply(
  deps: Deps,
  input: {
    interviewId: string
    answerId: string
    content: string
    turnKind: TurnKind
    questionIndex: number
    /** A reply that was spoken: its timing, and whether the candidate talked over it. */
    spoken?: SpokenTurn
    /** The interview's recruiter, when the caller holds the interview: saves reading it back. */
    recruiterId?: string
  },
) {
  const message = await deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, input.interviewId)
    return insertMessage(tx, {
      interviewId: input.interviewId,
      role: 'assistant',
      content: input.content,
      clientMessageId: replyIdFor(input.answerId),
      turnKind: input.turnKind,
      questionIndex: input.questionIndex,
      spoken: input.spoken,
    })
  })
  const recruiterId =
    input.recruiterId ??
    (
      await deps.prisma.interview.findUniqueOrThrow({
        where: { id: input.interviewId },
        select: { recruiterId: true },
      })
    ).recruiterId
  publishMessage(deps, recruiterId, input.interviewId, message)
  return presentMessage(message)
}

export async function findInterviewerReply(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; answerId: string },
) {
  const row = await deps.prisma.interviewMessage.findUnique({
    where: {
      interviewId_clientMessageId: {
        interviewId: input.interviewId,
        clientMessageId: replyIdFor(input.answerId),
      },
    },
    select: MESSAGE_SELECT,
  })
  return row ? presentMessage(row) : null
}

/** Signals per interview per minute; a page stuck in a loop must not flood the evidence log. */
export const INTEGRITY_EVENTS_PER_MINUTE = 60

/**
 * Appends a browser's integrity signal to the evidence log. The page's own clock (`at`) is kept as
 * it said, beside the server's time: only the latter is trusted for ordering.
 */
export async function recordIntegrityEvent(
  deps: Deps & Pick<Services, 'redis'>,
  actor: Actor,
  input: { type: IntegrityEventType; at: string; detail?: unknown },
) {
  const { interview: linked } = requireLink(actor)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status !== 'PENDING' && interview.status !== 'IN_PROGRESS')
    throw new AppError({ code: 'CONFLICT', message: 'This interview has ended.' })
  const budget = await hitRateLimit(deps.redis, `integrity:${interview.id}`, 60_000)
  if (budget.count > INTEGRITY_EVENTS_PER_MINUTE)
    throw new AppError({
      code: 'RATE_LIMITED',
      message: 'Too many events from this interview; try again shortly.',
      details: { retryAfterSeconds: budget.retryAfterSeconds },
    })
  const now = new Date()
  const record = await deps.prisma.$transaction((tx) =>
    appendEvidence(tx, {
      interviewId: interview.id,
      kind: 'integrity_event',
      payload: { type: input.type, clientAt: input.at, detail: input.detail ?? null },
      occurredAt: now,
    }),
  )
  return { sequence: record.sequence, recordedAt: now }
}

/** The candidate ends the interview. Harmless once it has ended; 409 before it has started. */
export async function endCandidateInterview(
  deps: Deps & Pick<Services, 'languageModel'>,
  actor: Actor,
  input: { reason: string },
) {
  const { interview: linked } = requireLink(actor)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status === 'PENDING')
    throw new AppError({ code: 'CONFLICT', message: 'The interview has not started yet.' })
  if (interview.status === 'IN_PROGRESS')
    await completeInterview(deps, {
      interviewId: interview.id,
      reason: 'candidate_ended',
      detail: input.reason,
    })
  const current = await loadInterviewForCandidate(deps, interview.id)
  return { status: current.status, state: await describeInterviewState(deps, current) }
}

/**
 * The candidate asks for a person to review the result, once the interview has ended (409 before).
 * Stored with its time, in the evidence log, and sent to the recruiter as an `interview:updated`.
 * Asking again changes nothing: the first request (and its reason) stands and is returned.
 */
export async function requestHumanReview(deps: Deps, actor: Actor, input: { reason?: string }) {
  const { interview: linked } = requireLink(actor)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status !== 'COMPLETED')
    throw new AppError({
      code: 'CONFLICT',
      message: 'A review can be requested once the interview has ended.',
      details: { status: interview.status },
    })
  const reason = input.reason?.trim() ? input.reason.trim() : null
  const now = new Date()
  const outcome = await deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, interview.id)
    // Under the lock, so that two requests at once store one and log one.
    const result = await tx.interview.updateMany({
      where: { id: interview.id, humanReviewRequestedAt: null },
      data: { humanReviewRequestedAt: now, humanReviewReason: reason },
    })
    if (result.count > 0)
      await appendEvidence(tx, {
        interviewId: interview.id,
        kind: 'review_request',
        payload: { reason, linkId: actor.kind === 'link' ? actor.linkId : null },
        occurredAt: now,
      })
    const current = await tx.interview.findUniqueOrThrow({
      where: { id: interview.id },
      select: RECRUITER_INTERVIEW_SELECT,
    })
    return { isNew: result.count > 0, interview: current }
  })
  if (outcome.isNew)
    deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:updated', {
      interview: outcome.interview,
    })
  return {
    // Set by the update above or by an earlier request.
    requestedAt: outcome.interview.humanReviewRequestedAt ?? now,
    reason: outcome.interview.humanReviewReason,
  }
}

/** Interviews past their time limit, completed by the server whether or not anyone is still on the page. */
export async function completeOverdueInterviews(deps: Deps, now = new Date()) {
  // The deadline is computed in SQL, so a busy day's running interviews are not all read every tick.
  const overdue = await deps.prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Interview"
    WHERE "status" = 'IN_PROGRESS' AND "startedAt" IS NOT NULL
      AND "startedAt" + make_interval(mins => "timeLimitMinutes") <= ${now}
    ORDER BY "startedAt"`
  let completed = 0
  for (const { id } of overdue) {
    if (await completeInterview(deps, { interviewId: id, reason: 'time_limit' })) completed++
  }
  return { completed }
}
