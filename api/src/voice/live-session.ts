import { randomUUID } from 'node:crypto'
import type { Actor } from '../domain/actor.js'
import { remainingSeconds } from '../domain/interview-time.js'
import { analyseTurn } from '../domain/speech-analytics.js'
import type { Services } from '../infra/container.js'
import { prepareInterviewerTurn } from '../interviewer/interviewer.js'
import type { InterviewPlan } from '../interviewer/plan.js'
import type { TranscriptEntry, TurnKind } from '../interviewer/turns.js'
import { AppError, type ErrorCode } from '../lib/errors.js'
import { LanguageModelError } from '../providers/language-model.js'
import type { SpeechToTextEvent, SpeechToTextStream } from '../providers/speech-to-text.js'
import { TextToSpeechError } from '../providers/text-to-speech.js'
import type { InterviewAccessChange } from '../realtime/publisher.js'
import {
  closeCodeFor,
  VOICE_INPUT_SAMPLE_RATE,
  VOICE_OUTPUT_SAMPLE_RATE,
  type VoiceClientMessage,
  type VoiceEndReason,
  type VoiceServerMessage,
} from '../schemas/voice.js'
import {
  type CandidateInterviewRow,
  completeInterview,
  endCandidateInterview,
  loadInterviewForCandidate,
  loadPlan,
  loadTranscript,
  startCandidateInterview,
  storeInterviewerReply,
  submitCandidateAnswer,
} from '../services/candidate-interview.js'
import { describeFailure, prepareReply } from '../services/interviewer-replies.js'
import { recordVoiceEvidence, recordVoiceIncident, storeSpeechAnalytics } from '../services/voice.js'
import { AudioReplayBuffer } from './audio-buffer.js'
import { createSentenceSplitter } from './sentences.js'
import {
  createVoiceSession,
  describePhase,
  type StoreReplyEffect,
  step,
  type VoiceSessionEffect,
  type VoiceSessionEvent,
  type VoiceSessionState,
} from './session.js'
import { TURN_END_DELAYS_MS } from './turn-taking.js'

/** The clock and timers a live session runs on; tests and benches may hand in their own. */
export type VoiceClock = {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const SYSTEM_CLOCK: VoiceClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/** The socket, as the session sees it. */
export type VoiceTransport = {
  sendJson(message: VoiceServerMessage): void
  sendAudio(pcm: Uint8Array): void
  close(code: number, reason: string): void
}

type Deps = Pick<
  Services,
  'prisma' | 'redis' | 'realtime' | 'languageModel' | 'config' | 'logger' | 'speechToText' | 'textToSpeech'
>

/** Deepgram's own endpointing (silence that ends a segment) and utterance-end gap; turn-taking waits on top of them. */
const STT_ENDPOINTING_MS = 300
const STT_UTTERANCE_END_MS = 1000
const STT_REOPEN_ATTEMPTS = 3
/** Said when the model fails mid-interview, before trying again. Fixed, so it needs no model. */
export const APOLOGY_TEXT = 'Sorry, I lost my train of thought for a moment. Let me try that again.'
const LLM_ATTEMPTS = 2
const MAX_SPOKEN_ANSWER_CHARS = 8_000

/**
 * One voice socket's session: the pure state machine (`session.ts`) at its centre, and around it
 * the speech-to-text stream, the interviewer (the same one text interviews use), speech synthesis
 * and the transcript services. Everything the machine decides arrives here as an effect; everything
 * that happens out there goes back to it as an event.
 */
export class LiveVoiceSession {
  private state: VoiceSessionState
  private readonly actor: Extract<Actor, { kind: 'link' }>
  private readonly interviewId: string
  private stt: SpeechToTextStream | null = null
  private sttUnsubscribe: (() => void) | null = null
  private isReopeningStt = false
  private readonly replay = new AudioReplayBuffer(VOICE_INPUT_SAMPLE_RATE)
  /**
   * Microphone frames on their way to speech-to-text. The frames of one event-loop turn (a busy
   * server reads several of a socket's at once) go out as one message once the turn's input has
   * been read: one write to the provider instead of one per 20 ms frame. No frame waits for a later
   * one, so the frame that ends speech is sent as soon as it would be alone.
   */
  private sttPending: Uint8Array[] = []
  private sttFlush: NodeJS.Immediate | null = null
  private lastAudioSentAt = 0
  private keepAliveTimer: unknown
  private timeLimitTimer: unknown
  private readonly timers = new Map<string, unknown>()
  private readonly replies = new Map<string, { answerId: string | null; controller: AbortController }>()
  private readonly storedReplies = new Map<string, Promise<string | null>>()
  /** What each reply does in the interview (its directive) and which answer it replies to. */
  private readonly turns = new Map<
    string,
    { turnKind: TurnKind; questionIndex: number; answerId: string | null }
  >()
  /**
   * What the interviewer reads, kept in step with what this session stores, so that a reply starts
   * the moment the candidate's turn ends instead of after the answer is written and read back.
   * `null` when it may have drifted from the database (a write failed, or another writer stored a
   * message): the next reply then reads the stored transcript.
   */
  private context: {
    interview: CandidateInterviewRow
    plan: InterviewPlan
    entries: TranscriptEntry[]
  } | null = null
  /** Writes to the database, in the order the machine asked for them. */
  private queue: Promise<unknown> = Promise.resolve()
  private stopAccessWatch: (() => void) | null = null
  private isStarted = false
  private isBeginning = false
  private ending: Promise<void> | null = null
  private isClosed = false
  private readonly clock: VoiceClock
  private readonly sessionId = randomUUID()

  constructor(
    private readonly deps: Deps,
    private readonly transport: VoiceTransport,
    options: { actor: Extract<Actor, { kind: 'link' }>; pace: 'patient' | 'quick'; clock?: VoiceClock },
  ) {
    this.actor = options.actor
    this.interviewId = options.actor.interview.id
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.state = createVoiceSession({
      pace: options.pace,
      turnDelayScale: deps.config.VOICE_TURN_DELAY_SCALE,
    })
  }

  /** Watches for the link's revocation and tells the page where the interview stands. */
  async open(): Promise<void> {
    this.stopAccessWatch = await this.deps.realtime.watchInterviewAccess(this.interviewId, (change) =>
      this.onAccessChange(change),
    )
    // The page may have gone while the subscription was being made.
    if (this.ending) {
      this.stopAccessWatch()
      return
    }
    const interview = await loadInterviewForCandidate(this.deps, this.interviewId)
    if (interview.status !== 'PENDING' && interview.status !== 'IN_PROGRESS') {
      this.refuse('CONFLICT', 'This interview has ended.', 'interview_ended')
      return
    }
    const { rows } = await loadTranscript(this.deps, this.interviewId)
    const delays = TURN_END_DELAYS_MS[this.state.pace]
    this.send({
      type: 'ready',
      interviewId: this.interviewId,
      status: interview.status,
      state: describePhase(this.state),
      inputSampleRate: VOICE_INPUT_SAMPLE_RATE,
      outputSampleRate: VOICE_OUTPUT_SAMPLE_RATE,
      audioFormat: 'pcm_s16le',
      turnTaking: { pace: this.state.pace, finishedMs: delays.finished, unfinishedMs: delays.unfinished },
      remainingSeconds:
        interview.status === 'IN_PROGRESS' ? remainingSeconds(interview) : interview.timeLimitMinutes * 60,
      messageCount: rows.length,
    })
  }

  /** A JSON message from the page, already validated. */
  async handleMessage(message: VoiceClientMessage): Promise<void> {
    switch (message.type) {
      case 'start':
      case 'resume':
        await this.begin(message.type)
        return
      case 'mute':
        this.dispatch({ type: 'mute' })
        this.flushStt()
        this.stt?.finalize()
        return
      case 'unmute':
        this.dispatch({ type: 'unmute' })
        return
      case 'playback_finished':
        this.dispatch({ type: 'playback_finished' })
        return
      case 'playback_stopped':
        return
      case 'ping':
        this.send({
          type: 'pong',
          id: message.id,
          sentAt: message.sentAt,
          serverTime: new Date().toISOString(),
        })
        return
      case 'switch_to_text':
        await this.end('switched_to_text')
        return
      case 'end':
        await this.end('candidate_ended', { reason: message.reason })
        return
    }
  }

  /** Microphone audio: 16 kHz mono 16-bit PCM. Dropped before the session starts and while muted. */
  handleAudio(pcm: Uint8Array): void {
    if (!this.isStarted || this.ending || this.state.isMuted || pcm.byteLength === 0) return
    this.replay.push(pcm)
    this.dispatch({ type: 'audio', seconds: pcm.byteLength / 2 / VOICE_INPUT_SAMPLE_RATE })
    // While a lost stream is replaced, the replay buffer keeps what arrives; it is sent once the new one is open.
    if (this.stt && !this.isReopeningStt) {
      this.sttPending.push(pcm)
      this.sttFlush ??= setImmediate(() => this.flushStt())
    }
  }

  /** The page's socket closed. */
  async handleClose(): Promise<void> {
    this.isClosed = true
    await this.end(null)
  }

  private async begin(mode: 'start' | 'resume') {
    // A second `start` while the first is still opening the stream is the same request.
    if (this.isBeginning || this.isStarted || this.ending) return
    this.isBeginning = true
    try {
      const started = await startCandidateInterview(this.deps, this.actor)
      if (started.status !== 'IN_PROGRESS') {
        this.refuse('CONFLICT', 'This interview has ended.', 'interview_ended')
        return
      }
      await this.openStt()
      this.isStarted = true
      this.deps.realtime.publishAccessChange({
        interviewId: this.interviewId,
        reason: 'voice_session_started',
        sessionId: this.sessionId,
      })
      await recordVoiceEvidence(this.deps, {
        interviewId: this.interviewId,
        linkId: this.actor.linkId,
        event: 'session_started',
        detail: { mode },
      })
      this.timeLimitTimer = this.clock.setTimeout(
        () => void this.onTimeLimit(),
        Math.max(0, started.state.remainingSeconds) * 1000,
      )
      this.keepAliveTimer = this.clock.setTimeout(
        () => this.keepAlive(),
        this.deps.config.VOICE_STT_KEEPALIVE_MS,
      )
      const [interview, { rows, entries }] = await Promise.all([
        loadInterviewForCandidate(this.deps, this.interviewId),
        loadTranscript(this.deps, this.interviewId),
      ])
      this.context = { interview, plan: await loadPlan(this.deps, interview), entries: [...entries] }
      const last = rows.at(-1)
      const opening: Extract<VoiceSessionEvent, { type: 'begin' }>['opening'] =
        last?.role === 'user'
          ? { kind: 'reply_to_pending' }
          : mode === 'start' && last
            ? { kind: 'speak', text: last.content }
            : { kind: 'listen' }
      this.dispatch({ type: 'begin', opening })
    } catch (error) {
      if (error instanceof AppError) this.send({ type: 'error', error: describe(error) })
      else {
        this.deps.logger.warn({ err: error, interviewId: this.interviewId }, 'voice session could not start')
        this.send({
          type: 'error',
          error: {
            code: 'SERVICE_UNAVAILABLE',
            message: 'Voice could not start just now. Try again, or continue the interview in text.',
          },
        })
      }
    } finally {
      this.isBeginning = false
    }
  }

  // ── speech to text ────────────────────────────────────────────────────────

  private async openStt() {
    const provider = this.deps.speechToText
    if (!provider) throw new AppError({ code: 'SERVICE_UNAVAILABLE', message: 'Voice is not configured.' })
    const stream = await provider.open({
      sampleRate: VOICE_INPUT_SAMPLE_RATE,
      endpointingMs: STT_ENDPOINTING_MS,
      utteranceEndMs: STT_UTTERANCE_END_MS,
    })
    this.stt = stream
    this.sttUnsubscribe = stream.onEvent((event) => this.onSttEvent(stream, event))
    this.lastAudioSentAt = this.clock.now()
  }

  /** Sends the frames waiting for the end of the turn; control messages call it first, to stay behind the audio. */
  private flushStt() {
    if (this.sttFlush) clearImmediate(this.sttFlush)
    this.sttFlush = null
    const pending = this.sttPending
    if (pending.length === 0) return
    this.sttPending = []
    // A stream lost meanwhile: the replay buffer holds these frames for the one that replaces it.
    if (!this.stt || this.isReopeningStt) return
    this.sendToStt(pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending))
  }

  private sendToStt(pcm: Uint8Array) {
    this.stt?.sendAudio(pcm)
    this.lastAudioSentAt = this.clock.now()
  }

  private onSttEvent(stream: SpeechToTextStream, event: SpeechToTextEvent) {
    if (stream !== this.stt) return
    if (event.type === 'closed') {
      if (event.unexpected && !this.ending) void this.reopenStt()
      return
    }
    this.dispatch({ type: 'stt', event })
    // Audio before the last final word will never need replaying.
    this.replay.dropBefore(this.state.lastFinalEndSeconds)
  }

  /**
   * The speech-to-text socket went away mid-interview. Its final words are already in the turn;
   * the audio since the last of them is sent again to a new stream, followed by what arrived meanwhile.
   */
  private async reopenStt() {
    if (this.isReopeningStt) return
    this.isReopeningStt = true
    this.sttUnsubscribe?.()
    this.stt = null
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.openStt()
          break
        } catch (error) {
          if (attempt >= STT_REOPEN_ATTEMPTS || this.ending) throw error
          await new Promise((resolve) => this.clock.setTimeout(() => resolve(undefined), 200 * attempt))
        }
      }
      const offset = this.state.lastFinalEndSeconds
      this.dispatch({ type: 'stt_reopened', offsetSeconds: offset })
      // The buffer holds what arrived during the gap too: everything after `offset`, in order.
      for (const chunk of this.replay.since(offset)) this.sendToStt(chunk)
      this.deps.logger.info({ interviewId: this.interviewId, offset }, 'speech-to-text stream reopened')
    } catch (error) {
      this.deps.logger.warn({ err: error, interviewId: this.interviewId }, 'speech-to-text stream lost')
      this.send({
        type: 'error',
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'Speech recognition is unavailable. You can continue the interview in text.',
        },
      })
    } finally {
      this.isReopeningStt = false
    }
  }

  /** Deepgram closes a stream that hears nothing for ten seconds: silence and mute send KeepAlive instead. */
  private keepAlive() {
    if (this.ending) return
    const interval = this.deps.config.VOICE_STT_KEEPALIVE_MS
    this.flushStt()
    if (this.stt && !this.isReopeningStt && this.clock.now() - this.lastAudioSentAt >= interval - 50) {
      this.stt.keepAlive()
      this.lastAudioSentAt = this.clock.now()
    }
    this.keepAliveTimer = this.clock.setTimeout(() => this.keepAlive(), interval)
  }

  // ── the machine ────────────────────────────────────────────────────────────

  private dispatch(event: VoiceSessionEvent) {
    const { state, effects } = step(this.state, event, this.clock.now())
    this.state = state
    const incidents: Extract<VoiceSessionEffect, { type: 'record_incident' }>[] = []
    for (const effect of effects) {
      if (effect.type === 'record_incident') incidents.push(effect)
      else this.apply(effect)
    }
    // After the stores of the same step, so a talk-over can name the message it interrupted.
    for (const incident of incidents) this.apply(incident)
  }

  private apply(effect: VoiceSessionEffect) {
    switch (effect.type) {
      case 'send':
        this.send(effect.message)
        return
      case 'set_timer': {
        const handle = this.clock.setTimeout(() => {
          this.timers.delete(effect.timerId)
          this.dispatch({ type: 'timer', timerId: effect.timerId })
        }, effect.delayMs)
        this.timers.set(effect.timerId, handle)
        return
      }
      case 'cancel_timer':
        this.clock.clearTimeout(this.timers.get(effect.timerId))
        this.timers.delete(effect.timerId)
        return
      case 'commit_answer': {
        const answerId = randomUUID()
        const controller = new AbortController()
        this.replies.set(effect.replyId, { answerId, controller })
        const spoken = {
          startedSpeakingAt: new Date(effect.turn.startedAt),
          endedSpeakingAt: new Date(effect.turn.endedAt),
          speech: analyseTurn(effect.turn.words),
        }
        const content = effect.turn.text.slice(0, MAX_SPOKEN_ANSWER_CHARS)
        const context = this.context
        context?.entries.push({ role: 'candidate', content })
        const expectedCount = context?.entries.length
        const committed = this.enqueue(async () => {
          const { answer, isNew, messageCount } = await submitCandidateAnswer(
            this.deps,
            this.actor,
            { id: answerId, content, spoken },
            { interview: context?.interview, isNewId: true, isCounted: true },
          )
          this.send({ type: 'turn', role: 'candidate', message: answer })
          // Another writer (a text tab) stored something this session did not see.
          const isCurrent = context !== null && isNew && messageCount === expectedCount
          if (!isCurrent) this.dropContext()
          return isCurrent
        })
        committed.catch((error) => {
          this.dropContext()
          this.replyFailed(effect.replyId, error)
          controller.abort()
        })
        // The reply is asked for while the answer is stored, and heard only once it is.
        void this.runReply(
          effect.replyId,
          committed.catch(() => null),
        )
        return
      }
      case 'reply_to_pending': {
        const controller = new AbortController()
        this.replies.set(effect.replyId, { answerId: null, controller })
        void this.enqueue(async () => {
          const { rows } = await loadTranscript(this.deps, this.interviewId)
          const entry = this.replies.get(effect.replyId)
          if (entry) entry.answerId = rows.at(-1)?.clientMessageId ?? null
        }).then(
          () => void this.runReply(effect.replyId, Promise.resolve(true)),
          (error) => this.replyFailed(effect.replyId, error),
        )
        return
      }
      case 'speak_stored': {
        const controller = new AbortController()
        this.replies.set(effect.replyId, { answerId: null, controller })
        void this.speakStored(effect.replyId, effect.text, controller.signal)
        return
      }
      case 'abort_reply':
        this.replies.get(effect.replyId)?.controller.abort()
        return
      case 'store_reply': {
        const turn = this.turns.get(effect.replyId)
        if (turn?.answerId)
          this.context?.entries.push({
            role: 'interviewer',
            content: effect.content,
            turnKind: turn.turnKind,
            questionIndex: turn.questionIndex,
          })
        this.storedReplies.set(
          effect.replyId,
          this.enqueue(() => this.storeReply(effect)).catch((error) => {
            this.dropContext()
            this.deps.logger.error({ err: error, interviewId: this.interviewId }, 'spoken reply not stored')
            return null
          }),
        )
        return
      }
      case 'record_incident': {
        const stored = this.storedReplies.get(effect.replyId) ?? Promise.resolve(null)
        void this.enqueue(async () =>
          recordVoiceIncident(this.deps, {
            interviewId: this.interviewId,
            kind: effect.kind,
            messageId: await stored,
            occurredAt: new Date(effect.at),
          }),
        ).catch((error) => this.deps.logger.warn({ err: error }, 'voice incident not recorded'))
        return
      }
      case 'end_session':
        void this.end(effect.reason)
        return
    }
  }

  private dropContext() {
    if (this.context)
      this.deps.logger.info({ interviewId: this.interviewId }, 'voice session rereads the stored transcript')
    this.context = null
  }

  /**
   * Starts the model on the next turn. With the session's own transcript the request goes out at
   * once, and `committed` (the answer stored, and nothing else stored meanwhile) decides whether it
   * stands; otherwise, or when it does not stand, the turn is built from the stored transcript once
   * `committed` settles. `null` when the answer was refused.
   */
  private async startTurn(signal: AbortSignal, committed: Promise<boolean | null>) {
    const context = this.context
    if (context) {
      const ahead = new AbortController()
      const stop = () => ahead.abort()
      signal.addEventListener('abort', stop, { once: true })
      const turn = prepareInterviewerTurn({
        model: this.deps.languageModel,
        plan: context.plan,
        transcript: [...context.entries],
        remainingSeconds: remainingSeconds(context.interview),
        tokenBudget: this.deps.config.INTERVIEWER_TOKEN_BUDGET,
      })
      const pieces = turn.stream(ahead.signal)
      const first = pieces.next()
      first.catch(() => undefined)
      const isCurrent = await committed
      if (isCurrent) return { turn, pieces, first }
      ahead.abort()
      signal.removeEventListener('abort', stop)
      if (isCurrent === null) return null
    } else if ((await committed) === null) return null
    const { turn } = await prepareReply(this.deps, { interviewId: this.interviewId })
    return { turn, pieces: turn.stream(signal), first: null }
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }

  // ── the interviewer's reply ────────────────────────────────────────────────

  private replyFailed(replyId: string, error: unknown) {
    const entry = this.replies.get(replyId)
    if (entry?.controller.signal.aborted) return
    const failure = describe(error)
    if (failure.code === 'INTERNAL_ERROR') this.deps.logger.error({ err: error }, 'voice reply failed')
    else this.deps.logger.warn({ err: error, code: failure.code }, 'voice reply failed')
    this.send({ type: 'error', error: failure })
    this.dispatch({ type: 'reply_failed', replyId })
  }

  /**
   * Generates the reply with the interviewer text interviews use, cuts it into sentences as the
   * tokens arrive, and speaks each while the next is written. A model failure is met with a short
   * spoken apology and one more try.
   */
  private async runReply(replyId: string, committed: Promise<boolean | null>) {
    const entry = this.replies.get(replyId)
    if (!entry || entry.controller.signal.aborted) return
    const { signal } = entry.controller
    for (let attempt = 1; ; attempt++) {
      try {
        const started = await this.startTurn(signal, attempt === 1 ? committed : Promise.resolve(true))
        if (!started || signal.aborted) return
        const { turn, pieces } = started
        let { first } = started
        this.turns.set(replyId, {
          turnKind: turn.directive.kind,
          questionIndex: turn.directive.questionIndex,
          answerId: entry.answerId,
        })
        const speaker = this.createSpeaker(replyId, signal)
        const splitter = createSentenceSplitter()
        let written = ''
        let text: string
        for (;;) {
          const next = await (first ?? pieces.next())
          first = null
          if (signal.aborted) return
          if (next.done) {
            text = next.value
            break
          }
          written += next.value
          this.send({ type: 'transcript', role: 'interviewer', text: written, isFinal: false })
          for (const sentence of splitter.push(next.value)) speaker.say(sentence, true)
        }
        // An empty model reply is replaced by the fixed one, which the splitter never saw.
        if (written.trim() === '') splitter.push(text)
        const rest = splitter.flush()
        if (rest) speaker.say(rest, false)
        await speaker.done()
        if (signal.aborted) return
        this.send({ type: 'transcript', role: 'interviewer', text, isFinal: true })
        this.dispatch({ type: 'reply_complete', replyId, text, isClosing: turn.isClosing })
        return
      } catch (error) {
        if (signal.aborted) return
        if (error instanceof LanguageModelError && attempt < LLM_ATTEMPTS) {
          this.deps.logger.warn(
            { err: error, interviewId: this.interviewId },
            'interviewer failed; apologising and retrying',
          )
          const apology = this.createSpeaker(`${replyId}-apology`, signal, { isTracked: false })
          apology.say(APOLOGY_TEXT, false)
          await apology.done().catch(() => undefined)
          if (signal.aborted) return
          continue
        }
        this.replyFailed(replyId, error)
        return
      }
    }
  }

  private async speakStored(replyId: string, text: string, signal: AbortSignal) {
    const speaker = this.createSpeaker(replyId, signal)
    const splitter = createSentenceSplitter()
    for (const sentence of splitter.push(text)) speaker.say(sentence, true)
    const rest = splitter.flush()
    if (rest) speaker.say(rest, false)
    try {
      await speaker.done()
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'stored message not spoken')
    }
    if (!signal.aborted) this.dispatch({ type: 'reply_complete', replyId, text, isClosing: false })
  }

  /**
   * Speaks sentences in order as they are handed over, each streamed to the page as its audio
   * arrives. When synthesis fails (after the provider's own fallback), the rest of the reply goes
   * to the page as text. Nothing is sent once `signal` aborts.
   */
  private createSpeaker(replyId: string, signal: AbortSignal, options: { isTracked?: boolean } = {}) {
    const isTracked = options.isTracked ?? true
    const tts = this.deps.textToSpeech
    const contextId = `${replyId}-${randomUUID()}`
    let chain: Promise<void> = Promise.resolve()
    let index = 0
    let isTextOnly = tts === null
    const speak = async (sentence: number, text: string, continues: boolean) => {
      if (signal.aborted) return
      if (!isTextOnly && tts) {
        try {
          const audio = tts.synthesize(text, {
            sampleRate: VOICE_OUTPUT_SAMPLE_RATE,
            signal,
            contextId,
            continues,
          })
          for await (const chunk of audio) {
            if (signal.aborted) return
            this.transport.sendAudio(chunk)
            if (isTracked)
              this.dispatch({
                type: 'reply_audio',
                replyId,
                sentence,
                text,
                seconds: chunk.byteLength / 2 / VOICE_OUTPUT_SAMPLE_RATE,
              })
          }
          return
        } catch (error) {
          if (signal.aborted) return
          if (!(error instanceof TextToSpeechError)) throw error
          this.deps.logger.warn(
            { err: error, provider: error.provider },
            'speech synthesis failed; replying in text',
          )
          isTextOnly = true
        }
      }
      if (signal.aborted) return
      this.send({ type: 'text_reply', replyId, text })
      if (isTracked) this.dispatch({ type: 'reply_text', replyId, sentence, text })
    }
    return {
      say: (text: string, continues: boolean) => {
        const sentence = index++
        chain = chain.then(() => speak(sentence, text, continues))
      },
      done: () => chain,
    }
  }

  private async storeReply(effect: StoreReplyEffect): Promise<string | null> {
    const turn = this.turns.get(effect.replyId)
    if (!turn?.answerId) return null
    const message = await storeInterviewerReply(this.deps, {
      interviewId: this.interviewId,
      answerId: turn.answerId,
      content: effect.content,
      turnKind: turn.turnKind,
      questionIndex: turn.questionIndex,
      recruiterId: this.context?.interview.recruiterId,
      spoken: {
        startedSpeakingAt: effect.startedSpeakingAt === null ? null : new Date(effect.startedSpeakingAt),
        endedSpeakingAt: effect.endedSpeakingAt === null ? null : new Date(effect.endedSpeakingAt),
        responseGapMs: effect.responseGapMs,
        isInterrupted: effect.isInterrupted,
      },
    })
    this.send({ type: 'turn', role: 'interviewer', message })
    if (effect.isClosing)
      await completeInterview(this.deps, { interviewId: this.interviewId, reason: 'interviewer_closed' })
    return message.id
  }

  // ── ending ─────────────────────────────────────────────────────────────────

  private onAccessChange(change: InterviewAccessChange) {
    if (change.reason === 'voice_session_started') {
      // A second tab, or a reconnect while this socket lingers half-open: the newest session speaks.
      if (change.sessionId !== this.sessionId && this.isStarted) void this.end('replaced')
      return
    }
    if (change.linkId && change.linkId !== this.actor.linkId) return
    if (change.reason === 'link_revoked') void this.end('link_revoked')
    else if (change.endReason === 'time_limit') void this.end('time_limit')
    else if (change.endReason === 'candidate_ended') void this.end('candidate_ended')
    else void this.end('interview_ended')
  }

  private async onTimeLimit() {
    await completeInterview(this.deps, { interviewId: this.interviewId, reason: 'time_limit' }).catch(
      (error) => this.deps.logger.warn({ err: error }, 'time limit not applied'),
    )
    await this.end('time_limit')
  }

  private refuse(code: ErrorCode, message: string, reason: VoiceEndReason) {
    this.send({ type: 'error', error: { code, message } })
    void this.end(reason, undefined, closeCodeFor(code))
  }

  /**
   * Ends the session once, for whatever reason: what the interviewer had said is stored, the
   * speech-to-text stream closed, the speech measures updated, and the page told why. `null` when
   * the page itself went away.
   */
  end(reason: VoiceEndReason | null, detail?: { reason: string }, closeCode?: number): Promise<void> {
    this.ending ??= this.finish(reason, detail, closeCode).finally(() => this.markEnded())
    return this.ending
  }

  private markEnded: () => void = () => undefined
  /** Settles once the session has ended, for whatever reason, and stored what it had to. */
  readonly ended = new Promise<void>((resolve) => {
    this.markEnded = resolve
  })

  private async finish(reason: VoiceEndReason | null, detail?: { reason: string }, closeCode?: number) {
    this.dispatch({ type: 'stop' })
    // Lost access ends the conversation at once; the bookkeeping follows.
    if (reason === 'link_revoked' || reason === 'interview_ended') this.tellEnded(reason, closeCode)
    for (const entry of this.replies.values()) entry.controller.abort()
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle)
    this.clock.clearTimeout(this.keepAliveTimer)
    this.clock.clearTimeout(this.timeLimitTimer)
    this.stopAccessWatch?.()
    this.sttUnsubscribe?.()
    this.flushStt()
    const stt = this.stt
    this.stt = null
    await stt?.close().catch(() => undefined)
    await this.queue
    try {
      if (reason === 'candidate_ended')
        await endCandidateInterview(this.deps, this.actor, {
          reason: detail?.reason ?? 'ended by the candidate',
        })
      if (this.isStarted) {
        await recordVoiceEvidence(this.deps, {
          interviewId: this.interviewId,
          linkId: this.actor.linkId,
          event: reason === 'switched_to_text' ? 'switched_to_text' : 'session_ended',
          detail: { reason: reason ?? 'disconnected' },
        })
        await storeSpeechAnalytics(this.deps, { interviewId: this.interviewId })
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, interviewId: this.interviewId }, 'voice session not closed cleanly')
    }
    if (reason) this.tellEnded(reason, closeCode)
  }

  private tellEnded(reason: VoiceEndReason, closeCode?: number) {
    if (this.isClosed) return
    this.send({ type: 'ended', reason })
    this.isClosed = true
    this.transport.close(closeCode ?? closeCodeForReason(reason), reason)
  }

  private send(message: VoiceServerMessage) {
    if (this.isClosed) return
    this.transport.sendJson(message)
  }
}

function closeCodeForReason(reason: VoiceEndReason): number {
  if (reason === 'link_revoked') return closeCodeFor('UNAUTHORIZED')
  if (reason === 'interview_ended') return closeCodeFor('GONE')
  if (reason === 'replaced') return closeCodeFor('CONFLICT')
  if (reason === 'server_shutdown') return 1001
  return 1000
}

function describe(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message }
  const failure = describeFailure(error)
  return { code: failure.code, message: failure.message }
}
