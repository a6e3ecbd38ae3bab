/**
 * AGREED INTERFACE (the voice-session branch codes against it; add optional fields/functions, never
 * change these). See /work/wt-voice-providers/VOICE_INTERFACES.md for the whole agreement.
 */
export type TtsProviderName = 'deepgram' | 'cartesia'

/** 16-bit little-endian mono PCM at the requested sample rate. */
export type SpeechAudio = { chunk: Uint8Array }

export type SynthesisOptions = {
  /** Output is 16-bit little-endian mono PCM at this rate. */
  sampleRate: number
  signal?: AbortSignal
  /** The same id for the sentences of one reply: Cartesia continuations. */
  contextId?: string
  /** More sentences follow in this context. */
  continues?: boolean
}

export interface TextToSpeech {
  readonly name: TtsProviderName
  /** Streams one text's audio as it arrives; rejects with TextToSpeechError on provider failure; stops promptly when `signal` aborts. */
  synthesize(text: string, options: SynthesisOptions): AsyncIterable<Uint8Array>
  close(): Promise<void>
}

export class TextToSpeechError extends Error {
  constructor(
    message: string,
    readonly provider: TtsProviderName,
    readonly kind: 'unavailable' | 'rejected' | 'timeout',
  ) {
    super(message)
  }
}

export function createDeepgramTextToSpeech(_options: {
  apiKey: string
  baseUrl: string
  voice?: string
  lowLatency?: boolean
}): TextToSpeech {
  throw new Error('not built yet')
}

export function createCartesiaTextToSpeech(_options: {
  apiKey: string
  baseUrl: string
  voice?: string
  modelId?: string
  lowLatency?: boolean
}): TextToSpeech {
  throw new Error('not built yet')
}

/** Tries `primary`; falls over to `fallback` on TextToSpeechError before any audio came for that text. */
export function withFallback(_primary: TextToSpeech, _fallback: TextToSpeech | undefined): TextToSpeech {
  throw new Error('not built yet')
}
