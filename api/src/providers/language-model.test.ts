import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from '../../test/fakes/openai-server.js'
import {
  type ChatMessage,
  createLanguageModel,
  DEFAULT_MODEL,
  GROQ_BASE_URL,
  type LanguageModel,
  LanguageModelError,
  type LanguageModelOptions,
  parseGoDuration,
  retryAfterMs,
} from './language-model.js'

let fake: FakeOpenAiServer

beforeAll(async () => {
  fake = await FakeOpenAiServer.start()
})

afterAll(async () => {
  await fake.stop()
})

beforeEach(() => {
  fake.reset()
})

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are interviewing a candidate for a backend role.' },
  { role: 'user', content: 'I built a payments service in Go.' },
]

function modelFor(options: Partial<LanguageModelOptions> = {}): LanguageModel {
  return createLanguageModel({
    apiKey: FAKE_API_KEY,
    baseUrl: fake.baseUrl,
    // Short backoff so retry tests take milliseconds; Retry-After is honoured as given.
    initialRetryDelayMs: 20,
    maxRetryDelayMs: 100,
    ...options,
  })
}

async function collect(model: LanguageModel, messages = MESSAGES, options = {}) {
  const pieces: string[] = []
  const stream = model.stream(messages, options)
  for await (const piece of stream) pieces.push(piece)
  return { pieces, result: await stream.result }
}

async function failureOf(promise: Promise<unknown>): Promise<LanguageModelError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof LanguageModelError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('streaming', () => {
  it('yields the text in order and whole, and sends a streaming request', async () => {
    const text = 'Tell me about a time the payments service failed, and what you changed afterwards.'
    fake.enqueue(reply.text(text, { chunkDelayMs: 5, splitEvents: true, withComments: true }))

    const { pieces, result } = await collect(modelFor(), MESSAGES, { maxTokens: 300, temperature: 0.4 })

    expect(pieces.length).toBeGreaterThan(5)
    expect(pieces.join('')).toBe(text)
    expect(result).toMatchObject({ text, finishReason: 'stop', model: DEFAULT_MODEL })
    expect(result.usage).toEqual({
      promptTokens: 42,
      completionTokens: pieces.length,
      totalTokens: 42 + pieces.length,
    })
    const [request] = fake.chatRequests()
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`)
    expect(request?.body).toEqual({
      model: DEFAULT_MODEL,
      messages: MESSAGES,
      stream: true,
      max_completion_tokens: 300,
      temperature: 0.4,
    })
  })

  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    fake.enqueue(reply.rateLimited(1), reply.text('Welcome back.'))

    const started = Date.now()
    const { result } = await collect(modelFor())

    expect(result.text).toBe('Welcome back.')
    const [first, second] = fake.chatRequests()
    expect(fake.chatRequests()).toHaveLength(2)
    const waited = (second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)
    expect(waited, `waited ${waited} ms`).toBeGreaterThanOrEqual(950)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('gives up as rate_limited at once when the provider asks for a longer wait than allowed', async () => {
    fake.enqueue(reply.rateLimited(120))

    const error = await failureOf(collect(modelFor()))

    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 120_000, attempts: 1 })
    expect(error.providerCode).toBe('rate_limit_exceeded')
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('retries 5xx up to the limit, then reports unavailable', async () => {
    fake.enqueue(reply.serverError(500), reply.serverError(503), reply.serverError(503), reply.text('never'))

    const error = await failureOf(collect(modelFor({ maxRetries: 2 })))

    expect(error).toMatchObject({ kind: 'unavailable', status: 503, attempts: 3 })
    expect(fake.chatRequests()).toHaveLength(3)
  })

  it('recovers when a 5xx is followed by a good reply', async () => {
    fake.enqueue(reply.serverError(502), reply.text('Recovered.'))

    const { result } = await collect(modelFor())

    expect(result.text).toBe('Recovered.')
    expect(fake.chatRequests()).toHaveLength(2)
  })

  it('does not retry a request the provider refuses (unknown model)', async () => {
    const error = await failureOf(collect(modelFor({ model: 'llama-3.3-70b-versatile' })))

    expect(error).toMatchObject({ kind: 'bad_response', status: 404, providerCode: 'model_not_found' })
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('reports a stream that breaks midway cleanly, keeps what arrived, and does not retry', async () => {
    fake.enqueue(
      reply.text('One two three four five six seven eight.', { end: 'drop' }),
      reply.text('retried'),
    )

    const pieces: string[] = []
    const stream = modelFor().stream(MESSAGES)
    const error = await failureOf(
      (async () => {
        for await (const piece of stream) pieces.push(piece)
      })(),
    )

    expect(error.kind).toBe('unavailable')
    expect(pieces.join('')).toBe('One two three four ')
    expect(error.partialText).toBe('One two three four ')
    await expect(stream.result).rejects.toBe(error)
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('retries a connection lost before any text', async () => {
    fake.enqueue({ kind: 'text', chunks: [], end: 'drop' }, reply.text('Second try.'))

    const { result } = await collect(modelFor())

    expect(result.text).toBe('Second try.')
    expect(fake.chatRequests()).toHaveLength(2)
  })

  it('reports an error object in the stream after text as unavailable, without retrying', async () => {
    fake.enqueue(reply.text('Alpha beta gamma delta.', { end: 'error-event' }), reply.text('retried'))

    const error = await failureOf(collect(modelFor()))

    expect(error).toMatchObject({ kind: 'unavailable', partialText: 'Alpha beta ' })
    expect(error.message).toContain('Service Unavailable')
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('reports an invalid JSON chunk as bad_response', async () => {
    fake.enqueue(reply.text('Alpha beta gamma delta.', { end: 'invalid-json' }))

    const error = await failureOf(collect(modelFor()))

    expect(error.kind).toBe('bad_response')
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('times out when the first token is too slow, without retrying', async () => {
    fake.enqueue(reply.text('Too late.', { firstTokenDelayMs: 5_000 }), reply.text('retried'))

    const started = Date.now()
    const error = await failureOf(collect(modelFor({ firstTokenTimeoutMs: 200 })))

    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/started within 200 ms/)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(fake.chatRequests()).toHaveLength(1)
    await fake.chatRequests()[0]?.closed
    expect(fake.chatRequests()[0]?.wasAbortedByClient).toBe(true)
  })

  it('times out a slow stream at the total deadline, keeping what arrived', async () => {
    fake.enqueue(reply.text('one two three four five six seven eight nine ten', { chunkDelayMs: 150 }))

    const error = await failureOf(collect(modelFor({ timeoutMs: 500, firstTokenTimeoutMs: 400 })))

    expect(error.kind).toBe('timeout')
    expect(error.partialText.length).toBeGreaterThan(0)
    expect('one two three four five six seven eight nine ten'.startsWith(error.partialText)).toBe(true)
  })

  it('cancels at once when the signal aborts: the server sees the connection close, nothing is retried', async () => {
    fake.enqueue(reply.text('a b c d e f g h i j k l m n o p', { chunkDelayMs: 200 }), reply.text('retried'))
    const controller = new AbortController()

    const pieces: string[] = []
    const started = Date.now()
    const error = await failureOf(
      (async () => {
        for await (const piece of modelFor().stream(MESSAGES, { signal: controller.signal })) {
          pieces.push(piece)
          if (pieces.length === 2) controller.abort()
        }
      })(),
    )

    expect(error.kind).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(2_000)
    const [request] = fake.chatRequests()
    await request?.closed
    expect(request?.wasAbortedByClient).toBe(true)
    // Give a wrongly scheduled retry time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('cancels during a Retry-After wait without sending the retry', async () => {
    fake.enqueue(reply.rateLimited(2), reply.text('never'))
    const controller = new AbortController()

    const call = failureOf(collect(modelFor(), MESSAGES, { signal: controller.signal }))
    await fake.waitForRequests(1)
    setTimeout(() => controller.abort(), 100)
    const error = await call

    expect(error.kind).toBe('cancelled')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fake.chatRequests()).toHaveLength(1)
  })

  it('refuses at once with an already aborted signal', async () => {
    const error = await failureOf(collect(modelFor(), MESSAGES, { signal: AbortSignal.abort() }))

    expect(error.kind).toBe('cancelled')
    expect(fake.chatRequests()).toHaveLength(0)
  })

  it('ends the request when the reader leaves the loop early', async () => {
    fake.enqueue(reply.text('a b c d e f g h i j', { chunkDelayMs: 100 }))

    const stream = modelFor().stream(MESSAGES)
    for await (const _piece of stream) break

    await expect(stream.result).rejects.toMatchObject({ kind: 'cancelled' })
    const [request] = fake.chatRequests()
    await request?.closed
    expect(request?.wasAbortedByClient).toBe(true)
  })

  it('reports a server that cannot be reached as unavailable after its retries', async () => {
    const stopped = await FakeOpenAiServer.start()
    const baseUrl = stopped.baseUrl
    await stopped.stop()

    const error = await failureOf(collect(modelFor({ baseUrl, maxRetries: 1 })))

    expect(error).toMatchObject({ kind: 'unavailable', attempts: 2 })
  })
})

describe('complete (structured output)', () => {
  it('sends response_format json_schema and returns the whole reply', async () => {
    const answer = JSON.stringify({ overallScore: 72, recommendation: 'hire' })
    fake.enqueue(reply.text(answer))
    const schema = {
      type: 'object',
      properties: { overallScore: { type: 'integer' }, recommendation: { type: 'string' } },
      required: ['overallScore', 'recommendation'],
      additionalProperties: false,
    }

    const result = await modelFor().complete(MESSAGES, {
      responseFormat: { name: 'evaluation', schema, strict: true },
      temperature: 0,
      reasoningEffort: 'low',
    })

    expect(JSON.parse(result.text)).toEqual({ overallScore: 72, recommendation: 'hire' })
    expect(result.usage?.totalTokens).toBeGreaterThan(0)
    expect(fake.chatRequests()[0]?.body).toEqual({
      model: DEFAULT_MODEL,
      messages: MESSAGES,
      stream: false,
      temperature: 0,
      reasoning_effort: 'low',
      response_format: { type: 'json_schema', json_schema: { name: 'evaluation', schema, strict: true } },
    })
  })

  it('retries a 503 and a 429 like streaming does', async () => {
    fake.enqueue(reply.serverError(503), reply.rateLimited(0), reply.text('{"ok":true}'))

    const result = await modelFor().complete(MESSAGES)

    expect(result.text).toBe('{"ok":true}')
    expect(fake.chatRequests()).toHaveLength(3)
  })

  it('times out at the total deadline', async () => {
    fake.enqueue(reply.text('{}', { firstTokenDelayMs: 5_000 }))

    const error = await failureOf(modelFor({ timeoutMs: 300 }).complete(MESSAGES))

    expect(error.kind).toBe('timeout')
    expect(fake.chatRequests()).toHaveLength(1)
  })
})

describe('not configured', () => {
  it('says so and throws not_configured from every call, without a request', async () => {
    const model = createLanguageModel({ apiKey: undefined, baseUrl: fake.baseUrl })

    expect(model.isConfigured).toBe(false)
    expect(model.model).toBe(DEFAULT_MODEL)
    expect((await failureOf(collect(model))).kind).toBe('not_configured')
    expect((await failureOf(model.complete(MESSAGES))).kind).toBe('not_configured')
    expect(fake.requests).toHaveLength(0)
  })

  it('is configured with a key, against Groq by default', () => {
    const model = createLanguageModel({ apiKey: 'gsk_anything' })
    expect(model.isConfigured).toBe(true)
    expect(GROQ_BASE_URL).toBe('https://api.groq.com/openai/v1')
  })

  it('reports a refused API key as bad_response with status 401', async () => {
    const error = await failureOf(collect(modelFor({ apiKey: 'gsk_wrong' })))
    expect(error).toMatchObject({ kind: 'bad_response', status: 401, providerCode: 'invalid_api_key' })
  })
})

describe('retry hints', () => {
  it('reads retry-after-ms, retry-after in seconds or as an HTTP date, and Groq reset headers', () => {
    const now = Date.parse('2026-09-01T12:00:00Z')
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250)
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 01 Sep 2026 12:00:05 GMT' }), now)).toBe(5000)
    expect(
      retryAfterMs(
        new Headers({
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '7.66s',
          'x-ratelimit-remaining-requests': '10',
          'x-ratelimit-reset-requests': '2m59.56s',
        }),
        now,
      ),
    ).toBeCloseTo(7660)
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset-tokens': '7.66s' }), now)).toBeUndefined()
  })

  it('parses Go durations', () => {
    expect(parseGoDuration('2m59.56s')).toBeCloseTo(179_560)
    expect(parseGoDuration('120ms')).toBe(120)
    expect(parseGoDuration('1h0m1s')).toBe(3_601_000)
    expect(parseGoDuration('soon')).toBeUndefined()
  })

  it('waits for the reset of a used-up limit when a 429 has no Retry-After', async () => {
    fake.enqueue(
      {
        kind: 'error',
        status: 429,
        headers: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '400ms' },
        error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded' },
      },
      reply.text('After the reset.'),
    )

    const { result } = await collect(modelFor())

    expect(result.text).toBe('After the reset.')
    const [first, second] = fake.chatRequests()
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(380)
  })
})
