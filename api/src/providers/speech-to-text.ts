import type WebSocket from 'ws'
import type { Logger } from '../infra/logger.js'
import { connectWebSocket, WebSocketConnectError, webSocketUrl } from './websocket-connect.js'

/*
 * Live speech-to-text for voice interviews: Deepgram's streaming `/v1/listen` WebSocket
 * (reference/providers.md §1). The voice session codes against the types below; add optional
 * fields, never change the existing ones.
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
      /** May be empty on a final result (a stretch of silence, or a Finalize with nothing pending). */
      text: string
      /** A final result freezes its time range; finals are not cumulative, so append them. */
      isFinal: boolean
      /** The speaker paused for the endpointing time: a good "they stopped talking" moment. */
      speechFinal: boolean
      words: SpeechWord[]
      /** Seconds from the stream's start. */
      start: number
      duration: number
      /** The result answers a `finalize()`. */
      fromFinalize?: boolean
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
  /** Aborting it closes the stream at once (the `closed` event then says `unexpected: false`). */
  signal?: AbortSignal
  /**
   * A KeepAlive goes out whenever nothing was sent for this long, because Deepgram closes a
   * socket that hears nothing for about 10 s (1011 NET-0001). Default 4000; 0 turns it off.
   */
  keepAliveIntervalMs?: number
}

export interface SpeechToTextStream {
  /** 16-bit little-endian mono PCM (linear16). Empty chunks are skipped (they would end the stream). */
  sendAudio(pcm: Uint8Array): void
  /** {"type":"KeepAlive"} */
  keepAlive(): void
  /** {"type":"Finalize"} */
  finalize(): void
  /** {"type":"CloseStream"}, then waits for the close. */
  close(): Promise<void>
  /** Events that arrive before the first listener is added are kept for it. */
  onEvent(listener: (event: SpeechToTextEvent) => void): () => void
  /** Deepgram's `dg-request-id` for this stream, for support requests and logs. */
  readonly requestId?: string
}

export interface SpeechToText {
  readonly name: 'deepgram'
  /** Rejects with a `SpeechToTextError` when the stream cannot be opened. */
  open(options: SpeechToTextOptions): Promise<SpeechToTextStream>
}

export type SpeechToTextErrorKind = 'rejected' | 'unavailable' | 'timeout' | 'cancelled'

/** Opening a stream failed. `rejected` will fail again (bad key, bad parameters); the rest may not. */
export class SpeechToTextError extends Error {
  override name = 'SpeechToTextError'
  constructor(
    message: string,
    readonly kind: SpeechToTextErrorKind,
    readonly details: {
      status?: number
      /** Deepgram's `dg-error` header: its reason for refusing. */
      providerMessage?: string
      requestId?: string
      /** Connection attempts made, retries included. */
      attempts?: number
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
  }
}

export const DEEPGRAM_BASE_URL = 'https://api.deepgram.com'
export const DEFAULT_DEEPGRAM_STT_MODEL = 'nova-3'

export type DeepgramSpeechToTextOptions = {
  apiKey: string
  /** `https://api.deepgram.com`; `http://` becomes `ws://` (the fakes), `https://` `wss://`. */
  baseUrl: string
  model?: string
  connectTimeoutMs?: number
  /** How long `close()` waits for Deepgram's last results before cutting the socket. */
  closeTimeoutMs?: number
  /** Further attempts when a connection fails for a reason that may pass (network, 429, 5xx). */
  maxRetries?: number
  retryDelayMs?: number
  logger?: Pick<Logger, 'warn'>
}

// About 30 s of 16 kHz linear16.
const MAX_BUFFERED_AUDIO_BYTES = 1_000_000

const DEFAULTS = {
  model: DEFAULT_DEEPGRAM_STT_MODEL,
  connectTimeoutMs: 5_000,
  closeTimeoutMs: 5_000,
  maxRetries: 2,
  retryDelayMs: 250,
  keepAliveIntervalMs: 4_000,
}

export function createDeepgramSpeechToText(options: DeepgramSpeechToTextOptions): SpeechToText {
  const settings: Settings = {
    ...DEFAULTS,
    ...definedOnly(options),
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
  }
  return {
    name: 'deepgram',
    open: (streamOptions) => openStream(settings, streamOptions),
  }
}

type Settings = typeof DEFAULTS & DeepgramSpeechToTextOptions

async function openStream(settings: Settings, options: SpeechToTextOptions): Promise<SpeechToTextStream> {
  const url = webSocketUrl(settings.baseUrl, '/v1/listen')
  const query: Record<string, string> = {
    model: settings.model,
    encoding: 'linear16',
    sample_rate: String(options.sampleRate),
    channels: '1',
    // UtteranceEnd needs interim results; SpeechStarted needs vad_events.
    interim_results: 'true',
    endpointing: String(options.endpointingMs),
    utterance_end_ms: String(options.utteranceEndMs),
    vad_events: 'true',
    smart_format: 'true',
  }
  if (options.language) query.language = options.language
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)

  for (let attempt = 1; ; attempt++) {
    try {
      const { socket, headers } = await connectWebSocket({
        url: url.toString(),
        headers: { authorization: `Token ${settings.apiKey}` },
        timeoutMs: settings.connectTimeoutMs,
        signal: options.signal,
      })
      const requestId = headerValue(headers['dg-request-id'])
      return new DeepgramStream(socket, requestId, {
        closeTimeoutMs: settings.closeTimeoutMs,
        keepAliveIntervalMs: options.keepAliveIntervalMs ?? settings.keepAliveIntervalMs,
        signal: options.signal,
        logger: settings.logger,
      })
    } catch (thrown) {
      const error = explainConnectFailure(thrown, attempt)
      if (error.kind !== 'unavailable' || attempt > settings.maxRetries) throw error
      settings.logger?.warn(
        { status: error.details.status, attempt, reason: error.details.providerMessage },
        'speech-to-text connection failed; retrying',
      )
      await sleep(settings.retryDelayMs * 2 ** (attempt - 1), options.signal).catch(() => {
        throw new SpeechToTextError('Opening the speech-to-text stream was cancelled', 'cancelled', {
          attempts: attempt,
        })
      })
    }
  }
}

function explainConnectFailure(thrown: unknown, attempts: number): SpeechToTextError {
  if (!(thrown instanceof WebSocketConnectError)) {
    return new SpeechToTextError('Deepgram could not be reached', 'unavailable', { attempts, cause: thrown })
  }
  const { status, headers } = thrown.details
  const providerMessage = headerValue(headers?.['dg-error']) ?? (thrown.details.body || undefined)
  const requestId = headerValue(headers?.['dg-request-id'])
  const suffix = providerMessage ? `: ${providerMessage}` : ''
  const message =
    status === undefined
      ? `Deepgram speech-to-text: ${thrown.message}`
      : `Deepgram refused the speech-to-text stream (${status})${suffix}`
  return new SpeechToTextError(message, thrown.kind, {
    status,
    providerMessage,
    requestId,
    attempts,
    cause: thrown,
  })
}

type Listener = (event: SpeechToTextEvent) => void

class DeepgramStream implements SpeechToTextStream {
  private readonly listeners = new Set<Listener>()
  /** Events kept until the first listener arrives; undefined afterwards. */
  private backlog: SpeechToTextEvent[] | undefined = []
  private isClosing = false
  private isClosed = false
  private hasWarnedOfStall = false
  private readonly closed: Promise<void>
  private markClosed!: () => void
  private readonly keepAliveTimer: NodeJS.Timeout | undefined
  private closeTimer: NodeJS.Timeout | undefined
  private readonly onAbort = () => this.abort()

  constructor(
    private readonly socket: WebSocket,
    readonly requestId: string | undefined,
    private readonly options: {
      closeTimeoutMs: number
      keepAliveIntervalMs: number
      signal: AbortSignal | undefined
      logger: Pick<Logger, 'warn'> | undefined
    },
  ) {
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve
    })
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString())
    })
    // A failed socket also emits 'close', which reports it.
    socket.on('error', () => undefined)
    socket.on('close', (code, reason) => this.onClose(code, reason.toString()))
    if (options.keepAliveIntervalMs > 0) {
      this.keepAliveTimer = setInterval(() => this.keepAlive(), options.keepAliveIntervalMs)
      this.keepAliveTimer.unref()
    }
    if (options.signal?.aborted) this.abort()
    else options.signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  sendAudio(pcm: Uint8Array): void {
    if (pcm.byteLength === 0 || !this.isWritable()) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_AUDIO_BYTES) {
      // The network to Deepgram has stalled: keep memory bounded; the words spoken meanwhile are lost
      // either way, and a stall this long ends in Deepgram's own timeout.
      if (!this.hasWarnedOfStall)
        this.options.logger?.warn(
          { buffered: this.socket.bufferedAmount },
          'speech-to-text audio is not draining; dropping audio',
        )
      this.hasWarnedOfStall = true
      return
    }
    this.hasWarnedOfStall = false
    this.socket.send(pcm, { binary: true })
    this.keepAliveTimer?.refresh()
  }

  keepAlive(): void {
    this.sendControl('KeepAlive')
  }

  finalize(): void {
    this.sendControl('Finalize')
  }

  async close(): Promise<void> {
    if (!this.isClosed && !this.isClosing) {
      this.isClosing = true
      // Deepgram sends what it still has, then Metadata, then closes with 1000.
      this.sendControl('CloseStream', true)
      this.closeTimer = setTimeout(() => this.socket.terminate(), this.options.closeTimeoutMs)
    }
    await this.closed
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener)
    const backlog = this.backlog
    if (backlog) {
      this.backlog = undefined
      queueMicrotask(() => {
        for (const event of backlog) this.call(listener, event)
      })
    }
    return () => {
      this.listeners.delete(listener)
    }
  }

  private abort() {
    if (this.isClosed) return
    this.isClosing = true
    this.socket.close(1000)
    this.closeTimer ??= setTimeout(() => this.socket.terminate(), this.options.closeTimeoutMs)
  }

  private isWritable() {
    return !this.isClosing && this.socket.readyState === this.socket.OPEN
  }

  private sendControl(type: 'KeepAlive' | 'Finalize' | 'CloseStream', whileClosing = false) {
    if (!(whileClosing || this.isWritable()) || this.socket.readyState !== this.socket.OPEN) return
    // Control messages must be text frames; Deepgram rejects JSON sent as binary.
    this.socket.send(JSON.stringify({ type }), { binary: false })
    this.keepAliveTimer?.refresh()
  }

  private receive(text: string) {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(text) as Record<string, unknown>
    } catch {
      this.options.logger?.warn({ text: text.slice(0, 200) }, 'Deepgram sent a message that is not JSON')
      return
    }
    const event = toEvent(message)
    if (event) this.emit(event)
  }

  private onClose(code: number, reason: string) {
    if (this.isClosed) return
    this.isClosed = true
    clearInterval(this.keepAliveTimer)
    clearTimeout(this.closeTimer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.emit({ type: 'closed', code, reason, unexpected: !this.isClosing })
    this.markClosed()
  }

  private emit(event: SpeechToTextEvent) {
    if (this.backlog) {
      this.backlog.push(event)
      return
    }
    for (const listener of [...this.listeners]) this.call(listener, event)
  }

  private call(listener: Listener, event: SpeechToTextEvent) {
    try {
      listener(event)
    } catch (error) {
      // One listener's bug must not stop the others, nor the socket's handling.
      this.options.logger?.warn({ err: error, event: event.type }, 'a speech-to-text listener threw')
    }
  }
}

/** Deepgram's message → our event; Metadata and unknown types give none. */
function toEvent(message: Record<string, unknown>): SpeechToTextEvent | undefined {
  switch (message.type) {
    case 'Results': {
      const channel = message.channel as { alternatives?: unknown[] } | undefined
      const alternative = (channel?.alternatives?.[0] ?? {}) as { transcript?: unknown; words?: unknown[] }
      const text = typeof alternative.transcript === 'string' ? alternative.transcript : ''
      // Without interim_results every result is final, and Deepgram may leave the flag out.
      const isFinal = message.is_final !== false
      // An empty partial says nothing; an empty final still closes its time range.
      if (!isFinal && text === '') return undefined
      return {
        type: 'transcript',
        text,
        isFinal,
        speechFinal: message.speech_final === true,
        words: (alternative.words ?? []).map(toWord),
        start: numberOr(message.start, 0),
        duration: numberOr(message.duration, 0),
        ...(message.from_finalize === true ? { fromFinalize: true } : {}),
      }
    }
    case 'SpeechStarted':
      return { type: 'speech_started', timestamp: numberOr(message.timestamp, 0) }
    case 'UtteranceEnd':
      return { type: 'utterance_end', lastWordEnd: numberOr(message.last_word_end, 0) }
    default:
      return undefined
  }
}

function toWord(raw: unknown): SpeechWord {
  const word = (raw ?? {}) as Record<string, unknown>
  return {
    word: typeof word.word === 'string' ? word.word : '',
    start: numberOr(word.start, 0),
    end: numberOr(word.end, 0),
    confidence: numberOr(word.confidence, 0),
    ...(typeof word.punctuated_word === 'string' ? { punctuatedWord: word.punctuated_word } : {}),
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
