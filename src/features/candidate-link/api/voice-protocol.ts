import type { InterviewMessage } from './list-interview-messages'

/*
 * The voice socket's JSON messages, mirrored by hand from VoiceClientMessageSchema and
 * VoiceServerMessageSchema in api/src/schemas/voice.ts: the SPA may not import the API's schemas,
 * not even their types. Only the fields this page reads are listed. Binary frames carry audio:
 * 16 kHz mono 16-bit PCM up, the interviewer's 16-bit PCM at `ready.outputSampleRate` down.
 */

export const VOICE_INPUT_SAMPLE_RATE = 16_000

export type VoiceClientMessage =
  | { type: 'start' }
  | { type: 'resume' }
  | { type: 'mute' }
  | { type: 'unmute' }
  | { type: 'playback_stopped'; playedMs?: number }
  | { type: 'playback_finished' }
  | { type: 'switch_to_text' }
  | { type: 'end'; reason: string }

export type VoiceRole = 'candidate' | 'interviewer'

export type VoiceServerMessage =
  | {
      type: 'ready'
      state: 'waiting' | 'listening' | 'speaking'
      outputSampleRate: number
      remainingSeconds: number
      messageCount: number
    }
  | { type: 'transcript'; role: VoiceRole; text: string; isFinal: boolean }
  | { type: 'turn'; role: VoiceRole; message: InterviewMessage }
  | { type: 'interviewer_speaking'; replyId: string }
  | { type: 'interviewer_done'; replyId: string; interrupted: boolean }
  | { type: 'barge_in'; replyId: string }
  | { type: 'text_reply'; replyId: string; text: string }
  | { type: 'error'; error: { code: string; message: string } }
  | { type: 'ended'; reason: string }
  | { type: 'pong' }
