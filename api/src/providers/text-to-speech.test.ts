import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CARTESIA_API_KEY, FakeCartesiaServer } from '../../test/fakes/cartesia-tts-server.js'
import { FAKE_DEEPGRAM_TTS_API_KEY, FakeDeepgramTtsServer } from '../../test/fakes/deepgram-tts-server.js'
import { syntheticSpeech } from '../../test/fakes/synthetic-speech.js'
import {
  CARTESIA_VERSION,
  type CartesiaTextToSpeechOptions,
  createCartesiaTextToSpeech,
  createDeepgramTextToSpeech,
  type DeepgramTextToSpeechOptions,
  type SynthesisOptions,
  type TextToSpeech,
  TextToSpeechError,
  withFallback,
} from './text-to-speech.js'

const RATE = 24_000
let deepgram: FakeDeepgramTtsServer
let cartesia: FakeCartesiaServer
const clients: TextToSpeech[] = []

beforeAll(async () => {
  ;[deepgram, cartesia] = await Promise.all([FakeDeepgramTtsServer.start(), FakeCartesiaServer.start()])
})

afterAll(async () => {
  await Promise.all([deepgram.stop(), cartesia.stop()])
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  deepgram.reset()
  cartesia.reset()
})

function deepgramClient(options: Partial<DeepgramTextToSpeechOptions> = {}) {
  const client = createDeepgramTextToSpeech({
    apiKey: FAKE_DEEPGRAM_TTS_API_KEY,
    baseUrl: deepgram.baseUrl,
    ...options,
  })
  clients.push(client)
  return client
}

function cartesiaClient(options: Partial<CartesiaTextToSpeechOptions> = {}) {
  const client = createCartesiaTextToSpeech({
    apiKey: FAKE_CARTESIA_API_KEY,
    baseUrl: cartesia.baseUrl,
    ...options,
  })
  clients.push(client)
  return client
}

async function collect(tts: TextToSpeech, text: string, options: Partial<SynthesisOptions> = {}) {
  const chunks: Uint8Array[] = []
  for await (const chunk of tts.synthesize(text, { sampleRate: RATE, ...options })) chunks.push(chunk)
  return { chunks, audio: Buffer.concat(chunks) }
}

async function failureOf(promise: Promise<unknown>): Promise<TextToSpeechError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TextToSpeechError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined && found !== false) return found
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('Deepgram text-to-speech (streaming REST)', () => {
  it('streams the audio of the text as raw linear16 at the requested rate', async () => {
    const { chunks, audio } = await collect(
      deepgramClient({ voice: 'aura-2-helena-en' }),
      'Tell me about a hard bug.',
    )
    expect(audio.equals(syntheticSpeech('Tell me about a hard bug.', RATE))).toBe(true)
    expect(chunks.length).toBeGreaterThan(1)
    const request = deepgram.requests[0]
    expect(request?.headers.authorization).toBe(`Token ${FAKE_DEEPGRAM_TTS_API_KEY}`)
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      model: 'aura-2-helena-en',
      encoding: 'linear16',
      container: 'none',
      sample_rate: '24000',
    })
    expect(request?.body).toEqual({ text: 'Tell me about a hard bug.' })
  })

  it('keeps every chunk to whole samples when the network splits them', async () => {
    deepgram.options.splitSamples = true
    const { chunks, audio } = await collect(deepgramClient(), 'Thanks, that is helpful.', {
      sampleRate: 16_000,
    })
    expect(chunks.every((chunk) => chunk.length % 2 === 0)).toBe(true)
    expect(audio.equals(syntheticSpeech('Thanks, that is helpful.', 16_000))).toBe(true)
  })

  it.each([
    [401, 'rejected'],
    [400, 'rejected'],
    [429, 'unavailable'],
    [503, 'unavailable'],
  ] as const)('fails a %i as %s, without retrying', async (status, kind) => {
    deepgram.failNext({ kind: 'status', status, errCode: 'E', errMsg: 'refused by the test' })
    const error = await failureOf(collect(deepgramClient(), 'Hello.'))
    expect(error).toMatchObject({ provider: 'deepgram', kind, details: { status, providerCode: 'E' } })
    expect(error.message).toContain('refused by the test')
    expect(deepgram.requests).toHaveLength(1)
  })

  it('fails with the wrong key as rejected', async () => {
    const error = await failureOf(collect(deepgramClient({ apiKey: 'wrong' }), 'Hello.'))
    expect(error).toMatchObject({ kind: 'rejected', details: { status: 401, providerCode: 'INVALID_AUTH' } })
  })

  it('retries once when the connection is lost before any audio', async () => {
    deepgram.failNext({ kind: 'drop', afterChunks: 0 })
    const { audio } = await collect(deepgramClient(), 'Second try.')
    expect(audio.equals(syntheticSpeech('Second try.', RATE))).toBe(true)
    expect(deepgram.requests).toHaveLength(2)
  })

  it('fails as unavailable when the connection is lost midway, after the audio that came', async () => {
    deepgram.failNext({ kind: 'drop', afterChunks: 2 })
    const chunks: Uint8Array[] = []
    const error = await failureOf(
      (async () => {
        for await (const chunk of deepgramClient().synthesize('A long sentence that breaks off.', {
          sampleRate: RATE,
        }))
          chunks.push(chunk)
      })(),
    )
    expect(error.kind).toBe('unavailable')
    expect(chunks.length).toBeGreaterThan(0)
    expect(deepgram.requests).toHaveLength(1)
  })

  it('times out when the answer does not come', async () => {
    deepgram.failNext({ kind: 'hang' })
    const error = await failureOf(collect(deepgramClient({ connectTimeoutMs: 100 }), 'Hello.'))
    expect(error.kind).toBe('timeout')
  })

  it('times out when the audio stops coming', async () => {
    deepgram.options.firstByteDelayMs = 1_000
    const error = await failureOf(collect(deepgramClient({ timeoutMs: 100 }), 'Hello.'))
    expect(error.kind).toBe('timeout')
  })

  it('ends quietly and promptly on abort, and the request is abandoned', async () => {
    deepgram.options.chunkDelayMs = 30
    const controller = new AbortController()
    const chunks: Uint8Array[] = []
    for await (const chunk of deepgramClient().synthesize('A reply the candidate talks over.', {
      sampleRate: RATE,
      signal: controller.signal,
    })) {
      chunks.push(chunk)
      controller.abort()
    }
    expect(chunks).toHaveLength(1)
    await deepgram.requests[0]?.closed
    expect(deepgram.requests[0]?.wasAbortedByClient).toBe(true)
  })

  it('abandons the request when the caller leaves the loop', async () => {
    deepgram.options.chunkDelayMs = 30
    for await (const _chunk of deepgramClient().synthesize('Stop after the first chunk.', {
      sampleRate: RATE,
    }))
      break
    await deepgram.requests[0]?.closed
    expect(deepgram.requests[0]?.wasAbortedByClient).toBe(true)
  })

  it('says nothing, without a request, for empty text', async () => {
    expect((await collect(deepgramClient(), ' ', { contextId: 'r', continues: false })).chunks).toEqual([])
    expect(deepgram.requests).toHaveLength(0)
  })

  it('holds audio back by the fake first-byte delay (at least)', async () => {
    deepgram.options.firstByteDelayMs = 120
    const startedAt = Date.now()
    for await (const _chunk of deepgramClient().synthesize('Hi.', { sampleRate: RATE })) break
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(120)
  })
})

describe('Cartesia text-to-speech (WebSocket)', () => {
  it('speaks one text in its own context, raw pcm_s16le, with the key and version headers', async () => {
    const { audio } = await collect(cartesiaClient(), 'Welcome to the interview.')
    expect(audio.equals(syntheticSpeech('Welcome to the interview.', RATE))).toBe(true)
    const connection = cartesia.connections[0]
    expect(connection?.headers.authorization).toBe(`Bearer ${FAKE_CARTESIA_API_KEY}`)
    expect(connection?.headers['cartesia-version']).toBe(CARTESIA_VERSION)
    const [input] = cartesia.inputs()
    expect(input).toMatchObject({
      model_id: 'sonic-3.5',
      transcript: 'Welcome to the interview.',
      voice: { mode: 'id' },
      output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: RATE },
      continue: false,
      max_buffer_delay_ms: 0,
    })
    expect(input?.context_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(connection?.sent.at(-1)).toMatchObject({ type: 'done', context_id: input?.context_id })
  })

  it('speaks the sentences of one reply as continuations of one context, each ending at its flush', async () => {
    const tts = cartesiaClient({ voice: 'a0e99841-438c-4a64-b679-ae501e7d6091' })
    const sentences = ['Thanks for that.', 'Could you say more', 'about the rollout?']
    const audios: Buffer[] = []
    for (const [index, sentence] of sentences.entries()) {
      const { audio } = await collect(tts, sentence, {
        contextId: 'reply-1',
        continues: index < sentences.length - 1,
      })
      audios.push(audio)
    }
    // Continuations are joined verbatim, so each but the last gets its trailing space.
    expect(audios[0]?.equals(syntheticSpeech('Thanks for that. ', RATE))).toBe(true)
    expect(audios[1]?.equals(syntheticSpeech('Could you say more ', RATE))).toBe(true)
    expect(audios[2]?.equals(syntheticSpeech('about the rollout?', RATE))).toBe(true)
    const inputs = cartesia.inputs()
    expect(new Set(inputs.map((input) => input.context_id)).size).toBe(1)
    expect(inputs.map((input) => [input.transcript, input.continue, input.flush ?? false])).toEqual([
      ['Thanks for that. ', true, false],
      ['', true, true],
      ['Could you say more ', true, false],
      ['', true, true],
      ['about the rollout?', false, false],
    ])
    expect(
      inputs.every((input) => (input.voice as { id: string }).id === 'a0e99841-438c-4a64-b679-ae501e7d6091'),
    ).toBe(true)
    expect(cartesia.connections).toHaveLength(1)
  })

  it('routes audio right when the next sentence starts before the previous one has finished', async () => {
    cartesia.options.chunkDelayMs = 5
    const tts = cartesiaClient()
    const [first, second] = await Promise.all([
      collect(tts, 'One sentence here.', { contextId: 'reply-2', continues: true }),
      collect(tts, 'And another one.', { contextId: 'reply-2', continues: false }),
    ])
    expect(first.audio.equals(syntheticSpeech('One sentence here. ', RATE))).toBe(true)
    expect(second.audio.equals(syntheticSpeech('And another one.', RATE))).toBe(true)
  })

  it('multiplexes several replies on one socket', async () => {
    cartesia.options.chunkDelayMs = 3
    const tts = cartesiaClient()
    const texts = ['First candidate question.', 'Second candidate question.', 'Third candidate question.']
    const results = await Promise.all(
      texts.map((text, index) => collect(tts, text, { contextId: `c-${index}` })),
    )
    for (const [index, text] of texts.entries())
      expect(results[index]?.audio.equals(syntheticSpeech(text, RATE))).toBe(true)
    expect(cartesia.connections).toHaveLength(1)
  })

  it('cancels the context on abort: no more audio is generated, and the next reply starts afresh', async () => {
    cartesia.options.chunkDelayMs = 20
    const tts = cartesiaClient()
    const controller = new AbortController()
    let count = 0
    for await (const _chunk of tts.synthesize('A long answer being interrupted by the candidate.', {
      sampleRate: RATE,
      contextId: 'reply-3',
      continues: true,
      signal: controller.signal,
    })) {
      count++
      controller.abort()
    }
    expect(count).toBe(1)
    const cancel = await until(() => cartesia.inputs().find((input) => input.cancel === true), 'the cancel')
    const firstContext = cartesia.inputs()[0]?.context_id
    expect(cancel.context_id).toBe(firstContext)
    const sentBefore = cartesia.connections[0]?.sent.length ?? 0
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(cartesia.connections[0]?.sent.length).toBe(sentBefore)

    await collect(tts, 'Go ahead.', { contextId: 'reply-3' })
    expect(cartesia.inputs().at(-1)?.context_id).not.toBe(firstContext)
  })

  it('ends every sentence of a reply quietly when the reply is aborted (barge-in), even pipelined ones', async () => {
    cartesia.options.chunkDelayMs = 20
    const tts = withFallback(cartesiaClient(), undefined)
    const controller = new AbortController()
    const options = { sampleRate: RATE, contextId: 'reply-6', signal: controller.signal }
    const heard: Uint8Array[] = []
    const first = (async () => {
      for await (const chunk of tts.synthesize('The first sentence of a long reply.', {
        ...options,
        continues: true,
      }))
        heard.push(chunk)
    })()
    const second = collect(tts, 'The second one, waiting its turn.', { ...options, continues: false })
    await until(() => heard.length > 0, 'audio')
    controller.abort()
    await first
    expect((await second).chunks).toEqual([])
    await until(() => cartesia.inputs().find((input) => input.cancel === true), 'the cancel')
  })

  it('ends an open reply with an empty text (freeing the context), and ignores empty text otherwise', async () => {
    const tts = cartesiaClient()
    await collect(tts, 'We will get back to you.', { contextId: 'reply-4', continues: true })
    expect(cartesia.activeContexts()).toBe(1)
    const { chunks } = await collect(tts, '', { contextId: 'reply-4', continues: false })
    expect(chunks).toEqual([])
    expect(cartesia.activeContexts()).toBe(0)
    const contextIds = new Set(cartesia.inputs().map((input) => input.context_id))
    expect(contextIds.size).toBe(1)
    expect(cartesia.inputs().at(-1)).toMatchObject({ transcript: '', continue: false })
    expect(cartesia.connections[0]?.sent.at(-1)).toMatchObject({ type: 'done' })

    const count = cartesia.inputs().length
    expect((await collect(tts, '  ', { contextId: 'unknown-reply' })).chunks).toEqual([])
    expect((await collect(tts, '', { contextId: 'reply-5', continues: true })).chunks).toEqual([])
    expect(cartesia.inputs()).toHaveLength(count)
  })

  it('fails as unavailable on a concurrency limit (429 concurrency_limited)', async () => {
    cartesia.failNextContexts(1, {
      status_code: 429,
      error_code: 'concurrency_limited',
      title: 'Too Many Requests',
      message: 'Too many concurrent contexts',
    })
    const error = await failureOf(collect(cartesiaClient(), 'Hello.'))
    expect(error).toMatchObject({
      provider: 'cartesia',
      kind: 'unavailable',
      details: { status: 429, providerCode: 'concurrency_limited' },
    })
    expect(cartesia.inputs()).toHaveLength(1)
  })

  it('enforces the plan limit on active contexts', async () => {
    cartesia.options.maxConcurrentContexts = 1
    cartesia.options.firstChunkDelayMs = 500
    const tts = cartesiaClient()
    const [first, second] = await Promise.allSettled([
      collect(tts, 'First.', { contextId: 'a' }),
      collect(tts, 'Second.', { contextId: 'b' }),
    ])
    expect(first.status).toBe('fulfilled')
    expect(second.status === 'rejected' && second.reason).toMatchObject({
      details: { providerCode: 'concurrency_limited' },
    })
  })

  it('fails a sunset model as rejected', async () => {
    const error = await failureOf(collect(cartesiaClient({ modelId: 'sonic-english' }), 'Hello.'))
    expect(error).toMatchObject({
      kind: 'rejected',
      details: { status: 400, providerCode: 'model_sunsetted' },
    })
  })

  it('fails the wrong key as rejected at the handshake', async () => {
    const error = await failureOf(collect(cartesiaClient({ apiKey: 'sk_car_wrong' }), 'Hello.'))
    expect(error).toMatchObject({
      kind: 'rejected',
      details: { status: 401, providerCode: 'invalid_api_key' },
    })
  })

  it('retries on a new socket when the connection is lost before any audio', async () => {
    cartesia.options.firstChunkDelayMs = 2_000
    const tts = cartesiaClient()
    const speaking = collect(tts, 'Are you still there?')
    await until(() => cartesia.inputs().length > 0, 'the first input')
    cartesia.options.firstChunkDelayMs = 0
    cartesia.connections[0]?.terminate()
    const { audio } = await speaking
    expect(audio.equals(syntheticSpeech('Are you still there?', RATE))).toBe(true)
    expect(cartesia.connections).toHaveLength(2)
  })

  it('fails as unavailable when the connection is lost midway', async () => {
    cartesia.dropAfterChunks = 2
    const chunks: Uint8Array[] = []
    const error = await failureOf(
      (async () => {
        for await (const chunk of cartesiaClient().synthesize('A sentence that will break off midway.', {
          sampleRate: RATE,
        }))
          chunks.push(chunk)
      })(),
    )
    expect(error.kind).toBe('unavailable')
    expect(chunks.length).toBeGreaterThan(0)
  })

  it('times out and cancels the context when no audio comes', async () => {
    cartesia.options.firstChunkDelayMs = 1_000
    const error = await failureOf(collect(cartesiaClient({ timeoutMs: 100 }), 'Hello?'))
    expect(error.kind).toBe('timeout')
    await until(() => cartesia.inputs().find((input) => input.cancel === true), 'the cancel')
  })

  it('reconnects by itself after Cartesia closed the idle socket', async () => {
    cartesia.options.idleCloseMs = 300
    const tts = cartesiaClient()
    await collect(tts, 'First question.')
    await cartesia.connections[0]?.closed
    const { audio } = await collect(tts, 'Second question.')
    expect(audio.equals(syntheticSpeech('Second question.', RATE))).toBe(true)
    expect(cartesia.connections).toHaveLength(2)
  })
})

describe('withFallback', () => {
  it('falls over to the other provider when the first fails before any audio', async () => {
    cartesia.failNextContexts(1, {
      status_code: 500,
      error_code: 'internal_error',
      title: 'Server Error',
      message: 'boom',
    })
    const tts = withFallback(cartesiaClient(), deepgramClient())
    expect(tts.name).toBe('cartesia')
    const { audio } = await collect(tts, 'Let us begin.')
    expect(audio.equals(syntheticSpeech('Let us begin.', RATE))).toBe(true)
    expect(deepgram.requests).toHaveLength(1)
  })

  it('does not fall over once audio has been heard: the error goes up', async () => {
    cartesia.dropAfterChunks = 1
    const tts = withFallback(cartesiaClient(), deepgramClient())
    const error = await failureOf(collect(tts, 'This breaks after its first chunk, sadly.'))
    expect(error.provider).toBe('cartesia')
    expect(deepgram.requests).toHaveLength(0)
  })

  it('tries the fallback first for a while after the primary failed', async () => {
    deepgram.failNext({ kind: 'status', status: 503 })
    const tts = withFallback(deepgramClient(), cartesiaClient(), { cooldownMs: 60_000 })
    await collect(tts, 'First.')
    await collect(tts, 'Second.')
    expect(deepgram.requests).toHaveLength(1)
    expect(cartesia.inputs().map((input) => input.transcript)).toEqual(['First.', 'Second.'])
  })

  it('does not fall over when the caller aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    const tts = withFallback(deepgramClient(), cartesiaClient())
    const { chunks } = await collect(tts, 'Never mind.', { signal: controller.signal })
    expect(chunks).toEqual([])
    expect(cartesia.connections).toHaveLength(0)
  })

  it('reports the last error when both fail', async () => {
    deepgram.failNext({ kind: 'status', status: 401 })
    const tts = withFallback(deepgramClient(), cartesiaClient({ apiKey: 'sk_car_wrong' }))
    const error = await failureOf(collect(tts, 'Hello.'))
    expect(error.provider).toBe('cartesia')
  })

  it('is the primary itself without a fallback', () => {
    const primary = deepgramClient()
    expect(withFallback(primary, undefined)).toBe(primary)
  })
})
