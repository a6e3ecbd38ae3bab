import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { Logger } from '../infra/logger.js'

export type ChatRole = 'system' | 'user' | 'assistant'
export type ChatMessage = { role: ChatRole; content: string }

/** A JSON Schema the reply must follow (`response_format: { type: 'json_schema' }`). */
export type JsonSchemaFormat = {
  /** Letters, digits, `_` and `-`; the provider uses it to name the schema. */
  name: string
  schema: Record<string, unknown>
  /** Ask the provider to enforce the schema rather than merely aim for it. */
  strict?: boolean
}

export type ChatOptions = {
  maxTokens?: number
  temperature?: number
  /** Aborting it ends the request at once; nothing is retried after that. */
  signal?: AbortSignal
  responseFormat?: JsonSchemaFormat
  /** Reasoning models (gpt-oss) think before answering; `low` keeps a live interview quick. */
  reasoningEffort?: 'low' | 'medium' | 'high'
}

export type ChatUsage = { promptTokens: number; completionTokens: number; totalTokens: number }

export type ChatResult = {
  text: string
  /** Absent when the server reports none (some OpenAI-compatible servers do not, when streaming). */
  usage: ChatUsage | undefined
  /** `stop`, or `length` when `maxTokens` cut the reply short. */
  finishReason: string | undefined
  model: string
}

/**
 * The text of one reply as it is generated. The request starts when iteration begins; `result`
 * settles when iteration ends, with the whole text and usage or with the error iteration threw.
 * Leaving the loop early aborts the request.
 */
export interface ChatStream extends AsyncIterable<string> {
  readonly result: Promise<ChatResult>
}

/** Streaming chat with a language model. Every failure is a `LanguageModelError`. */
export interface LanguageModel {
  /** False without an API key: every call then throws `not_configured`, so callers fall back. */
  readonly isConfigured: boolean
  readonly model: string
  stream(messages: readonly ChatMessage[], options?: ChatOptions): ChatStream
  /** One reply, not streamed; meant for structured output (`responseFormat`). */
  complete(messages: readonly ChatMessage[], options?: ChatOptions): Promise<ChatResult>
}

export type LanguageModelErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_response'
  | 'cancelled'
  | 'not_configured'

export class LanguageModelError extends Error {
  override name = 'LanguageModelError'
  readonly kind: LanguageModelErrorKind
  /** HTTP status of the provider's answer, when it gave one. */
  readonly status: number | undefined
  /** The provider's own error code, such as `model_not_found`. */
  readonly providerCode: string | undefined
  /** How long the provider asked us to wait, when it said (429). */
  readonly retryAfterMs: number | undefined
  /** Text that had already streamed when a reply failed midway. */
  readonly partialText: string
  /** Requests made, retries included. */
  attempts = 0

  constructor(
    kind: LanguageModelErrorKind,
    message: string,
    details: {
      status?: number
      providerCode?: string
      retryAfterMs?: number
      partialText?: string
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.providerCode = details.providerCode
    this.retryAfterMs = details.retryAfterMs
    this.partialText = details.partialText ?? ''
  }
}

/** Groq's OpenAI-compatible endpoint; any OpenAI-compatible server (a local one too) can stand in. */
export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1'
export const DEFAULT_MODEL = 'openai/gpt-oss-120b'

export type LanguageModelOptions = {
  /** Without one the model is "not configured". */
  apiKey: string | undefined
  baseUrl?: string
  model?: string
  /** The whole call, retries and waits included. */
  timeoutMs?: number
  /** Until the first piece of text (or, for `complete`, the whole answer's headers). */
  firstTokenTimeoutMs?: number
  /** Retries after the first request, only while no text has reached the caller. */
  maxRetries?: number
  /** Backoff starts here and doubles per retry, up to `maxRetryDelayMs`, with jitter. */
  initialRetryDelayMs?: number
  maxRetryDelayMs?: number
  /** A longer wait asked for by the provider is not waited out: the call fails as `rate_limited`. */
  maxRetryAfterMs?: number
  logger?: Pick<Logger, 'warn'>
}

// groq-sdk's retry policy (reference/providers.md §3): 0.5 s doubling, capped at 8 s.
const DEFAULTS = {
  baseUrl: GROQ_BASE_URL,
  model: DEFAULT_MODEL,
  timeoutMs: 60_000,
  firstTokenTimeoutMs: 20_000,
  maxRetries: 2,
  initialRetryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
}

// A runaway or hostile stream may not make us buffer without bound.
const MAX_SSE_BUFFER_CHARS = 1_000_000
const MAX_ERROR_BODY_CHARS = 4_000

/** Builds the model from configuration: an OpenAI-compatible client, or the "not configured" one. */
export function createLanguageModel(options: LanguageModelOptions): LanguageModel {
  const model = options.model ?? DEFAULTS.model
  if (!options.apiKey) return new UnconfiguredLanguageModel(model)
  return new OpenAiCompatibleModel({
    ...DEFAULTS,
    ...definedOnly(options),
    apiKey: options.apiKey,
    baseUrl: (options.baseUrl ?? DEFAULTS.baseUrl).replace(/\/+$/, ''),
    model,
  })
}

class UnconfiguredLanguageModel implements LanguageModel {
  readonly isConfigured = false
  constructor(readonly model: string) {}

  stream(): ChatStream {
    return chatStream(() =>
      arrivingWhole(async () => {
        throw notConfigured()
      }),
    )
  }

  async complete(): Promise<ChatResult> {
    throw notConfigured()
  }
}

function notConfigured() {
  return new LanguageModelError('not_configured', 'No language model is configured (GROQ_API_KEY is not set)')
}

type ResolvedOptions = Required<Omit<LanguageModelOptions, 'logger'>> & { apiKey: string } & Pick<
    LanguageModelOptions,
    'logger'
  >

class OpenAiCompatibleModel implements LanguageModel {
  readonly isConfigured = true
  readonly model: string

  constructor(private readonly options: ResolvedOptions) {
    this.model = options.model
  }

  stream(messages: readonly ChatMessage[], chatOptions: ChatOptions = {}): ChatStream {
    return chatStream(() => this.runStream(messages, chatOptions))
  }

  private async *runStream(
    messages: readonly ChatMessage[],
    chatOptions: ChatOptions,
  ): AsyncGenerator<string, ChatResult> {
    const call = new CallScope(this.options.timeoutMs, chatOptions.signal)
    const state = { text: '' }
    try {
      return yield* this.withRetries(call, state, this.options.firstTokenTimeoutMs, (attempt) =>
        this.streamOnce(messages, chatOptions, attempt, state),
      )
    } finally {
      call.dispose()
    }
  }

  async complete(messages: readonly ChatMessage[], chatOptions: ChatOptions = {}): Promise<ChatResult> {
    const call = new CallScope(this.options.timeoutMs, chatOptions.signal)
    try {
      // The same retry loop as streaming; a reply that is not streamed never has partial text, and
      // arrives whole, so only the call's deadline bounds it.
      const run = this.withRetries(call, { text: '' }, undefined, (attempt) =>
        arrivingWhole(() => this.completeOnce(messages, chatOptions, attempt)),
      )
      let step = await run.next()
      while (!step.done) step = await run.next()
      return step.value
    } finally {
      call.dispose()
    }
  }

  /**
   * Runs attempts until one succeeds, retrying what is worth retrying while no text has reached the
   * caller: once it has, a second reply would not continue the first, so the error goes up as it is.
   */
  private async *withRetries(
    call: CallScope,
    state: { text: string },
    firstTokenTimeoutMs: number | undefined,
    attemptOnce: (attempt: Attempt) => AsyncIterable<string, ChatResult>,
  ): AsyncGenerator<string, ChatResult> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      const attempt = call.startAttempt(firstTokenTimeoutMs)
      try {
        return yield* attemptOnce(attempt)
      } catch (thrown) {
        const error = attempt.explain(thrown, state.text)
        error.attempts = attemptNumber
        const isLast = attemptNumber > this.options.maxRetries
        if (state.text !== '' || isLast || !isRetryable(error)) throw error
        const delayMs = this.retryDelay(error, attemptNumber)
        if (delayMs === undefined || delayMs > call.remainingMs()) throw error
        this.options.logger?.warn(
          { kind: error.kind, status: error.status, attempt: attemptNumber, delayMs },
          'language model request failed; retrying',
        )
        await call.sleep(delayMs).catch((reason) => {
          throw Object.assign(attempt.explain(reason, ''), { attempts: attemptNumber })
        })
      } finally {
        attempt.dispose()
      }
    }
  }

  private retryDelay(error: LanguageModelError, attemptNumber: number): number | undefined {
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > this.options.maxRetryAfterMs) return undefined
      // A little extra so that many waiting clients do not return in the same instant.
      return error.retryAfterMs * (1 + Math.random() * 0.1)
    }
    const base = Math.min(
      this.options.initialRetryDelayMs * 2 ** (attemptNumber - 1),
      this.options.maxRetryDelayMs,
    )
    return base * (1 - Math.random() * 0.25)
  }

  private request(
    messages: readonly ChatMessage[],
    chatOptions: ChatOptions,
    isStreaming: boolean,
    signal: AbortSignal,
  ) {
    const body: Record<string, unknown> = {
      model: this.options.model,
      messages: messages.map(({ role, content }) => ({ role, content })),
      stream: isStreaming,
    }
    // `max_tokens` is deprecated at Groq and OpenAI; both, and vLLM, take `max_completion_tokens`.
    if (chatOptions.maxTokens !== undefined) body.max_completion_tokens = chatOptions.maxTokens
    if (chatOptions.temperature !== undefined) body.temperature = chatOptions.temperature
    if (chatOptions.reasoningEffort !== undefined) body.reasoning_effort = chatOptions.reasoningEffort
    if (chatOptions.responseFormat) {
      const { name, schema, strict } = chatOptions.responseFormat
      body.response_format = {
        type: 'json_schema',
        json_schema: { name, schema, ...(strict === undefined ? {} : { strict }) },
      }
    }
    return fetch(`${this.options.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        'content-type': 'application/json',
        accept: isStreaming ? 'text/event-stream' : 'application/json',
      },
      body: JSON.stringify(body),
      signal,
    })
  }

  private async *streamOnce(
    messages: readonly ChatMessage[],
    chatOptions: ChatOptions,
    attempt: Attempt,
    state: { text: string },
  ): AsyncGenerator<string, ChatResult> {
    const response = await this.request(messages, chatOptions, true, attempt.signal)
    if (!response.ok) throw await errorFromResponse(response)
    const contentType = response.headers.get('content-type') ?? ''
    if (!contentType.includes('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined)
      throw new LanguageModelError('bad_response', `Expected an event stream, got "${contentType}"`, {
        status: response.status,
      })
    }

    const events: EventSourceMessage[] = []
    let parseFailure: Error | undefined
    const parser = createParser({
      onEvent: (event) => events.push(event),
      onError: (error) => {
        // Unknown fields are allowed by the SSE format; only an overflowing buffer is fatal.
        if (error.type === 'max-buffer-size-exceeded') parseFailure = error
      },
      maxBufferSize: MAX_SSE_BUFFER_CHARS,
    })
    const decoder = new TextDecoder()
    const reader = response.body.getReader()
    let finishReason: string | undefined
    let usage: ChatUsage | undefined
    let model = this.options.model
    let isDone = false
    let groqError: string | undefined
    try {
      while (!isDone) {
        const { done, value } = await reader.read()
        if (done) break
        parser.feed(decoder.decode(value, { stream: true }))
        if (parseFailure)
          throw new LanguageModelError('bad_response', 'The event stream overflowed', { cause: parseFailure })
        for (const event of events.splice(0)) {
          if (event.data === '[DONE]') {
            isDone = true
            break
          }
          const chunk = parseJson(event.data)
          if (chunk.error !== undefined) throw errorFromBody(chunk, undefined)
          const choice = firstChoice(chunk)
          if (typeof chunk.model === 'string') model = chunk.model
          usage = readUsage(chunk) ?? usage
          if (typeof chunk.x_groq === 'object' && chunk.x_groq && 'error' in chunk.x_groq) {
            groqError = String(chunk.x_groq.error)
          }
          if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason
          const content = (choice?.delta as { content?: unknown } | undefined)?.content
          if (typeof content === 'string' && content !== '') {
            attempt.markFirstToken()
            state.text += content
            yield content
          }
        }
      }
    } finally {
      // Ends the connection if we stop early (an error, or the caller left the loop).
      reader.cancel().catch(() => undefined)
    }
    // A drop just before `[DONE]` loses nothing once the final chunk said why the reply ended.
    if (!isDone && finishReason === undefined) {
      throw new LanguageModelError(
        'unavailable',
        `The reply stream ended before it was complete${groqError ? ` (${groqError})` : ''}`,
      )
    }
    return { text: state.text, usage, finishReason, model }
  }

  private async completeOnce(
    messages: readonly ChatMessage[],
    chatOptions: ChatOptions,
    attempt: Attempt,
  ): Promise<ChatResult> {
    const response = await this.request(messages, chatOptions, false, attempt.signal)
    if (!response.ok) throw await errorFromResponse(response)
    const body = parseJson(await response.text())
    if (body.error !== undefined) throw errorFromBody(body, response.status)
    const choice = firstChoice(body)
    const content = (choice?.message as { content?: unknown } | undefined)?.content
    if (typeof content !== 'string') {
      throw new LanguageModelError('bad_response', 'The reply has no choices[0].message.content', {
        status: response.status,
      })
    }
    return {
      text: content,
      usage: readUsage(body),
      finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined,
      model: typeof body.model === 'string' ? body.model : this.options.model,
    }
  }
}

/**
 * One call's deadline and cancellation. Each attempt gets its own AbortController, aborted by the
 * call's deadline, by the caller's signal, or by its own first-token timer; the abort reason says
 * which, so the error can say it too.
 */
class CallScope {
  private readonly controller = new AbortController()
  private readonly deadline: number
  private readonly timer: NodeJS.Timeout
  private readonly onCallerAbort = () =>
    this.controller.abort(new LanguageModelError('cancelled', 'The request was cancelled'))

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.deadline = Date.now() + timeoutMs
    this.timer = setTimeout(
      () =>
        this.controller.abort(new LanguageModelError('timeout', `No complete reply within ${timeoutMs} ms`)),
      timeoutMs,
    )
    if (callerSignal?.aborted) this.onCallerAbort()
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true })
  }

  remainingMs() {
    return this.deadline - Date.now()
  }

  startAttempt(firstTokenTimeoutMs: number | undefined) {
    return new Attempt(this.controller.signal, firstTokenTimeoutMs)
  }

  sleep(ms: number): Promise<void> {
    const signal = this.controller.signal
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  dispose() {
    clearTimeout(this.timer)
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort)
  }
}

class Attempt {
  private readonly controller = new AbortController()
  private readonly onCallAbort: () => void
  private firstTokenTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly callSignal: AbortSignal,
    firstTokenTimeoutMs: number | undefined,
  ) {
    this.onCallAbort = () => this.controller.abort(callSignal.reason)
    if (callSignal.aborted) this.onCallAbort()
    else callSignal.addEventListener('abort', this.onCallAbort, { once: true })
    if (firstTokenTimeoutMs === undefined) return
    this.firstTokenTimer = setTimeout(
      () =>
        this.controller.abort(
          new LanguageModelError('timeout', `No reply started within ${firstTokenTimeoutMs} ms`),
        ),
      firstTokenTimeoutMs,
    )
  }

  get signal() {
    return this.controller.signal
  }

  markFirstToken() {
    clearTimeout(this.firstTokenTimer)
    this.firstTokenTimer = undefined
  }

  /** What went wrong, as a `LanguageModelError`: an abort's reason wins over the error it caused. */
  explain(thrown: unknown, partialText: string): LanguageModelError {
    const reason = this.signal.aborted ? this.signal.reason : thrown
    const error =
      reason instanceof LanguageModelError
        ? reason
        : new LanguageModelError(
            'unavailable',
            `The language model could not be reached: ${describe(reason)}`,
            {
              cause: reason,
            },
          )
    if (partialText === '' || error.partialText !== '') return error
    const withText = new LanguageModelError(error.kind, error.message, {
      status: error.status,
      providerCode: error.providerCode,
      retryAfterMs: error.retryAfterMs,
      partialText,
      cause: error.cause,
    })
    return withText
  }

  dispose() {
    clearTimeout(this.firstTokenTimer)
    this.callSignal.removeEventListener('abort', this.onCallAbort)
  }
}

// The provider's own verdict (`x-should-retry`), where it gave one.
const RETRY_VERDICTS = new WeakMap<LanguageModelError, boolean>()

function isRetryable(error: LanguageModelError) {
  const verdict = RETRY_VERDICTS.get(error)
  if (verdict !== undefined) return verdict
  if (error.kind === 'rate_limited') return true
  // A network failure (no status) or a server error; never a timeout or a cancellation.
  return error.kind === 'unavailable'
}

/** Turns a non-2xx answer into an error, with the wait the provider asked for. */
async function errorFromResponse(response: Response): Promise<LanguageModelError> {
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS)
  let body: Record<string, unknown> = {}
  try {
    body = parseJson(text)
  } catch {
    // Proxies answer 502/503 with HTML; the status says enough.
  }
  const error = errorFromBody(body, response.status, retryAfterMs(response.headers))
  // groq-sdk honours this header; so do we.
  const shouldRetry = response.headers.get('x-should-retry')
  if (shouldRetry === 'true' || shouldRetry === 'false') {
    RETRY_VERDICTS.set(error, shouldRetry === 'true')
  }
  return error
}

function errorFromBody(
  body: Record<string, unknown>,
  status: number | undefined,
  retryAfter?: number,
): LanguageModelError {
  const detail = (typeof body.error === 'object' && body.error ? body.error : {}) as Record<string, unknown>
  const providerMessage = typeof detail.message === 'string' ? detail.message : undefined
  const providerCode = typeof detail.code === 'string' ? detail.code : undefined
  const type = typeof detail.type === 'string' ? detail.type : undefined
  const suffix = providerMessage ? `: ${providerMessage}` : ''
  const details = { status, providerCode, retryAfterMs: retryAfter }
  if (status === undefined) {
    // An error object inside a 200 event stream: the provider failed while answering.
    const isRateLimit = providerCode === 'rate_limit_exceeded' || type === 'tokens' || type === 'requests'
    return new LanguageModelError(
      isRateLimit ? 'rate_limited' : 'unavailable',
      `The language model failed${suffix}`,
      details,
    )
  }
  if (status === 429)
    return new LanguageModelError('rate_limited', `The language model is rate limited${suffix}`, details)
  // 498 is Groq's flex-tier "capacity exceeded"; 408 and 409 are retried by groq-sdk too.
  if (status >= 500 || status === 498 || status === 408 || status === 409) {
    return new LanguageModelError(
      'unavailable',
      `The language model is unavailable (${status})${suffix}`,
      details,
    )
  }
  // 400, 401, 403, 404 (model_not_found), 413, 422: retrying would get the same answer.
  return new LanguageModelError(
    'bad_response',
    `The language model refused the request (${status})${suffix}`,
    details,
  )
}

/**
 * The wait a 429 or 503 asks for: `retry-after-ms`, `retry-after` (seconds or an HTTP date), or
 * Groq's `x-ratelimit-reset-*` for whichever limit is used up.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number.parseFloat(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Math.max(0, date - now)
  }
  const resets = (['requests', 'tokens'] as const)
    .filter((limit) => headers.get(`x-ratelimit-remaining-${limit}`)?.trim() === '0')
    .map((limit) => parseGoDuration(headers.get(`x-ratelimit-reset-${limit}`) ?? ''))
    .filter((value): value is number => value !== undefined)
  return resets.length > 0 ? Math.max(...resets) : undefined
}

const GO_DURATION_UNITS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000_001,
}

/** Go's `time.Duration` text, as Groq writes its resets: `2m59.56s`, `7.66s`, `120ms`. */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined
  let total = 0
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number.parseFloat(amount as string) * (GO_DURATION_UNITS[unit as string] as number)
  }
  return total
}

function parseJson(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new LanguageModelError(
      'bad_response',
      `The language model sent invalid JSON: ${text.slice(0, 200)}`,
      {
        cause: error,
      },
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LanguageModelError('bad_response', 'The language model sent JSON that is not an object')
  }
  return value as Record<string, unknown>
}

function firstChoice(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = body.choices
  if (!Array.isArray(choices)) return undefined
  const choice = choices[0]
  return typeof choice === 'object' && choice !== null ? (choice as Record<string, unknown>) : undefined
}

// Groq puts streaming usage in `x_groq.usage`; OpenAI and others at the top level.
function readUsage(body: Record<string, unknown>): ChatUsage | undefined {
  const xGroq = body.x_groq as { usage?: unknown } | undefined
  const raw = (body.usage ?? xGroq?.usage) as Record<string, unknown> | undefined | null
  if (typeof raw !== 'object' || raw === null) return undefined
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
  return {
    promptTokens: count(raw.prompt_tokens),
    completionTokens: count(raw.completion_tokens),
    totalTokens: count(raw.total_tokens),
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

/** A reply that arrives whole: no deltas, only the result. */
function arrivingWhole(run: () => Promise<ChatResult>): AsyncIterable<string, ChatResult> {
  return {
    [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: await run() }) }),
  }
}

/** Wraps an iterable of text deltas whose return value is the result into a `ChatStream`. */
function chatStream(run: () => AsyncIterable<string, ChatResult>): ChatStream {
  let settle!: { resolve: (result: ChatResult) => void; reject: (error: unknown) => void }
  const result = new Promise<ChatResult>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // Callers who only iterate see the error there; the promise must not also crash the process.
  result.catch(() => undefined)
  let isStarted = false
  return {
    result,
    async *[Symbol.asyncIterator]() {
      if (isStarted) throw new Error('A ChatStream can be read only once')
      isStarted = true
      let isSettled = false
      try {
        const generator = run()[Symbol.asyncIterator]()
        let step = await generator.next()
        try {
          while (!step.done) {
            yield step.value
            step = await generator.next()
          }
        } finally {
          // Leaving the loop early closes the request's generator, which ends the connection.
          if (!step.done) await generator.return?.().catch(() => undefined)
        }
        isSettled = true
        settle.resolve(step.value)
      } catch (error) {
        isSettled = true
        settle.reject(error)
        throw error
      } finally {
        if (!isSettled)
          settle.reject(new LanguageModelError('cancelled', 'The reader stopped before the reply ended'))
      }
    },
  }
}
