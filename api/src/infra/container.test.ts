import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CARTESIA_API_KEY, FakeCartesiaServer } from '../../test/fakes/cartesia-tts-server.js'
import { FAKE_DEEPGRAM_API_KEY, FakeDeepgramSttServer } from '../../test/fakes/deepgram-stt-server.js'
import { FakeDeepgramTtsServer } from '../../test/fakes/deepgram-tts-server.js'
import { syntheticSpeech } from '../../test/fakes/synthetic-speech.js'
import { createTestServices } from '../../test/support/services.js'

let stt: FakeDeepgramSttServer
let deepgramTts: FakeDeepgramTtsServer
let cartesia: FakeCartesiaServer
const opened: { close(): Promise<void> }[] = []

beforeAll(async () => {
  ;[stt, deepgramTts, cartesia] = await Promise.all([
    FakeDeepgramSttServer.start(),
    FakeDeepgramTtsServer.start(),
    FakeCartesiaServer.start(),
  ])
})

afterAll(async () => {
  await Promise.all([stt.stop(), deepgramTts.stop(), cartesia.stop()])
})

afterEach(async () => {
  await Promise.all(opened.splice(0).map((services) => services.close()))
  stt.reset()
  deepgramTts.reset()
  cartesia.reset()
})

function services(overrides: Record<string, string>) {
  const built = createTestServices(overrides)
  opened.push(built)
  return built
}

async function speak(services: ReturnType<typeof createTestServices>, text: string) {
  const chunks: Uint8Array[] = []
  for await (const chunk of services.textToSpeech?.synthesize(text, { sampleRate: 24_000 }) ?? [])
    chunks.push(chunk)
  return Buffer.concat(chunks)
}

describe('voice providers in the services container', () => {
  it('has no speech providers without keys (voice is "not configured")', () => {
    const built = services({})
    expect(built.speechToText).toBeNull()
    expect(built.textToSpeech).toBeNull()
  })

  it('hears through Deepgram at the configured base URL and model', async () => {
    const built = services({
      DEEPGRAM_API_KEY: FAKE_DEEPGRAM_API_KEY,
      DEEPGRAM_BASE_URL: stt.baseUrl,
      DEEPGRAM_STT_MODEL: 'nova-2',
    })
    const stream = await built.speechToText?.open({
      sampleRate: 16_000,
      endpointingMs: 300,
      utteranceEndMs: 1000,
    })
    const connection = await stt.connection(0)
    expect(connection.query.get('model')).toBe('nova-2')
    await stream?.close()
    expect(built.textToSpeech?.name).toBe('deepgram')
  })

  it('speaks with VOICE_TTS_PROVIDER first and falls over to the other provider', async () => {
    cartesia.failNextContexts(1, {
      status_code: 503,
      error_code: null,
      title: 'Unavailable',
      message: 'down',
    })
    const built = services({
      DEEPGRAM_API_KEY: FAKE_DEEPGRAM_API_KEY,
      DEEPGRAM_BASE_URL: deepgramTts.baseUrl,
      CARTESIA_API_KEY: FAKE_CARTESIA_API_KEY,
      CARTESIA_BASE_URL: cartesia.baseUrl,
      CARTESIA_VOICE_ID: 'a0e99841-438c-4a64-b679-ae501e7d6091',
      VOICE_TTS_PROVIDER: 'cartesia',
      VOICE_TTS_LOW_LATENCY: 'false',
    })
    expect(built.textToSpeech?.name).toBe('cartesia')
    const audio = await speak(built, 'Hello and welcome.')
    expect(audio.equals(syntheticSpeech('Hello and welcome.', 24_000))).toBe(true)
    expect(deepgramTts.requests).toHaveLength(1)
    const [input] = cartesia.inputs()
    expect(input?.voice).toEqual({ mode: 'id', id: 'a0e99841-438c-4a64-b679-ae501e7d6091' })
    expect(input).not.toHaveProperty('max_buffer_delay_ms')
  })

  it('speaks with the other provider when the chosen one has no key', async () => {
    const built = services({
      CARTESIA_API_KEY: FAKE_CARTESIA_API_KEY,
      CARTESIA_BASE_URL: cartesia.baseUrl,
      VOICE_TTS_PROVIDER: 'deepgram',
    })
    expect(built.speechToText).toBeNull()
    expect(built.textToSpeech?.name).toBe('cartesia')
    expect((await speak(built, 'Hi.')).length).toBeGreaterThan(0)
    expect(
      built.logs.lines.some(
        (line) => line.msg === 'VOICE_TTS_PROVIDER has no API key; the other provider speaks instead',
      ),
    ).toBe(true)
  })
})
