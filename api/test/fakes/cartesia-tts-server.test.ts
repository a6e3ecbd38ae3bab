import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { FAKE_CARTESIA_API_KEY, FakeCartesiaServer } from './cartesia-tts-server.js'
import { syntheticSpeech } from './synthetic-speech.js'

// The client's behaviour against this fake is in src/providers/text-to-speech.test.ts; these are
// the protocol corners a correct client does not reach.

let fake: FakeCartesiaServer

beforeAll(async () => {
  fake = await FakeCartesiaServer.start()
})

afterAll(async () => {
  await fake.stop()
})

afterEach(() => {
  fake.reset()
})

const REQUEST = {
  model_id: 'sonic-3.5',
  voice: { mode: 'id', id: 'a0e99841-438c-4a64-b679-ae501e7d6091' },
  output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 16_000 },
}

async function open(query = `api_key=${FAKE_CARTESIA_API_KEY}&cartesia_version=2026-03-01`) {
  const socket = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/tts/websocket?${query}`)
  const messages: Record<string, unknown>[] = []
  const texts: string[] = []
  socket.on('message', (data) => {
    const text = data.toString()
    texts.push(text)
    try {
      messages.push(JSON.parse(text) as Record<string, unknown>)
    } catch {
      // Old API versions send errors as plain text.
    }
  })
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  return {
    socket,
    messages,
    texts,
    send: (message: Record<string, unknown>) => socket.send(JSON.stringify(message)),
  }
}

async function until<T>(find: () => T | undefined | false, what: string): Promise<T> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const found = find()
    if (found !== undefined && found !== false) return found
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function audioOf(messages: Record<string, unknown>[], contextId: string) {
  return Buffer.concat(
    messages
      .filter((message) => message.type === 'chunk' && message.context_id === contextId)
      .map((message) => Buffer.from(String(message.data), 'base64')),
  )
}

describe('the fake Cartesia TTS WebSocket', () => {
  it('takes the key and version from the query, and tags flushed audio with its flush_id', async () => {
    const { socket, messages, send } = await open()
    send({ ...REQUEST, context_id: 'c1', transcript: 'Part one, ', continue: true })
    send({ ...REQUEST, context_id: 'c1', transcript: '', continue: true, flush: true })
    await until(() => messages.find((message) => message.type === 'flush_done'), 'flush_done')
    expect(
      messages.filter((message) => message.type === 'chunk').every((message) => message.flush_id === 1),
    ).toBe(true)
    expect(messages.at(-1)).toMatchObject({
      type: 'flush_done',
      flush_done: true,
      flush_id: 1,
      context_id: 'c1',
    })
    send({ ...REQUEST, context_id: 'c1', transcript: 'part two.', continue: false })
    await until(() => messages.find((message) => message.type === 'done'), 'done')
    expect(
      audioOf(messages, 'c1').equals(
        Buffer.concat([syntheticSpeech('Part one, ', 16_000), syntheticSpeech('part two.', 16_000)]),
      ),
    ).toBe(true)
    socket.close()
  })

  it('speaks buffered continuations after max_buffer_delay_ms even without a flush', async () => {
    const { socket, messages, send } = await open()
    send({
      ...REQUEST,
      context_id: 'c2',
      transcript: 'Waiting for more. ',
      continue: true,
      max_buffer_delay_ms: 30,
    })
    await until(() => messages.find((message) => message.type === 'chunk'), 'audio')
    expect(messages[0]).not.toHaveProperty('flush_id')
    socket.close()
  })

  it('sends word timestamps when asked', async () => {
    const { socket, messages, send } = await open()
    send({ ...REQUEST, context_id: 'c3', transcript: 'Three short words', add_timestamps: true })
    await until(() => messages.find((message) => message.type === 'done'), 'done')
    const timestamps = messages.find((message) => message.type === 'timestamps')
    expect(timestamps?.word_timestamps).toEqual({
      words: ['Three', 'short', 'words'],
      start: [0, 0.3, 0.6],
      end: [0.3, 0.6, 0.9],
    })
    socket.close()
  })

  it('refuses inputs whose fields differ from the context’s first input', async () => {
    const { socket, messages, send } = await open()
    send({ ...REQUEST, context_id: 'c4', transcript: 'One. ', continue: true })
    send({
      ...REQUEST,
      context_id: 'c4',
      transcript: 'Two.',
      output_format: { ...REQUEST.output_format, sample_rate: 24_000 },
    })
    const error = await until(() => messages.find((message) => message.type === 'error'), 'the error')
    expect(error).toMatchObject({ status_code: 400, context_id: 'c4', done: true })
    socket.close()
  })

  it('refuses inputs on a context that expired after its done', async () => {
    fake.options.contextExpiryMs = 20
    const { socket, messages, send } = await open()
    send({ ...REQUEST, context_id: 'c5', transcript: 'Done.' })
    await until(() => messages.find((message) => message.type === 'done'), 'done')
    await new Promise((resolve) => setTimeout(resolve, 60))
    send({ ...REQUEST, context_id: 'c5', transcript: 'Too late.' })
    const error = await until(() => messages.find((message) => message.type === 'error'), 'the error')
    expect(error).toMatchObject({ error_code: 'context_expired', context_id: 'c5' })
    socket.close()
  })

  it('stops a cancelled context at once, with a done only when told to', async () => {
    fake.options.chunkDelayMs = 20
    fake.options.doneAfterCancel = true
    const { socket, messages, send } = await open()
    send({ ...REQUEST, context_id: 'c6', transcript: 'A long answer that gets cancelled early on.' })
    await until(() => messages.find((message) => message.type === 'chunk'), 'audio')
    send({ context_id: 'c6', cancel: true })
    await until(() => messages.find((message) => message.type === 'done'), 'done')
    const chunks = messages.filter((message) => message.type === 'chunk').length
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(messages.filter((message) => message.type === 'chunk')).toHaveLength(chunks)
    socket.close()
  })

  it('sends old API versions their errors as "Title: Message" text', async () => {
    const { socket, texts, send } = await open(`api_key=${FAKE_CARTESIA_API_KEY}&cartesia_version=2025-11-04`)
    send({ ...REQUEST, model_id: 'sonic-english', context_id: 'c7', transcript: 'Hi.' })
    await until(() => texts.length > 0, 'the error')
    expect(texts[0]).toBe('Model Sunsetted: Model sonic-english has been sunset')
    socket.close()
  })

  it('refuses a handshake without a version, and one with a wrong key', async () => {
    for (const [query, expected] of [
      [`api_key=${FAKE_CARTESIA_API_KEY}`, 400],
      ['api_key=sk_car_wrong&cartesia_version=2026-03-01', 401],
    ] as const) {
      const status = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/tts/websocket?${query}`)
        socket.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0)
          socket.terminate()
        })
        socket.on('error', () => undefined)
      })
      expect(status).toBe(expected)
    }
  })

  it('closes idle sockets when told to', async () => {
    fake.options.idleCloseMs = 30
    const { socket } = await open()
    const code = await new Promise((resolve) => socket.once('close', resolve))
    expect(code).toBe(1000)
  })
})

describe('the fake Cartesia /tts/bytes', () => {
  const bytes = (body: Record<string, unknown>, key = FAKE_CARTESIA_API_KEY) =>
    fetch(`${fake.baseUrl}/tts/bytes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'cartesia-version': '2026-03-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })

  it('streams raw or WAV audio', async () => {
    const raw = await bytes({ ...REQUEST, transcript: 'Raw audio.' })
    expect(Buffer.from(await raw.arrayBuffer()).equals(syntheticSpeech('Raw audio.', 16_000))).toBe(true)
    const wav = await bytes({
      ...REQUEST,
      transcript: 'Wav audio.',
      output_format: { ...REQUEST.output_format, container: 'wav' },
    })
    const body = Buffer.from(await wav.arrayBuffer())
    expect(wav.headers.get('content-type')).toBe('audio/wav')
    expect(body.subarray(0, 4).toString()).toBe('RIFF')
    expect(body.subarray(44).equals(syntheticSpeech('Wav audio.', 16_000))).toBe(true)
  })

  it('answers errors as JSON with error_code, title and message', async () => {
    const sunset = await bytes({ ...REQUEST, model_id: 'sonic-2-2025-03-07', transcript: 'Hi.' })
    expect(sunset.status).toBe(400)
    expect(await sunset.json()).toMatchObject({ error_code: 'model_sunsetted', title: 'Model Sunsetted' })
    const unauthorized = await bytes({ ...REQUEST, transcript: 'Hi.' }, 'sk_car_wrong')
    expect(unauthorized.status).toBe(401)
    const version = await (await fetch(`${fake.baseUrl}/`)).json()
    expect(version).toEqual({ ok: true, version: '2026-03-01' })
  })
})
