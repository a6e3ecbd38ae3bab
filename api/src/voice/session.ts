import type { SpeechToTextEvent, SpeechWord } from '../providers/speech-to-text.js'
import type { VoiceServerMessage } from '../schemas/voice.js'
import { turnEndDelayMs, type VoicePace } from './turn-taking.js'

/**
 * The voice session as a pure state machine: `step(state, event, now)` returns the next state and
 * the effects the edge must carry out (send a message, store a turn, start or abort a reply, set a
 * timer). It owns the decisions — when the candidate's turn ends, when they talk over the
 * interviewer, what the interviewer actually said — and nothing else: no sockets, no clock of its
 * own (`now` is handed in, in milliseconds), no timers (it asks for them and is told when they fire).
 *
 * Times in seconds (`…Seconds`) are on the session's audio timeline: seconds of candidate audio
 * received since the session began, which the speech-to-text word timings are mapped onto.
 */

export type VoiceSessionOptions = {
  pace: VoicePace
  /** Multiplies the turn-taking delays (tests shorten them). */
  turnDelayScale?: number
  /** How long after the estimated end of the interviewer's audio the page is assumed to have finished playing it. */
  playbackMarginMs?: number
}

type Segment = { text: string; words: SpeechWord[] }

/** The candidate's words since their turn began. */
type CandidateTurnState = {
  segments: Segment[]
  interim: string
  /** Clock time speech was first heard in this turn. */
  startedAt: number | null
  /** Clock time the latest speech ended (estimated from the last word's end). */
  speechEndedAt: number | null
}

export type CandidateTurn = {
  text: string
  /** On the session's audio timeline. */
  words: SpeechWord[]
  startedAt: number
  endedAt: number
}

type SpokenSentence = {
  text: string
  /** Where this sentence's audio begins within the reply's audio, in seconds. */
  offsetSeconds: number
  /** Shown as text because it could not be spoken. */
  isTextOnly: boolean
}

type Reply = {
  id: string
  /** `generated` answers the candidate's turn; `stored` speaks a message already in the transcript (the opening). */
  kind: 'generated' | 'stored'
  /** When the candidate's speech ended, for the response gap; null for a stored message. */
  answerEndedAt: number | null
  sentences: SpokenSentence[]
  audioSeconds: number
  firstAudioAt: number | null
  isComplete: boolean
  text: string | null
  isClosing: boolean
  playbackTimerId: string | null
}

export type VoiceSessionState = {
  phase: 'waiting' | 'listening' | 'responding' | 'ended'
  pace: VoicePace
  turnDelayScale: number
  playbackMarginMs: number
  isMuted: boolean
  /** Seconds of candidate audio received. */
  audioSeconds: number
  /** Where the current speech-to-text stream's time 0 lies on the session's audio timeline. */
  streamOffsetSeconds: number
  /** End of the last final word, on the session timeline: audio before it never needs replaying. */
  lastFinalEndSeconds: number
  turn: CandidateTurnState
  pendingTurnEnd: { timerId: string } | null
  reply: Reply | null
  nextId: number
}

export type StoreReplyEffect = {
  type: 'store_reply'
  replyId: string
  content: string
  isInterrupted: boolean
  isClosing: boolean
  startedSpeakingAt: number | null
  endedSpeakingAt: number | null
  responseGapMs: number | null
}

export type VoiceSessionEffect =
  | { type: 'send'; message: VoiceServerMessage }
  | { type: 'set_timer'; timerId: string; delayMs: number }
  | { type: 'cancel_timer'; timerId: string }
  /** Store the candidate's turn as their answer, then generate the reply `replyId` to it. */
  | { type: 'commit_answer'; replyId: string; turn: CandidateTurn }
  /** Generate the reply `replyId` to the answer already stored (after a reconnect or a failed attempt). */
  | { type: 'reply_to_pending'; replyId: string }
  /** Speak a message already stored (the opening). */
  | { type: 'speak_stored'; replyId: string; text: string }
  /** Stop generating and synthesizing `replyId` now. */
  | { type: 'abort_reply'; replyId: string }
  | StoreReplyEffect
  | { type: 'record_incident'; kind: 'talk_over' | 'cut_off'; replyId: string; at: number }
  | { type: 'end_session'; reason: 'candidate_ended' | 'interviewer_closed' }

export type VoiceSessionEvent =
  /** The page sent `start`/`resume`: what the interviewer does first. */
  | {
      type: 'begin'
      opening: { kind: 'speak'; text: string } | { kind: 'reply_to_pending' } | { kind: 'listen' }
    }
  | { type: 'audio'; seconds: number }
  | { type: 'stt'; event: SpeechToTextEvent }
  /** A new speech-to-text stream replaced a lost one; its time 0 is `offsetSeconds` on the session timeline. */
  | { type: 'stt_reopened'; offsetSeconds: number }
  | { type: 'timer'; timerId: string }
  /** Audio of the reply's sentence `sentence` (index) went to the page. */
  | { type: 'reply_audio'; replyId: string; sentence: number; text: string; seconds: number }
  /** A sentence went to the page as text: speech synthesis failed. */
  | { type: 'reply_text'; replyId: string; sentence: number; text: string }
  /** The reply has been generated and all of its audio (or text) sent. */
  | { type: 'reply_complete'; replyId: string; text: string; isClosing: boolean }
  /** The reply could not be generated; the answer stays stored, waiting for one. */
  | { type: 'reply_failed'; replyId: string }
  | { type: 'playback_finished' }
  | { type: 'mute' }
  | { type: 'unmute' }
  /** The session stops (the candidate ended it, switched to text, the link was revoked…). */
  | { type: 'stop' }

export type Step = { state: VoiceSessionState; effects: VoiceSessionEffect[] }

const EMPTY_TURN: CandidateTurnState = { segments: [], interim: '', startedAt: null, speechEndedAt: null }

export function createVoiceSession(options: VoiceSessionOptions): VoiceSessionState {
  return {
    phase: 'waiting',
    pace: options.pace,
    turnDelayScale: options.turnDelayScale ?? 1,
    playbackMarginMs: options.playbackMarginMs ?? 500,
    isMuted: false,
    audioSeconds: 0,
    streamOffsetSeconds: 0,
    lastFinalEndSeconds: 0,
    turn: EMPTY_TURN,
    pendingTurnEnd: null,
    reply: null,
    nextId: 1,
  }
}

/** Where the interviewer stands, as `ready` reports it. */
export function describePhase(state: VoiceSessionState): 'waiting' | 'listening' | 'speaking' {
  if (state.phase === 'responding') return 'speaking'
  if (state.phase === 'listening') return 'listening'
  return 'waiting'
}

export function turnText(turn: { segments: Segment[] }): string {
  return turn.segments
    .map((segment) => segment.text.trim())
    .filter(Boolean)
    .join(' ')
}

/** One transition. Pure: the same state, event and time always give the same result. */
export function step(state: VoiceSessionState, event: VoiceSessionEvent, now: number): Step {
  const effects: VoiceSessionEffect[] = []
  if (state.phase === 'ended') return { state, effects }
  // Fifty a second per candidate, and only a clock: no need for the machinery below.
  if (event.type === 'audio')
    return { state: { ...state, audioSeconds: state.audioSeconds + event.seconds }, effects }
  let next: VoiceSessionState = state
  const newId = (prefix: string) => {
    const id = `${prefix}${next.nextId}`
    next = { ...next, nextId: next.nextId + 1 }
    return id
  }

  const cancelTurnEnd = () => {
    if (!next.pendingTurnEnd) return
    effects.push({ type: 'cancel_timer', timerId: next.pendingTurnEnd.timerId })
    next = { ...next, pendingTurnEnd: null }
  }

  const startReply = (kind: Reply['kind'], answerEndedAt: number | null): string => {
    const id = newId('reply-')
    next = {
      ...next,
      phase: 'responding',
      reply: {
        id,
        kind,
        answerEndedAt,
        sentences: [],
        audioSeconds: 0,
        firstAudioAt: null,
        isComplete: false,
        text: null,
        isClosing: false,
        playbackTimerId: null,
      },
    }
    return id
  }

  /** After the end of speech: wait as the pace says, then end the turn unless speech resumes. */
  const considerTurnEnd = () => {
    if (next.phase !== 'listening' || next.turn.segments.length === 0 || next.turn.interim !== '') return
    cancelTurnEnd()
    const endedAt = next.turn.speechEndedAt ?? now
    const wait = turnEndDelayMs(next.pace, turnText(next.turn), next.turnDelayScale)
    const timerId = newId('turn-end-')
    effects.push({ type: 'set_timer', timerId, delayMs: Math.max(0, endedAt + wait - now) })
    next = { ...next, pendingTurnEnd: { timerId } }
  }

  const endCandidateTurn = () => {
    const turn = next.turn
    const text = turnText(turn)
    const endedAt = turn.speechEndedAt ?? now
    const candidateTurn: CandidateTurn = {
      text,
      words: turn.segments.flatMap((segment) => segment.words),
      startedAt: turn.startedAt ?? endedAt,
      endedAt,
    }
    next = { ...next, turn: EMPTY_TURN, pendingTurnEnd: null }
    const replyId = startReply('generated', endedAt)
    effects.push({ type: 'commit_answer', replyId, turn: candidateTurn })
  }

  /** What of the reply the page has played by now: sentences whose audio had begun, and any shown as text. */
  const spokenSoFar = (reply: Reply) => {
    const elapsed = reply.firstAudioAt === null ? -1 : (now - reply.firstAudioAt) / 1000
    return reply.sentences
      .filter((sentence) => sentence.isTextOnly || (elapsed >= 0 && sentence.offsetSeconds <= elapsed))
      .map((sentence) => sentence.text)
      .join(' ')
  }

  const replyTiming = (reply: Reply, endedSpeakingAt: number | null) => ({
    startedSpeakingAt: reply.firstAudioAt,
    endedSpeakingAt,
    responseGapMs:
      reply.firstAudioAt !== null && reply.answerEndedAt !== null
        ? Math.max(0, Math.round(reply.firstAudioAt - reply.answerEndedAt))
        : null,
  })

  /** The interviewer stops mid-reply: keep what was said, drop the rest. */
  const interruptReply = (cause: 'candidate' | 'stop') => {
    const reply = next.reply
    if (!reply) return
    if (reply.playbackTimerId) effects.push({ type: 'cancel_timer', timerId: reply.playbackTimerId })
    effects.push({ type: 'abort_reply', replyId: reply.id })
    const said = spokenSoFar(reply)
    if (cause === 'candidate') {
      effects.push({ type: 'send', message: { type: 'barge_in', replyId: reply.id } })
    }
    if (cause === 'candidate' && reply.kind === 'generated') {
      // Speech before any of the reply was heard means the turn was ended too early.
      effects.push({
        type: 'record_incident',
        kind: said === '' ? 'cut_off' : 'talk_over',
        replyId: reply.id,
        at: now,
      })
    }
    if (reply.kind === 'generated' && said !== '') {
      effects.push({
        type: 'store_reply',
        replyId: reply.id,
        content: said,
        isInterrupted: true,
        isClosing: false,
        ...replyTiming(reply, now),
      })
    }
    effects.push({
      type: 'send',
      message: { type: 'interviewer_done', replyId: reply.id, interrupted: true },
    })
    next = { ...next, phase: 'listening', reply: null }
  }

  const finishReply = () => {
    const reply = next.reply
    if (!reply) return
    if (reply.playbackTimerId) effects.push({ type: 'cancel_timer', timerId: reply.playbackTimerId })
    const endedSpeakingAt =
      reply.firstAudioAt === null ? null : Math.min(now, reply.firstAudioAt + reply.audioSeconds * 1000)
    if (reply.kind === 'generated') {
      effects.push({
        type: 'store_reply',
        replyId: reply.id,
        content: reply.text ?? '',
        isInterrupted: false,
        isClosing: reply.isClosing,
        ...replyTiming(reply, endedSpeakingAt),
      })
    }
    if (reply.isClosing) {
      next = { ...next, phase: 'ended', reply: null }
      effects.push({ type: 'end_session', reason: 'interviewer_closed' })
      return
    }
    next = { ...next, phase: 'listening', reply: null }
    considerTurnEnd()
  }

  /** Candidate speech: it cancels a pending turn end and, while the interviewer talks, interrupts them. */
  const heardSpeech = () => {
    cancelTurnEnd()
    if (next.phase === 'responding') interruptReply('candidate')
    if (next.turn.startedAt === null) next = { ...next, turn: { ...next.turn, startedAt: now } }
  }

  const sendCandidatePartial = (isFinal: boolean) => {
    const text = [turnText(next.turn), next.turn.interim].filter(Boolean).join(' ')
    effects.push({ type: 'send', message: { type: 'transcript', role: 'candidate', text, isFinal } })
  }

  const reply = next.reply
  const isCurrentReply = (replyId: string) => reply !== null && reply.id === replyId

  switch (event.type) {
    case 'begin': {
      if (next.phase !== 'waiting') break
      next = { ...next, phase: 'listening' }
      if (event.opening.kind === 'speak') {
        const replyId = startReply('stored', null)
        effects.push({ type: 'speak_stored', replyId, text: event.opening.text })
      } else if (event.opening.kind === 'reply_to_pending') {
        const replyId = startReply('generated', null)
        effects.push({ type: 'reply_to_pending', replyId })
      }
      break
    }
    case 'stt_reopened':
      next = { ...next, streamOffsetSeconds: event.offsetSeconds }
      break
    case 'stt': {
      const stt = event.event
      if (stt.type === 'speech_started') {
        if (next.phase === 'waiting') break
        heardSpeech()
        // Speech that yields no words (a cough) must not hold the turn open for ever: wait afresh from now.
        if (next.turn.segments.length > 0) {
          next = { ...next, turn: { ...next.turn, speechEndedAt: now } }
          considerTurnEnd()
        }
        break
      }
      if (stt.type === 'utterance_end') {
        considerTurnEnd()
        break
      }
      if (stt.type !== 'transcript' || next.phase === 'waiting') break
      const text = stt.text.trim()
      if (!stt.isFinal) {
        if (text === '') break
        heardSpeech()
        next = { ...next, turn: { ...next.turn, interim: text } }
        sendCandidatePartial(false)
        break
      }
      if (text !== '') {
        heardSpeech()
        const offset = next.streamOffsetSeconds
        const words = stt.words.map((word) => ({
          ...word,
          start: word.start + offset,
          end: word.end + offset,
        }))
        const lastEnd = words.at(-1)?.end ?? offset + stt.start + stt.duration
        // The stream is real time: the last word ended as long ago as the audio received since it lasts.
        const speechEndedAt = Math.min(now, now - Math.max(0, next.audioSeconds - lastEnd) * 1000)
        next = {
          ...next,
          lastFinalEndSeconds: Math.max(next.lastFinalEndSeconds, offset + stt.start + stt.duration),
          turn: {
            ...next.turn,
            segments: [...next.turn.segments, { text, words }],
            interim: '',
            speechEndedAt,
          },
        }
        sendCandidatePartial(true)
      } else {
        next = {
          ...next,
          lastFinalEndSeconds: Math.max(
            next.lastFinalEndSeconds,
            next.streamOffsetSeconds + stt.start + stt.duration,
          ),
          turn: { ...next.turn, interim: '' },
        }
      }
      if (stt.speechFinal || next.isMuted) considerTurnEnd()
      break
    }
    case 'timer': {
      if (next.pendingTurnEnd?.timerId === event.timerId) {
        if (next.phase === 'listening' && next.turn.segments.length > 0) endCandidateTurn()
        else next = { ...next, pendingTurnEnd: null }
      } else if (reply?.playbackTimerId === event.timerId) {
        finishReply()
      }
      break
    }
    case 'reply_audio':
    case 'reply_text': {
      if (!reply || !isCurrentReply(event.replyId)) break
      const isTextOnly = event.type === 'reply_text'
      const sentences =
        reply.sentences.length > event.sentence
          ? reply.sentences
          : [...reply.sentences, { text: event.text, offsetSeconds: reply.audioSeconds, isTextOnly }]
      const isFirst = reply.firstAudioAt === null && reply.sentences.every((sentence) => !sentence.isTextOnly)
      if (isFirst)
        effects.push({ type: 'send', message: { type: 'interviewer_speaking', replyId: reply.id } })
      next = {
        ...next,
        reply: {
          ...reply,
          sentences,
          firstAudioAt: isTextOnly ? reply.firstAudioAt : (reply.firstAudioAt ?? now),
          audioSeconds: reply.audioSeconds + (event.type === 'reply_audio' ? event.seconds : 0),
        },
      }
      break
    }
    case 'reply_complete': {
      if (!reply || !isCurrentReply(event.replyId)) break
      const completed: Reply = { ...reply, isComplete: true, text: event.text, isClosing: event.isClosing }
      next = { ...next, reply: completed }
      // All its audio has been sent: the page answers `playback_finished` once it has played it.
      effects.push({
        type: 'send',
        message: { type: 'interviewer_done', replyId: reply.id, interrupted: false },
      })
      if (completed.firstAudioAt === null) {
        finishReply()
        break
      }
      // The page plays what it was sent; it says when it has finished, or this timer decides for it.
      const playbackEndsAt = completed.firstAudioAt + completed.audioSeconds * 1000 + next.playbackMarginMs
      const timerId = newId('playback-')
      effects.push({ type: 'set_timer', timerId, delayMs: Math.max(0, playbackEndsAt - now) })
      next = { ...next, reply: { ...completed, playbackTimerId: timerId } }
      break
    }
    case 'reply_failed': {
      if (!reply || !isCurrentReply(event.replyId)) break
      next = { ...next, phase: 'listening', reply: null }
      effects.push({
        type: 'send',
        message: { type: 'interviewer_done', replyId: reply.id, interrupted: true },
      })
      break
    }
    case 'playback_finished':
      if (reply?.isComplete) finishReply()
      break
    case 'mute':
      // Muting is the end of speech: no more audio will come to finish the turn otherwise.
      next = { ...next, isMuted: true }
      considerTurnEnd()
      break
    case 'unmute':
      next = { ...next, isMuted: false }
      break
    case 'stop': {
      cancelTurnEnd()
      if (next.reply) interruptReply('stop')
      next = { ...next, phase: 'ended' }
      break
    }
  }
  return { state: next, effects }
}
