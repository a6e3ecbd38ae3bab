/**
 * AGREED INTERFACE (the voice-session branch codes against it; add optional fields/functions, never
 * change these). Implement createDeepgramSpeechToText below; the full agreement, including the fakes
 * to build and the config/container wiring, is in /work/wt-voice-providers/VOICE_INTERFACES.md
 * (delete that file before your last commit).
 */
export type SpeechWord = {
  word: string
  /** Seconds from the stream's start. */
  start: number
  end: number
  confidence: number
  punctuatedWord?: string
}

export type SpeechToTextEvent =
  | {
      type: 'transcript'
      text: string
      isFinal: boolean
      speechFinal: boolean
      words: SpeechWord[]
      start: number
      duration: number
    }
  /** Deepgram SpeechStarted (vad_events=true). */
  | { type: 'speech_started'; timestamp: number }
  /** Deepgram UtteranceEnd. */
  | { type: 'utterance_end'; lastWordEnd: number }
  /** The socket is gone; `unexpected` when nobody asked it to close. */
  | { type: 'closed'; code: number; reason: string; unexpected: boolean }

export type SpeechToTextOptions = {
  sampleRate: number
  language?: string
  endpointingMs: number
  utteranceEndMs: number
  signal?: AbortSignal
}

export interface SpeechToTextStream {
  /** 16-bit little-endian mono PCM (linear16). */
  sendAudio(pcm: Uint8Array): void
  /** {"type":"KeepAlive"} */
  keepAlive(): void
  /** {"type":"Finalize"} */
  finalize(): void
  /** {"type":"CloseStream"}, then waits for the close. */
  close(): Promise<void>
  onEvent(listener: (event: SpeechToTextEvent) => void): () => void
}

export interface SpeechToText {
  readonly name: 'deepgram'
  open(options: SpeechToTextOptions): Promise<SpeechToTextStream>
}

export function createDeepgramSpeechToText(_options: {
  apiKey: string
  baseUrl: string
  model?: string
}): SpeechToText {
  throw new Error('not built yet')
}
