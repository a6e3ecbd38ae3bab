import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { remainingSeconds } from '../domain/interview-time.js'
import type { Services } from '../infra/container.js'
import { prepareInterviewerTurn } from '../interviewer/interviewer.js'
import { AppError, type ErrorCode } from '../lib/errors.js'
import { LanguageModelError } from '../providers/language-model.js'
import {
  completeInterview,
  findInterviewerReply,
  loadInterviewForCandidate,
  loadPlan,
  loadTranscript,
  type PresentedMessage,
  storeInterviewerReply,
} from './candidate-interview.js'

type Deps = Pick<Services, 'prisma' | 'redis' | 'realtime' | 'languageModel' | 'config' | 'logger'>

export type ReplyOutcome =
  | { kind: 'done'; message: PresentedMessage; interviewStatus: string }
  | { kind: 'error'; code: ErrorCode; message: string }

export type ReplyListener = {
  /** Aborts when the candidate's connection goes away. */
  signal: AbortSignal
  onToken(text: string): void
  /** The text sent so far is void: a new attempt starts over (its generator's instance was lost). */
  onReset(): void
}

// How long a follower waits between looks at the token stream; only reloads and second tabs follow.
const FOLLOW_POLL_MS = 30
const STREAM_KEEP_MS = 10 * 60 * 1000
const MAX_ROUNDS = 5

// Deletes the lock only if this attempt still holds it, so a late finisher never frees a successor's lock.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`
const EXTEND_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`

const keysFor = (interviewId: string, answerId: string) => {
  const base = `interview-reply:${interviewId}:${answerId}`
  return {
    /** Held by the one attempt generating the reply, on whichever instance; its value names the attempt. */
    lock: `${base}:lock`,
    /** How many candidate connections (any instance) are waiting on this reply. */
    listeners: `${base}:listeners`,
    /** The attempt's tokens, then `done` or `error`, for connections that join late. */
    stream: (attemptId: string) => `${base}:stream:${attemptId}`,
  }
}

/**
 * The interviewer's reply to a committed answer, streamed to `listener`. Exactly one attempt at a
 * time generates it, whichever instance the requests reach: the others (a reload, a second tab, a
 * re-posted answer) follow that attempt's tokens through a Redis stream, or get the stored reply.
 * The model is stopped once no connection has been listening for `INTERVIEW_REPLY_GRACE_MS`.
 */
export async function streamInterviewerReply(
  deps: Deps,
  input: { interviewId: string; answerId: string },
  listener: ReplyListener,
): Promise<ReplyOutcome> {
  const keys = keysFor(input.interviewId, input.answerId)
  for (let round = 0; round < MAX_ROUNDS && !listener.signal.aborted; round++) {
    const stored = await findInterviewerReply(deps, input)
    if (stored) {
      listener.onToken(stored.content)
      const { status } = await loadInterviewForCandidate(deps, input.interviewId)
      return { kind: 'done', message: stored, interviewStatus: status }
    }
    const attemptId = randomUUID()
    const lockMs = deps.config.LLM_TIMEOUT_MS + 30_000
    if ((await deps.redis.set(keys.lock, attemptId, 'PX', lockMs, 'NX')) === 'OK') {
      return generateReply(deps, input, listener, attemptId)
    }
    const current = await deps.redis.get(keys.lock)
    if (!current) continue
    const followed = await followReply(deps, input, listener, current)
    if (followed.kind !== 'orphaned') return followed
    // The attempt's instance went away mid-reply: start again here, telling the page to discard its partial text.
    if (followed.hasForwarded) listener.onReset()
  }
  return {
    kind: 'error',
    code: 'SERVICE_UNAVAILABLE',
    message: 'The interviewer could not reply; send your answer again.',
  }
}

async function generateReply(
  deps: Deps,
  input: { interviewId: string; answerId: string },
  listener: ReplyListener,
  attemptId: string,
): Promise<ReplyOutcome> {
  const { redis, logger } = deps
  const keys = keysFor(input.interviewId, input.answerId)
  const streamKey = keys.stream(attemptId)
  const lockMs = deps.config.LLM_TIMEOUT_MS + 30_000
  const append = (fields: string[]) => {
    // Commands on one connection run in order, so tokens need not be awaited one by one.
    redis
      .xadd(streamKey, '*', ...fields)
      .catch((error) => logger.warn({ err: error }, 'reply token not shared'))
  }
  const model = new AbortController()
  await redis.incr(keys.listeners)
  await redis.pexpire(keys.listeners, lockMs)
  let isListening = true
  const stopListening = () => {
    if (!isListening) return
    isListening = false
    redis.decr(keys.listeners).catch(() => undefined)
  }
  listener.signal.addEventListener('abort', stopListening, { once: true })

  let unheardSince: number | undefined
  const grace = deps.config.INTERVIEW_REPLY_GRACE_MS
  const watch = setInterval(
    () => {
      void (async () => {
        await redis.eval(EXTEND_SCRIPT, 1, keys.lock, attemptId, lockMs)
        const listeners = Number((await redis.get(keys.listeners)) ?? 0)
        if (listeners > 0) unheardSince = undefined
        else unheardSince ??= Date.now()
        if (unheardSince !== undefined && Date.now() - unheardSince >= grace) model.abort()
      })().catch((error) => logger.warn({ err: error }, 'reply watch failed'))
    },
    Math.max(20, Math.min(250, grace / 2)),
  )

  let outcome: ReplyOutcome
  try {
    const { interview, turn } = await prepareReply(deps, input)
    const pieces = turn.stream(model.signal)
    let text: string
    for (;;) {
      const step = await pieces.next()
      if (step.done) {
        text = step.value
        break
      }
      if (!listener.signal.aborted) listener.onToken(step.value)
      append(['t', step.value])
    }
    const message = await storeInterviewerReply(deps, {
      interviewId: interview.id,
      answerId: input.answerId,
      content: text,
      turnKind: turn.directive.kind,
      questionIndex: turn.directive.questionIndex,
    })
    if (turn.isClosing)
      await completeInterview(deps, { interviewId: interview.id, reason: 'interviewer_closed' })
    outcome = { kind: 'done', message, interviewStatus: turn.isClosing ? 'COMPLETED' : 'IN_PROGRESS' }
    append(['d', JSON.stringify(outcome)])
  } catch (error) {
    outcome = describeFailure(error)
    if (outcome.code === 'INTERNAL_ERROR') logger.error({ err: error }, 'interviewer reply failed')
    else logger.warn({ err: error, code: outcome.code }, 'interviewer reply failed')
    append(['e', JSON.stringify(outcome)])
  } finally {
    clearInterval(watch)
    listener.signal.removeEventListener('abort', stopListening)
    stopListening()
    await redis.pexpire(streamKey, STREAM_KEEP_MS).catch(() => undefined)
    await redis.eval(RELEASE_SCRIPT, 1, keys.lock, attemptId).catch(() => undefined)
  }
  return outcome
}

/**
 * The interviewer's next turn for an interview in progress, from its plan and transcript as
 * stored now. Text replies and the voice session both start here.
 */
export async function prepareReply(
  deps: Pick<Deps, 'prisma' | 'realtime' | 'languageModel' | 'config'>,
  input: { interviewId: string },
) {
  const interview = await loadInterviewForCandidate(deps, input.interviewId)
  if (interview.status !== 'IN_PROGRESS')
    throw new AppError({ code: 'CONFLICT', message: 'This interview has ended.' })
  const [plan, transcript] = await Promise.all([
    loadPlan(deps, interview),
    loadTranscript(deps, interview.id),
  ])
  const turn = prepareInterviewerTurn({
    model: deps.languageModel,
    plan,
    transcript: transcript.entries,
    remainingSeconds: remainingSeconds(interview),
    tokenBudget: deps.config.INTERVIEWER_TOKEN_BUDGET,
  })
  return { interview, turn }
}

export function describeFailure(error: unknown): Extract<ReplyOutcome, { kind: 'error' }> {
  if (error instanceof AppError) return { kind: 'error', code: error.code, message: error.message }
  if (error instanceof LanguageModelError) {
    if (error.kind === 'cancelled')
      return {
        kind: 'error',
        code: 'SERVICE_UNAVAILABLE',
        message: 'The reply was stopped; send your answer again.',
      }
    if (error.kind === 'rate_limited')
      return {
        kind: 'error',
        code: 'RATE_LIMITED',
        message: 'The interviewer is busy; send your answer again in a moment.',
      }
    return {
      kind: 'error',
      code: 'SERVICE_UNAVAILABLE',
      message: 'The interviewer could not reply; send your answer again.',
    }
  }
  return {
    kind: 'error',
    code: 'INTERNAL_ERROR',
    message: 'The interviewer could not reply; send your answer again.',
  }
}

/** Relays another attempt's tokens from its Redis stream until it ends, or until its generator is found gone. */
async function followReply(
  deps: Deps,
  input: { interviewId: string; answerId: string },
  listener: ReplyListener,
  attemptId: string,
): Promise<ReplyOutcome | { kind: 'orphaned'; hasForwarded: boolean }> {
  const { redis } = deps
  const keys = keysFor(input.interviewId, input.answerId)
  const streamKey = keys.stream(attemptId)
  await redis.incr(keys.listeners)
  let hasForwarded = false
  let lastId: string | undefined
  const readMore = async () => {
    const entries = await redis.xrange(streamKey, lastId ? `(${lastId}` : '-', '+', 'COUNT', 500)
    for (const [id, fields] of entries) {
      lastId = id
      const [kind, value = ''] = fields
      if (kind === 't') {
        listener.onToken(value)
        hasForwarded = true
      } else if (kind === 'd' || kind === 'e') {
        return JSON.parse(value) as ReplyOutcome
      }
    }
    return entries.length > 0 ? 'more' : 'none'
  }
  try {
    while (!listener.signal.aborted) {
      const read = await readMore()
      if (typeof read === 'object') return read
      if (read === 'more') continue
      if ((await redis.get(keys.lock)) !== attemptId) {
        // Finished (its last entries may have landed just now) or lost with its instance.
        const last = await readMore()
        if (typeof last === 'object') return last
        return { kind: 'orphaned', hasForwarded }
      }
      await sleep(FOLLOW_POLL_MS)
    }
    return { kind: 'error', code: 'SERVICE_UNAVAILABLE', message: 'The connection closed.' }
  } finally {
    await redis.decr(keys.listeners).catch(() => undefined)
  }
}
