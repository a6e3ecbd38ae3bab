import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { FAKE_DEEPGRAM_API_KEY, FakeDeepgramSttServer, microphoneWav } from './deepgram-stt-server.js'

// The client's behaviour against this fake is in src/providers/speech-to-text.test.ts; these are
// the protocol corners no correct client reaches.

let fake: FakeDeepgramSttServer

beforeAll(async () => {
  fake = await FakeDeepgramSttServer.start()
})

afterAll(async () => {
  await fake.stop()
})

afterEach(() => {
  fake.reset()
})

describe('the fake Deepgram speech-to-text server', () => {
  it('accepts browser-style auth (subprotocols token, key) and selects "token"', async () => {
    const url = `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=16000`
    const socket = new WebSocket(url, ['token', FAKE_DEEPGRAM_API_KEY])
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    expect(socket.protocol).toBe('token')
    socket.close()
    expect((await fake.connection(0)).protocol).toBe('token')
  })

  it('closes with DATA-0000 on an empty binary frame', async () => {
    const url = `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=16000`
    const socket = new WebSocket(url, { headers: { authorization: `Token ${FAKE_DEEPGRAM_API_KEY}` } })
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(Buffer.alloc(0))
    const [code, reason] = await new Promise<[number, Buffer]>((resolve) =>
      socket.once('close', (...args) => resolve(args)),
    )
    expect([code, reason.toString()]).toEqual([1008, 'DATA-0000'])
  })

  it('refuses a handshake without auth with 401 and dg-error', async () => {
    const response = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve) => {
      const socket = new WebSocket(
        `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=16000`,
      )
      socket.on('unexpected-response', (_request, res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers })
        socket.terminate()
      })
      socket.on('error', () => undefined)
    })
    expect(response.status).toBe(401)
    expect(response.headers['dg-error']).toBe('Invalid credentials.')
  })
})

describe('the fake Deepgram speech-to-text server, as a client sees it on the wire', () => {
  it('answers CloseStream with the last final, then Metadata, then closes 1000', async () => {
    fake.say('Short answer.', { wordMs: 100 })
    const url = `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=16000&interim_results=false&endpointing=false`
    const socket = new WebSocket(url, { headers: { authorization: `Token ${FAKE_DEEPGRAM_API_KEY}` } })
    const messages: Record<string, unknown>[] = []
    socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>))
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(Buffer.alloc(16_000 * 2 * 0.5))
    socket.send(JSON.stringify({ type: 'CloseStream' }))
    const [code] = await new Promise<[number, Buffer]>((resolve) =>
      socket.once('close', (...args) => resolve(args)),
    )
    expect(code).toBe(1000)
    // interim_results=false: no partials; endpointing=false: no speech_final until the close.
    expect(messages.map((message) => [message.type, message.is_final, message.speech_final])).toEqual([
      ['Results', true, true],
      ['Metadata', undefined, undefined],
    ])
    expect(messages[1]).toMatchObject({ transaction_key: 'deprecated', duration: 0.5, channels: 1 })
  })

  it('refuses what it cannot hear: no sample rate, or an encoding other than linear16', async () => {
    for (const query of ['encoding=linear16', 'encoding=opus&sample_rate=48000']) {
      const status = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/v1/listen?${query}`, {
          headers: { authorization: `Token ${FAKE_DEEPGRAM_API_KEY}` },
        })
        socket.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0)
          socket.terminate()
        })
        socket.on('error', () => undefined)
      })
      expect(status).toBe(400)
    }
  })

  it('records every upgrade attempt with its query and key, refused ones included', async () => {
    fake.refuseNext(1, 402, 'Payment required')
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(
        `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=8000`,
        {
          headers: { authorization: `Token ${FAKE_DEEPGRAM_API_KEY}` },
        },
      )
      socket.on('unexpected-response', () => {
        socket.terminate()
        resolve()
      })
      socket.on('error', () => undefined)
    })
    expect(fake.attempts).toHaveLength(1)
    expect(fake.attempts[0]).toMatchObject({
      apiKey: FAKE_DEEPGRAM_API_KEY,
      refusedWith: 402,
      path: '/v1/listen',
    })
    expect(fake.attempts[0]?.query.get('sample_rate')).toBe('8000')
  })
})

describe('energy detection on a fake microphone file', () => {
  it('hears each loud stretch of the WAV as one utterance, in the scripted words, and records the audio', async () => {
    fake.options.detection = 'energy'
    fake.options.wordMs = 200
    fake.say('First answer.')
    fake.say('Second answer.')
    const wav = microphoneWav([{ speechMs: 600 }, { silenceMs: 800 }, { speechMs: 400 }, { silenceMs: 800 }])
    const pcm = wav.subarray(44)
    const url = `${fake.baseUrl.replace('http', 'ws')}/v1/listen?encoding=linear16&sample_rate=48000&interim_results=true&endpointing=300&vad_events=true&smart_format=true`
    const socket = new WebSocket(url, { headers: { authorization: `Token ${FAKE_DEEPGRAM_API_KEY}` } })
    const messages: Record<string, unknown>[] = []
    socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>))
    await new Promise((resolve) => socket.once('open', resolve))
    for (let offset = 0; offset < pcm.length; offset += 3840) socket.send(pcm.subarray(offset, offset + 3840))
    const connection = await fake.connection(0)
    const deadline = Date.now() + 5_000
    while (messages.filter((message) => message.speech_final === true).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const finals = messages.filter((message) => message.speech_final === true)
    const transcriptOf = (message: Record<string, unknown>) =>
      (message.channel as { alternatives: { transcript: string }[] }).alternatives[0]?.transcript
    expect(finals.map(transcriptOf)).toEqual(['First answer.', 'Second answer.'])
    expect(
      messages.filter((message) => message.type === 'SpeechStarted').map((message) => message.timestamp),
    ).toEqual([0, 1.4])
    expect(connection.audio.equals(pcm)).toBe(true)
    socket.close()
  })
})
