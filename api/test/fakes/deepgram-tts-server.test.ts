import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { FAKE_DEEPGRAM_TTS_API_KEY, FakeDeepgramTtsServer } from './deepgram-tts-server.js'
import { syntheticSpeech } from './synthetic-speech.js'

// The REST client's behaviour against this fake is in src/providers/text-to-speech.test.ts; the
// WebSocket half is exercised here, on the wire, for whoever streams text to Deepgram.

let fake: FakeDeepgramTtsServer

beforeAll(async () => {
  fake = await FakeDeepgramTtsServer.start()
})

afterAll(async () => {
  await fake.stop()
})

afterEach(() => {
  fake.reset()
})

type Received = { json: Record<string, unknown>[]; audio: Buffer[]; order: string[] }

async function openSpeak(
  query = 'model=aura-2-thalia-en&encoding=linear16&sample_rate=16000',
  protocols?: string[],
) {
  const url = `${fake.baseUrl.replace('http', 'ws')}/v1/speak?${query}`
  const socket = protocols
    ? new WebSocket(url, protocols)
    : new WebSocket(url, { headers: { authorization: `Token ${FAKE_DEEPGRAM_TTS_API_KEY}` } })
  const received: Received = { json: [], audio: [], order: [] }
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      received.audio.push(data as Buffer)
      received.order.push('audio')
    } else {
      const message = JSON.parse(data.toString()) as Record<string, unknown>
      received.json.push(message)
      received.order.push(String(message.type))
    }
  })
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  return { socket, received }
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

describe('the fake Deepgram text-to-speech WebSocket', () => {
  it('sends Metadata on open, then speaks buffered text at Flush: audio frames, then Flushed', async () => {
    const { socket, received } = await openSpeak()
    socket.send(JSON.stringify({ type: 'Speak', text: 'Hello, ' }))
    socket.send(JSON.stringify({ type: 'Speak', text: 'and welcome.' }))
    socket.send(JSON.stringify({ type: 'Flush' }))
    await until(() => received.json.find((message) => message.type === 'Flushed'), 'Flushed')
    expect(received.json[0]).toMatchObject({ type: 'Metadata', model_name: 'aura-2-thalia-en' })
    expect(received.audio.length).toBeGreaterThanOrEqual(2)
    expect(Buffer.concat(received.audio).equals(syntheticSpeech('Hello, and welcome.', 16_000))).toBe(true)
    expect(received.order.at(-1)).toBe('Flushed')
    expect(received.json.at(-1)).toEqual({ type: 'Flushed', sequence_id: 1 })
    socket.send(JSON.stringify({ type: 'Speak', text: 'Next.' }))
    socket.send(JSON.stringify({ type: 'Flush' }))
    await until(() => received.json.find((message) => message.sequence_id === 2), 'the second Flushed')
    socket.close()
  })

  it('stops the audio at Clear and acknowledges it with Cleared, without Flushed', async () => {
    fake.options.chunkDelayMs = 20
    fake.options.chunkMs = 50
    const { socket, received } = await openSpeak()
    socket.send(
      JSON.stringify({ type: 'Speak', text: 'A long reply that the candidate interrupts halfway.' }),
    )
    socket.send(JSON.stringify({ type: 'Flush' }))
    await until(() => received.audio.length > 0, 'the first audio')
    socket.send(JSON.stringify({ type: 'Clear' }))
    await until(() => received.json.find((message) => message.type === 'Cleared'), 'Cleared')
    const framesAtClear = received.audio.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(received.audio.length).toBe(framesAtClear)
    expect(Buffer.concat(received.audio).length).toBeLessThan(
      syntheticSpeech('A long reply that the candidate interrupts halfway.', 16_000).length,
    )
    expect(received.json.find((message) => message.type === 'Flushed')).toBeUndefined()
    socket.close()
  })

  it('closes 1000 on Close, and 1003 on a message it does not know', async () => {
    const first = await openSpeak()
    first.socket.send(JSON.stringify({ type: 'Close' }))
    expect(await new Promise((resolve) => first.socket.once('close', resolve))).toBe(1000)
    const second = await openSpeak()
    second.socket.send(JSON.stringify({ type: 'Shout' }))
    const [code, reason] = await new Promise<[number, Buffer]>((resolve) =>
      second.socket.once('close', (...args) => resolve(args)),
    )
    expect([code, reason.toString()]).toEqual([1003, 'MESSAGE-0000'])
  })

  it('warns and ignores flushes past 20 a minute', async () => {
    const { socket, received } = await openSpeak()
    for (let index = 0; index < 21; index++) {
      socket.send(JSON.stringify({ type: 'Speak', text: 'x' }))
      socket.send(JSON.stringify({ type: 'Flush' }))
    }
    await until(() => received.json.find((message) => message.type === 'Warning'), 'the Warning')
    await until(
      () => received.json.filter((message) => message.type === 'Flushed').length === 20,
      'twenty Flushed',
    )
    expect(received.json.filter((message) => message.type === 'Flushed')).toHaveLength(20)
    socket.close()
  })

  it('accepts the browser subprotocol auth and refuses a test-chosen 429 at the upgrade', async () => {
    const { socket } = await openSpeak(undefined, ['token', FAKE_DEEPGRAM_TTS_API_KEY])
    expect(socket.protocol).toBe('token')
    socket.close()
    fake.failNext({ kind: 'status', status: 429, errMsg: 'Too many connections' })
    const refusal = await new Promise<{ status: number; error: unknown }>((resolve) => {
      const refused = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/v1/speak?encoding=linear16`, {
        headers: { authorization: `Token ${FAKE_DEEPGRAM_TTS_API_KEY}` },
      })
      refused.on('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode ?? 0, error: response.headers['dg-error'] })
        refused.terminate()
      })
      refused.on('error', () => undefined)
    })
    expect(refusal).toEqual({ status: 429, error: 'Too many connections' })
  })

  it('can cut a socket mid-turn with 1011', async () => {
    fake.options.chunkDelayMs = 20
    const { socket, received } = await openSpeak()
    socket.send(JSON.stringify({ type: 'Speak', text: 'Cut me off.' }))
    socket.send(JSON.stringify({ type: 'Flush' }))
    await until(() => received.audio.length > 0, 'audio')
    fake.sockets[0]?.drop()
    const [code, reason] = await new Promise<[number, Buffer]>((resolve) =>
      socket.once('close', (...args) => resolve(args)),
    )
    expect([code, reason.toString()]).toEqual([1011, 'NET-0002'])
  })
})

describe('the fake Deepgram text-to-speech REST endpoint', () => {
  const speak = (query: string, body: unknown, authorization = `Token ${FAKE_DEEPGRAM_TTS_API_KEY}`) =>
    fetch(`${fake.baseUrl}/v1/speak?${query}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('wraps linear16 in a WAV header unless container=none', async () => {
    const response = await speak('encoding=linear16&sample_rate=16000', { text: 'Hi.' })
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(response.headers.get('dg-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF')
    expect(bytes.subarray(44).equals(syntheticSpeech('Hi.', 16_000))).toBe(true)
  })

  it('answers errors as Deepgram does: JSON with err_code and err_msg', async () => {
    const empty = await speak('encoding=linear16', { text: '' })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ err_code: 'INVALID_INPUT' })
    const unauthorized = await speak('encoding=linear16', { text: 'Hi' }, 'Bearer nope')
    expect(unauthorized.status).toBe(401)
    const badRate = await speak('encoding=linear16&sample_rate=44100', { text: 'Hi' })
    expect(badRate.status).toBe(400)
  })
})
