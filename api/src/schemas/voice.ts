import { z } from '@hono/zod-openapi'
import { ERROR_STATUS, type ErrorCode } from '../domain/errors.js'
import { InterviewMessageSchema } from './candidate.js'
import { IsoDateTimeSchema } from './dates.js'
import { VoicePaceSchema } from './interviews.js'

/**
 * The voice interview WebSocket (`/api/candidate/interview/voice?interviewId=…&ticket=…`).
 *
 * Binary frames carry audio: client → server 16 kHz mono 16-bit little-endian PCM from the
 * microphone; server → client the interviewer's voice, mono 16-bit little-endian PCM at
 * `ready.outputSampleRate` (24 kHz). Text frames carry the JSON messages below. A refused or ended
 * session closes with a 4xxx code: 4000 + the HTTP status of its error code (4401 for a bad ticket).
 */
export const VOICE_INPUT_SAMPLE_RATE = 16_000
export const VOICE_OUTPUT_SAMPLE_RATE = 24_000

export const VoiceClientMessageSchema = z.discriminatedUnion('type', [
  /** Begin (or, after a reconnect, `resume`) the session; the interview must have been started over REST. */
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('mute') }).strict(),
  z.object({ type: z.literal('unmute') }).strict(),
  /** The page stopped playing the interviewer's audio early (after `barge_in`, or its user stopped it). */
  z.object({ type: z.literal('playback_stopped'), playedMs: z.number().min(0).optional() }).strict(),
  /** The page has played all the interviewer's audio it was sent. */
  z.object({ type: z.literal('playback_finished') }).strict(),
  z.object({ type: z.literal('switch_to_text') }).strict(),
  z.object({ type: z.literal('end'), reason: z.string().trim().min(1).max(500) }).strict(),
  z.object({ type: z.literal('ping'), id: z.string().min(1).max(64), sentAt: z.number().finite() }).strict(),
])
export type VoiceClientMessage = z.infer<typeof VoiceClientMessageSchema>

export const VOICE_END_REASONS = [
  'candidate_ended',
  'interviewer_closed',
  'time_limit',
  'switched_to_text',
  'link_revoked',
  'interview_ended',
  'replaced',
  'server_shutdown',
] as const
export type VoiceEndReason = (typeof VOICE_END_REASONS)[number]

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]

export const VoiceServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    interviewId: z.string(),
    status: z.enum(['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED']),
    /** `listening` or `speaking` once started; `waiting` until the page sends `start` or `resume`. */
    state: z.enum(['waiting', 'listening', 'speaking']),
    inputSampleRate: z.literal(VOICE_INPUT_SAMPLE_RATE),
    outputSampleRate: z.literal(VOICE_OUTPUT_SAMPLE_RATE),
    audioFormat: z.literal('pcm_s16le'),
    turnTaking: z.object({ pace: VoicePaceSchema, finishedMs: z.number(), unfinishedMs: z.number() }),
    remainingSeconds: z.number().int().min(0),
    messageCount: z.number().int().min(0),
  }),
  /** Words as they are recognised (candidate) or written (interviewer); `isFinal` when they will not change. */
  z.object({
    type: z.literal('transcript'),
    role: z.enum(['candidate', 'interviewer']),
    text: z.string(),
    isFinal: z.boolean(),
  }),
  /** A turn as stored in the transcript. */
  z.object({
    type: z.literal('turn'),
    role: z.enum(['candidate', 'interviewer']),
    message: InterviewMessageSchema,
  }),
  z.object({ type: z.literal('interviewer_speaking'), replyId: z.string() }),
  /**
   * The interviewer has finished: all the reply's audio has been sent (the page answers
   * `playback_finished` once it has played it), or, `interrupted`, it stopped mid-reply.
   */
  z.object({ type: z.literal('interviewer_done'), replyId: z.string(), interrupted: z.boolean() }),
  /** Stop playing the interviewer's audio now: the candidate is speaking. */
  z.object({ type: z.literal('barge_in'), replyId: z.string() }),
  /** The interviewer's words as text, because speech could not be synthesized. */
  z.object({ type: z.literal('text_reply'), replyId: z.string(), text: z.string() }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
  z.object({ type: z.literal('ended'), reason: z.enum(VOICE_END_REASONS) }),
  z.object({ type: z.literal('pong'), id: z.string(), sentAt: z.number(), serverTime: z.string() }),
])
export type VoiceServerMessage = z.input<typeof VoiceServerMessageSchema>

/** The close code for a session refused or ended with an error code: 4000 + its HTTP status. */
export const closeCodeFor = (code: ErrorCode) => 4000 + ERROR_STATUS[code]

export const VoiceTicketSchema = z
  .object({
    ticket: z.string(),
    expiresAt: IsoDateTimeSchema,
    /** Where to open the socket, relative to the API's origin; the ticket goes in its query. */
    url: z.string(),
  })
  .openapi('VoiceTicket')

export const VoiceQuerySchema = z.object({
  interviewId: z.uuid({ error: 'must be the interview id' }),
  ticket: z.string().min(1).max(2048),
})

const LatencySchema = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  max: z.number().nullable(),
})

export const SpeechSummarySchema = z.object({
  candidateTurns: z.number().int(),
  wordCount: z.number().int(),
  wordsPerMinute: z.number().nullable(),
  fillerCount: z.number().int(),
  fillerRate: z.number().nullable(),
  fillers: z.record(z.string(), z.number()),
  longPauseCount: z.number().int(),
  longestPauseSeconds: z.number().nullable(),
  candidateSpeakingSeconds: z.number(),
  interviewerSpeakingSeconds: z.number(),
  candidateTalkRatio: z.number().nullable(),
})

export const VoiceReportSchema = z
  .object({
    interviewId: z.string(),
    pace: VoicePaceSchema,
    /** End of the candidate's speech → first byte of the interviewer's audio sent, per interviewer turn. */
    responseGapMs: LatencySchema,
    turns: z.array(
      z.object({
        messageId: z.string(),
        responseGapMs: z.number().int().nullable(),
        isInterrupted: z.boolean(),
        startedSpeakingAt: IsoDateTimeSchema.nullable(),
        endedSpeakingAt: IsoDateTimeSchema.nullable(),
      }),
    ),
    /** Times the candidate spoke over the interviewer (`talk_over`) or went on after their turn was ended (`cut_off`). */
    incidents: z.array(
      z.object({
        kind: z.enum(['talk_over', 'cut_off']),
        occurredAt: IsoDateTimeSchema,
        messageId: z.string().nullable(),
      }),
    ),
    speech: SpeechSummarySchema.nullable(),
  })
  .openapi('VoiceReport')
