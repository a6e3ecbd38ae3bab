import { randomUUID } from 'node:crypto'
import type WebSocket from 'ws'
import type { Logger } from '../infra/logger.js'
import { connectWebSocket, SampleAligner, WebSocketConnectError, webSocketUrl } from './websocket-connect.js'

/*
 * Text-to-speech for voice interviews: Deepgram's `/v1/speak` (reference/providers.md §2) and
 * Cartesia's `/tts/websocket` (§4), behind one interface, with a fallback from one to the other.
 * The voice session codes against the types below; add optional fields, never change existing ones.
 */

export type TtsProviderName = 'deepgram' | 'cartesia'

/** 16-bit little-endian mono PCM at the requested sample rate. */
export type SpeechAudio = { chunk: Uint8Array }

export type SynthesisOptions = {
  /** Output is 16-bit little-endian mono PCM at this rate. */
  sampleRate: number
  /** Aborting ends the audio at once, quietly (no error): the caller chose to stop. */
  signal?: AbortSignal
  /** The same id for the sentences of one reply: Cartesia continuations. */
  contextId?: string
  /** More sentences follow in this context. */
  continues?: boolean
}

export interface TextToSpeech {
  readonly name: TtsProviderName
  /**
   * Streams one text's audio as it arrives; rejects with TextToSpeechError on provider failure;
   * stops promptly when `signal` aborts. The request starts when iteration begins; every chunk
   * holds whole samples (an even number of bytes); leaving the loop early cancels the rest.
   * An empty text gives no audio; with `continues: false` it ends the reply's context, for when
   * the reply turns out to be over after its last sentence was sent (Cartesia frees the context).
   */
  synthesize(text: string, options: SynthesisOptions): AsyncIterable<Uint8Array>
  close(): Promise<void>
}

export type TextToSpeechErrorKind = 'unavailable' | 'rejected' | 'timeout'

export class TextToSpeechError extends Error {
  override name = 'TextToSpeechError'
  constructor(
    message: string,
    readonly provider: TtsProviderName,
    readonly kind: TextToSpeechErrorKind,
    readonly details: {
      /** HTTP status, or the status_code of Cartesia's error event. */
      status?: number
      /** The provider's own code: Deepgram `err_code`, Cartesia `error_code`. */
      providerCode?: string
      /** The connection failed or was lost (not an answer from the provider): worth one more try. */
      isConnectionLoss?: boolean
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
  }
}

export const DEEPGRAM_TTS_BASE_URL = 'https://api.deepgram.com'
export const CARTESIA_BASE_URL = 'https://api.cartesia.ai'
export const DEFAULT_DEEPGRAM_VOICE = 'aura-2-thalia-en'
export const DEFAULT_CARTESIA_MODEL = 'sonic-3.5'
/** Cartesia's "Katie" stock voice, tuned for voice agents. */
export const DEFAULT_CARTESIA_VOICE = 'f786b574-daa5-4673-aa0c-cbe3e8534c02'
/** Structured error events are guaranteed from this API version on. */
export const CARTESIA_VERSION = '2026-03-01'

type CommonOptions = {
  apiKey: string
  /** `https://…`; the WebSocket clients use `wss://` (or `ws://` for `http://`, the fakes). */
  baseUrl: string
  voice?: string
  lowLatency?: boolean
  /** Until the connection (or the HTTP answer's headers) is there. */
  connectTimeoutMs?: number
  /** With no audio and no end for this long (after the text was sent, or since the last chunk), the text fails as `timeout`. */
  timeoutMs?: number
  /** Further attempts, before any audio, when the connection failed or was lost. */
  maxRetries?: number
  logger?: Pick<Logger, 'warn'>
}

const TIMING_DEFAULTS = { connectTimeoutMs: 5_000, timeoutMs: 8_000, maxRetries: 1 }

// ─── Deepgram ───────────────────────────────────────────────────────────────

export type DeepgramTextToSpeechOptions = CommonOptions

/**
 * Deepgram Aura over streaming REST (`POST /v1/speak`, raw linear16): one request per text, its
 * audio read as it arrives. Deepgram's WebSocket would only pay off when text arrives token by
 * token; per sentence it adds a flush limit (20 a minute) that a talkative interview could reach.
 * `lowLatency` changes nothing here: the audio already streams from its first byte.
 */
export function createDeepgramTextToSpeech(options: DeepgramTextToSpeechOptions): TextToSpeech {
  const settings = {
    ...TIMING_DEFAULTS,
    ...definedOnly(options),
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
  }
  const voice = options.voice ?? DEFAULT_DEEPGRAM_VOICE
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/v1/speak`
  const speakOnce = async function* (
    text: string,
    synthesis: SynthesisOptions,
    state: { hasAudio: boolean },
  ) {
    // Deepgram refuses empty text (400); there is nothing to say anyway.
    if (text.trim() === '') return
    const url = new URL(endpoint)
    url.searchParams.set('model', voice)
    url.searchParams.set('encoding', 'linear16')
    // Without `container=none` linear16 comes inside a WAV header.
    url.searchParams.set('container', 'none')
    url.searchParams.set('sample_rate', String(synthesis.sampleRate))
    const watch = new Watchdog('deepgram', settings.connectTimeoutMs, synthesis.signal)
    try {
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Token ${settings.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
          signal: watch.signal,
        })
      } catch (error) {
        if (watch.isCallerAbort) return
        throw watch.explain(error, 'Deepgram text-to-speech could not be reached')
      }
      if (!response.ok) throw await deepgramError(response)
      if (!response.body) throw new TextToSpeechError('Deepgram sent no audio', 'deepgram', 'unavailable')
      const reader = response.body.getReader()
      const aligner = new SampleAligner()
      try {
        for (;;) {
          watch.arm(settings.timeoutMs)
          let step: Awaited<ReturnType<typeof reader.read>>
          try {
            step = await reader.read()
          } catch (error) {
            if (watch.isCallerAbort) return
            throw watch.explain(error, 'The Deepgram audio stream broke off', state.hasAudio)
          }
          if (step.done) return
          const chunk = aligner.push(step.value)
          if (chunk) {
            state.hasAudio = true
            yield chunk
          }
        }
      } finally {
        reader.cancel().catch(() => undefined)
      }
    } finally {
      watch.dispose()
    }
  }
  return {
    name: 'deepgram',
    synthesize: (text, synthesis) =>
      withRetries('deepgram', settings, synthesis.signal, (state) => speakOnce(text, synthesis, state)),
    close: async () => undefined,
  }
}

async function deepgramError(response: Response): Promise<TextToSpeechError> {
  const text = (await response.text().catch(() => '')).slice(0, 2_000)
  let body: { err_code?: unknown; err_msg?: unknown; message?: unknown } = {}
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    // A proxy's HTML page: the status says enough.
  }
  const providerMessage =
    typeof body.err_msg === 'string'
      ? body.err_msg
      : typeof body.message === 'string'
        ? body.message
        : undefined
  const status = response.status
  return new TextToSpeechError(
    `Deepgram text-to-speech failed (${status})${providerMessage ? `: ${providerMessage}` : ''}`,
    'deepgram',
    kindOfStatus(status),
    { status, providerCode: typeof body.err_code === 'string' ? body.err_code : undefined },
  )
}

// ─── Cartesia ───────────────────────────────────────────────────────────────

export type CartesiaTextToSpeechOptions = CommonOptions & { modelId?: string }

/**
 * Cartesia Sonic over one shared WebSocket (opened on first use, reopened after a loss), one
 * context per reply: each sentence is sent with `continue` and flushed, so its audio ends at its
 * `flush_done` while the reply's prosody carries on; the last sentence (`continues` false) ends
 * the context with `done`. `lowLatency` asks Cartesia not to wait for more text before speaking.
 */
export function createCartesiaTextToSpeech(options: CartesiaTextToSpeechOptions): TextToSpeech {
  return new CartesiaTextToSpeech({
    ...TIMING_DEFAULTS,
    ...definedOnly(options),
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    voice: options.voice ?? DEFAULT_CARTESIA_VOICE,
    modelId: options.modelId ?? DEFAULT_CARTESIA_MODEL,
    lowLatency: options.lowLatency ?? true,
  })
}

type CartesiaSettings = typeof TIMING_DEFAULTS &
  CommonOptions & { voice: string; modelId: string; lowLatency: boolean }

/** One text's audio on its way: chunks in order, then an end or a failure. */
class AudioJob {
  private readonly chunks: Uint8Array[] = []
  private isEnded = false
  private failure: TextToSpeechError | undefined
  private wake: (() => void) | undefined
  private isInterrupted = false
  private readonly aligner = new SampleAligner()

  push(bytes: Uint8Array) {
    const chunk = this.aligner.push(bytes)
    if (!chunk || this.isEnded) return
    this.chunks.push(chunk)
    this.wake?.()
  }

  end() {
    this.isEnded = true
    this.wake?.()
  }

  fail(error: TextToSpeechError) {
    if (this.isEnded) return
    this.failure = error
    this.isEnded = true
    this.wake?.()
  }

  get isSettled() {
    return this.isEnded
  }

  /** Makes a waiting `next()` return undefined (a timeout or an abort, which the caller checks). */
  interrupt() {
    this.isInterrupted = true
    this.wake?.()
  }

  /** The next chunk, or undefined at the end or when interrupted; throws the failure. */
  async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      const chunk = this.chunks.shift()
      if (chunk) return chunk
      if (this.failure) throw this.failure
      if (this.isEnded || this.isInterrupted) return undefined
      await new Promise<void>((resolve) => {
        this.wake = resolve
      })
      this.wake = undefined
    }
  }
}

type CartesiaContext = {
  /** The id on the wire; a new one whenever the caller's context had to be started again. */
  wireId: string
  jobs: AudioJob[]
  isOver: boolean
  socket: CartesiaSocket
}

class CartesiaSocket {
  readonly contexts = new Map<string, CartesiaContext>()
  isOpen = true

  constructor(
    private readonly ws: WebSocket,
    private readonly logger: Pick<Logger, 'warn'> | undefined,
    onGone: (socket: CartesiaSocket) => void,
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString())
    })
    ws.on('error', () => undefined)
    ws.on('close', (code, reason) => {
      this.isOpen = false
      onGone(this)
      const error = new TextToSpeechError(
        `Cartesia closed the connection (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
        'cartesia',
        'unavailable',
        { isConnectionLoss: true },
      )
      for (const context of this.contexts.values()) failContext(context, error)
      this.contexts.clear()
    })
  }

  send(message: Record<string, unknown>) {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message))
  }

  close() {
    this.ws.close(1000)
  }

  private receive(text: string) {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(text) as Record<string, unknown>
    } catch {
      // Before API version 2026-03-01 errors could come as plain "Title: Message" text, for no context.
      this.failEverything(
        new TextToSpeechError(`Cartesia failed: ${text.slice(0, 300)}`, 'cartesia', 'unavailable'),
      )
      return
    }
    const contextId = typeof message.context_id === 'string' ? message.context_id : undefined
    const context = contextId === undefined ? undefined : this.contexts.get(contextId)
    if (message.type === 'error') {
      const status = typeof message.status_code === 'number' ? message.status_code : undefined
      const code = typeof message.error_code === 'string' ? message.error_code : undefined
      const detail = [message.title, message.message].filter((part) => typeof part === 'string').join(': ')
      const error = new TextToSpeechError(
        `Cartesia failed${status ? ` (${status}${code ? ` ${code}` : ''})` : ''}${detail ? `: ${detail}` : ''}`,
        'cartesia',
        status === undefined ? 'unavailable' : kindOfStatus(status),
        { status, providerCode: code },
      )
      if (context) {
        failContext(context, error)
        this.contexts.delete(context.wireId)
      } else if (contextId === undefined) {
        this.failEverything(error)
      }
      return
    }
    if (!context) return
    switch (message.type) {
      case 'chunk':
        if (typeof message.data === 'string') context.jobs[0]?.push(Buffer.from(message.data, 'base64'))
        return
      case 'flush_done':
        context.jobs.shift()?.end()
        return
      case 'done':
        context.isOver = true
        for (const job of context.jobs.splice(0)) job.end()
        this.contexts.delete(context.wireId)
        return
      default:
        // timestamps and anything newer: not needed for playback.
        return
    }
  }

  private failEverything(error: TextToSpeechError) {
    this.logger?.warn({ err: error }, 'Cartesia reported an error for no context; reconnecting')
    for (const context of this.contexts.values()) failContext(context, error)
    this.contexts.clear()
    this.close()
  }
}

function failContext(context: CartesiaContext, error: TextToSpeechError) {
  context.isOver = true
  for (const job of context.jobs.splice(0)) job.fail(error)
}

class CartesiaTextToSpeech implements TextToSpeech {
  readonly name = 'cartesia' as const
  private socket: Promise<CartesiaSocket> | undefined
  private current: CartesiaSocket | undefined
  /** The caller's context ids → the context on the wire. */
  private readonly contexts = new Map<string, CartesiaContext>()

  constructor(private readonly settings: CartesiaSettings) {}

  synthesize(text: string, options: SynthesisOptions): AsyncIterable<Uint8Array> {
    return withRetries('cartesia', this.settings, options.signal, (state) =>
      this.speakOnce(text, options, state),
    )
  }

  async close(): Promise<void> {
    const socket = await this.socket?.catch(() => undefined)
    this.socket = undefined
    this.current = undefined
    this.contexts.clear()
    socket?.close()
  }

  private async *speakOnce(text: string, options: SynthesisOptions, state: { hasAudio: boolean }) {
    const isEmpty = text.trim() === ''
    // Empty text only matters as the end of an open reply: Cartesia then frees its context.
    if (isEmpty && (options.continues === true || !this.isReplyOpen(options.contextId))) return
    const watch = new Watchdog('cartesia', this.settings.connectTimeoutMs, options.signal)
    let job: AudioJob | undefined
    let context: CartesiaContext | undefined
    try {
      let socket: CartesiaSocket
      try {
        socket = await this.connect(watch.signal)
      } catch (error) {
        if (watch.isCallerAbort) return
        throw error instanceof TextToSpeechError
          ? error
          : watch.explain(error, 'Cartesia could not be reached')
      }
      context = this.contextFor(options.contextId, socket)
      const audio = new AudioJob()
      job = audio
      context.jobs.push(audio)
      watch.onFire(() => audio.interrupt())
      const continues = options.continues === true && options.contextId !== undefined
      const request = {
        model_id: this.settings.modelId,
        voice: { mode: 'id', id: this.settings.voice },
        output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: options.sampleRate },
        context_id: context.wireId,
        language: 'en',
        add_timestamps: false,
        ...(this.settings.lowLatency ? { max_buffer_delay_ms: 0 } : {}),
      }
      // Continuations are joined verbatim: a sentence needs its trailing space.
      const transcript = isEmpty ? '' : continues && !/\s$/.test(text) ? `${text} ` : text
      socket.send({ ...request, transcript, continue: continues })
      if (continues) socket.send({ ...request, transcript: '', continue: true, flush: true })
      else this.forget(options.contextId, context)

      watch.arm(this.settings.timeoutMs)
      for (;;) {
        let chunk: Uint8Array | undefined
        try {
          chunk = await audio.next()
        } catch (error) {
          // The caller stopped this reply (barge-in) while its context was being cancelled.
          if (watch.isCallerAbort) return
          throw error
        }
        if (watch.signal.aborted) {
          if (watch.isCallerAbort) return
          throw watch.explain(undefined, 'Cartesia', state.hasAudio)
        }
        if (!chunk) return
        state.hasAudio = true
        yield chunk
        watch.arm(this.settings.timeoutMs)
      }
    } finally {
      watch.dispose()
      if (job && context && !job.isSettled) {
        // Stopped early (abort, timeout, the caller left): nothing more for this reply.
        context.socket.send({ context_id: context.wireId, cancel: true })
        // Later sentences of the reply already waiting on this context end with it.
        failContext(
          context,
          watch.isTimedOut
            ? new TextToSpeechError('An earlier sentence of the reply timed out', 'cartesia', 'timeout')
            : new TextToSpeechError('The reply was cancelled', 'cartesia', 'rejected'),
        )
        context.socket.contexts.delete(context.wireId)
        this.forget(options.contextId, context)
      }
    }
  }

  private isReplyOpen(contextId: string | undefined): boolean {
    const known = contextId === undefined ? undefined : this.contexts.get(contextId)
    return known !== undefined && !known.isOver && known.socket.isOpen
  }

  private contextFor(contextId: string | undefined, socket: CartesiaSocket): CartesiaContext {
    const known = contextId === undefined ? undefined : this.contexts.get(contextId)
    if (known && !known.isOver && known.socket === socket && socket.isOpen) return known
    // A new reply, or one whose context is gone (cancelled, failed, socket lost): start afresh.
    const context: CartesiaContext = { wireId: randomUUID(), jobs: [], isOver: false, socket }
    socket.contexts.set(context.wireId, context)
    if (contextId !== undefined) this.contexts.set(contextId, context)
    return context
  }

  private forget(contextId: string | undefined, context: CartesiaContext) {
    if (contextId !== undefined && this.contexts.get(contextId) === context) this.contexts.delete(contextId)
  }

  private connect(signal: AbortSignal): Promise<CartesiaSocket> {
    if (this.current && !this.current.isOpen) this.socket = undefined
    this.socket ??= this.open()
    const opening = this.socket
    opening.catch(() => {
      if (this.socket === opening) this.socket = undefined
    })
    // One caller's abort must not cancel a connection others share: race it instead.
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason)
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      opening.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  private async open(): Promise<CartesiaSocket> {
    const url = webSocketUrl(this.settings.baseUrl, '/tts/websocket')
    try {
      const { socket } = await connectWebSocket({
        url: url.toString(),
        headers: { authorization: `Bearer ${this.settings.apiKey}`, 'cartesia-version': CARTESIA_VERSION },
        timeoutMs: this.settings.connectTimeoutMs,
      })
      const opened = new CartesiaSocket(socket, this.settings.logger, (gone) => {
        for (const [id, context] of this.contexts) if (context.socket === gone) this.contexts.delete(id)
      })
      this.current = opened
      return opened
    } catch (error) {
      if (!(error instanceof WebSocketConnectError)) throw error
      const body = parseJsonObject(error.details.body ?? '')
      const detail = typeof body?.message === 'string' ? `: ${body.message}` : ''
      throw new TextToSpeechError(
        `Cartesia refused the connection${error.details.status ? ` (${error.details.status})` : ''}${detail || `: ${error.message}`}`,
        'cartesia',
        error.kind === 'cancelled' ? 'unavailable' : error.kind,
        {
          status: error.details.status,
          providerCode: typeof body?.error_code === 'string' ? body.error_code : undefined,
          isConnectionLoss: error.details.status === undefined,
          cause: error,
        },
      )
    }
  }
}

// ─── Fallback ───────────────────────────────────────────────────────────────

export type FallbackOptions = {
  /** After the primary fails, the fallback goes first for this long, so each sentence does not wait on a failing provider. Default 30 s. */
  cooldownMs?: number
  logger?: Pick<Logger, 'warn'>
}

/** Tries `primary`; falls over to `fallback` on TextToSpeechError before any audio came for that text. */
export function withFallback(
  primary: TextToSpeech,
  fallback: TextToSpeech | undefined,
  options: FallbackOptions = {},
): TextToSpeech {
  if (!fallback) return primary
  const cooldownMs = options.cooldownMs ?? 30_000
  let primaryFailedAt: number | undefined
  return {
    name: primary.name,
    synthesize(text, synthesis) {
      return {
        async *[Symbol.asyncIterator]() {
          const isCoolingDown = primaryFailedAt !== undefined && Date.now() - primaryFailedAt < cooldownMs
          const order = isCoolingDown ? [fallback, primary] : [primary, fallback]
          for (const [index, provider] of order.entries()) {
            let hasAudio = false
            try {
              for await (const chunk of provider.synthesize(text, synthesis)) {
                hasAudio = true
                yield chunk
              }
              if (provider === primary) primaryFailedAt = undefined
              return
            } catch (error) {
              const isLast = index === order.length - 1
              if (!(error instanceof TextToSpeechError) || hasAudio || isLast) throw error
              if (provider === primary) primaryFailedAt = Date.now()
              options.logger?.warn(
                { provider: provider.name, kind: error.kind, status: error.details.status },
                'text-to-speech failed; trying the other provider',
              )
            }
          }
        },
      }
    },
    async close() {
      await Promise.all([primary.close(), fallback.close()])
    },
  }
}

// ─── Shared ─────────────────────────────────────────────────────────────────

/**
 * Runs attempts while no audio has come and the failure was a lost or failed connection (a
 * provider's answer, 429 included, is left to the fallback: retrying it here only adds delay).
 */
function withRetries(
  provider: TtsProviderName,
  settings: { maxRetries: number; logger?: Pick<Logger, 'warn'> },
  signal: AbortSignal | undefined,
  attemptOnce: (state: { hasAudio: boolean }) => AsyncGenerator<Uint8Array>,
): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const state = { hasAudio: false }
      for (let attempt = 1; ; attempt++) {
        try {
          yield* attemptOnce(state)
          return
        } catch (error) {
          const canRetry =
            error instanceof TextToSpeechError &&
            error.details.isConnectionLoss === true &&
            !state.hasAudio &&
            attempt <= settings.maxRetries &&
            !signal?.aborted
          if (!canRetry) throw error
          settings.logger?.warn(
            { provider, attempt, err: error },
            'text-to-speech connection failed; retrying',
          )
        }
      }
    },
  }
}

/**
 * One attempt's deadline and cancellation: the caller's signal ends it quietly; the timer, armed
 * again after every chunk, ends it as a `timeout`.
 */
class Watchdog {
  private readonly controller = new AbortController()
  private timer: NodeJS.Timeout | undefined
  private readonly listeners: (() => void)[] = []
  isCallerAbort = false
  private isTimeout = false

  get isTimedOut() {
    return this.isTimeout
  }
  private armedMs: number
  private readonly onCallerAbort = () => {
    this.isCallerAbort = true
    this.abort()
  }

  constructor(
    private readonly provider: TtsProviderName,
    firstTimeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.armedMs = firstTimeoutMs
    if (callerSignal?.aborted) this.onCallerAbort()
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true })
    this.arm(firstTimeoutMs)
  }

  get signal() {
    return this.controller.signal
  }

  arm(ms: number) {
    clearTimeout(this.timer)
    this.armedMs = ms
    this.timer = setTimeout(() => {
      this.isTimeout = true
      this.abort()
    }, ms)
  }

  onFire(listener: () => void) {
    if (this.controller.signal.aborted) listener()
    else this.listeners.push(listener)
  }

  explain(error: unknown, what: string, hasAudio = false): TextToSpeechError {
    if (error instanceof TextToSpeechError) return error
    if (this.isTimeout) {
      return new TextToSpeechError(`${what}: nothing came for ${this.armedMs} ms`, this.provider, 'timeout')
    }
    return new TextToSpeechError(`${what}: ${describe(error)}`, this.provider, 'unavailable', {
      isConnectionLoss: !hasAudio,
      cause: error,
    })
  }

  dispose() {
    clearTimeout(this.timer)
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort)
  }

  private abort() {
    clearTimeout(this.timer)
    this.controller.abort()
    for (const listener of this.listeners.splice(0)) listener()
  }
}

function kindOfStatus(status: number): TextToSpeechErrorKind {
  // 429 is a concurrency or rate limit: the other provider may well have room.
  return status === 429 || status === 408 || status >= 500 ? 'unavailable' : 'rejected'
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) {
    const cause = reason.cause instanceof Error ? ` (${reason.cause.message})` : ''
    return `${reason.message}${cause}`
  }
  return String(reason)
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
