import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  FAKE_DEEPGRAM_API_KEY,
  FakeDeepgramSttServer,
  silence,
  tone,
} from '../../test/fakes/deepgram-stt-server.js'
import {
  createDeepgramSpeechToText,
  type DeepgramSpeechToTextOptions,
  SpeechToTextError,
  type SpeechToTextEvent,
  type SpeechToTextOptions,
  type SpeechToTextStream,
} from './speech-to-text.js'

const RATE = 16_000
let fake: FakeDeepgramSttServer
const openStreams: SpeechToTextStream[] = []

beforeAll(async () => {
  fake = await FakeDeepgramSttServer.start()
})

afterAll(async () => {
  await fake.stop()
})

afterEach(async () => {
  await Promise.all(openStreams.splice(0).map((stream) => stream.close()))
  fake.reset()
})

function client(options: Partial<DeepgramSpeechToTextOptions> = {}) {
  return createDeepgramSpeechToText({
    apiKey: FAKE_DEEPGRAM_API_KEY,
    baseUrl: fake.baseUrl,
    retryDelayMs: 10,
    ...options,
  })
}

async function open(options: Partial<SpeechToTextOptions> = {}, clientOptions = {}) {
  const stream = await client(clientOptions).open({
    sampleRate: RATE,
    endpointingMs: 300,
    utteranceEndMs: 1000,
    ...options,
  })
  openStreams.push(stream)
  const events: SpeechToTextEvent[] = []
  stream.onEvent((event) => events.push(event))
  return { stream, events }
}

/** Sends `ms` of audio in 20 ms frames, as a browser's worklet would. */
function stream(target: SpeechToTextStream, audio: Buffer) {
  const frame = (RATE * 20) / 1000
  for (let offset = 0; offset < audio.length; offset += frame * 2) {
    target.sendAudio(audio.subarray(offset, offset + frame * 2))
  }
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function transcripts(events: SpeechToTextEvent[]) {
  return events.filter((event) => event.type === 'transcript')
}

async function failureOf(promise: Promise<unknown>): Promise<SpeechToTextError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SpeechToTextError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('Deepgram live speech-to-text', () => {
  it('asks for linear16 with interim results, endpointing, utterance ends and VAD, with a Token header', async () => {
    const { stream: speech } = await open({ language: 'en-US', endpointingMs: 450, utteranceEndMs: 1200 })
    const connection = await fake.connection(0)
    expect(connection.headers.authorization).toBe(`Token ${FAKE_DEEPGRAM_API_KEY}`)
    expect(Object.fromEntries(connection.query)).toEqual({
      model: 'nova-3',
      encoding: 'linear16',
      sample_rate: '16000',
      channels: '1',
      interim_results: 'true',
      endpointing: '450',
      utterance_end_ms: '1200',
      vad_events: 'true',
      smart_format: 'true',
      language: 'en-US',
    })
    expect(speech.requestId).toBe(connection.requestId)
  })

  it('hears a scripted answer as partials, then one final at the pause, then the utterance end', async () => {
    fake.say('I led the migration.', { wordMs: 200, leadingSilenceMs: 100 })
    const { stream: speech, events } = await open()
    stream(speech, silence(2_500, RATE))
    await until(() => events.find((event) => event.type === 'utterance_end'), 'UtteranceEnd')

    expect(events[0]).toEqual({ type: 'speech_started', timestamp: 0.1 })
    const results = transcripts(events)
    const partials = results.filter((event) => !event.isFinal)
    expect(partials.map((event) => event.text)).toEqual(['I', 'I led', 'I led the', 'I led the migration.'])
    const finals = results.filter((event) => event.isFinal)
    expect(finals).toHaveLength(1)
    const final = finals[0]
    expect(final).toMatchObject({ text: 'I led the migration.', speechFinal: true, start: 0 })
    expect(final?.words.map((word) => [word.word, word.start, word.end, word.punctuatedWord])).toEqual([
      ['i', 0.1, 0.3, 'I'],
      ['led', 0.3, 0.5, 'led'],
      ['the', 0.5, 0.7, 'the'],
      ['migration', 0.7, 0.9, 'migration.'],
    ])
    // speech_final comes after 300 ms of silence (endpointing) past the last word at 0.9 s.
    expect((final?.start ?? 0) + (final?.duration ?? 0)).toBeCloseTo(1.2, 5)
    const utteranceEnd = events.find((event) => event.type === 'utterance_end')
    expect(utteranceEnd).toEqual({ type: 'utterance_end', lastWordEnd: 0.9 })
    // The final came before the utterance end, and nothing after the end is a transcript with words.
    expect(events.indexOf(final as SpeechToTextEvent)).toBeLessThan(
      events.indexOf(utteranceEnd as SpeechToTextEvent),
    )
  })

  it('does not end the utterance at a pause shorter than the endpointing time', async () => {
    fake.say('First part,', { wordMs: 200, pauseAfterMs: 150 })
    fake.say('second part.', { wordMs: 200, pauseAfterMs: 2_000 })
    const { stream: speech, events } = await open({ endpointingMs: 300 })
    stream(speech, silence(2_000, RATE))
    await until(() => events.find((event) => event.type === 'utterance_end'), 'UtteranceEnd')
    const finals = transcripts(events).filter((event) => event.isFinal && event.text !== '')
    expect(finals.map((event) => [event.text, event.speechFinal])).toEqual([
      ['First part, second part.', true],
    ])
    expect(events.filter((event) => event.type === 'speech_started')).toHaveLength(1)
  })

  it('sends finals that are not cumulative during long speech; appending them gives the whole answer', async () => {
    fake.say('We moved every service to Kubernetes over two quarters.', {
      wordMs: 100,
      finalizeEveryWords: 3,
    })
    const { stream: speech, events } = await open()
    stream(speech, silence(2_000, RATE))
    await until(() => transcripts(events).find((event) => event.speechFinal), 'speech_final')
    const finals = transcripts(events).filter((event) => event.isFinal)
    expect(finals.length).toBeGreaterThan(2)
    // The endpoint's final may be empty when every word was already final; callers skip empty text.
    expect(
      finals
        .map((event) => event.text)
        .filter(Boolean)
        .join(' '),
    ).toBe('We moved every service to Kubernetes over two quarters.')
    expect(finals.slice(0, -1).every((event) => !event.speechFinal)).toBe(true)
    // Each final covers the time after the previous one.
    for (const [index, event] of finals.entries()) {
      const previous = finals[index - 1]
      if (previous) expect(event.start).toBeCloseTo(previous.start + previous.duration, 5)
    }
  })

  it('reports empty finals during long silence (callers skip them) and no partials for silence', async () => {
    fake.options.emptyFinalEveryMs = 1_000
    const { stream: speech, events } = await open()
    stream(speech, silence(3_000, RATE))
    await until(() => (transcripts(events).length >= 3 ? true : undefined), 'three empty finals')
    expect(
      transcripts(events).every((event) => event.isFinal && event.text === '' && !event.speechFinal),
    ).toBe(true)
  })

  it('answers Finalize with a final marked fromFinalize that holds the words heard so far', async () => {
    fake.say('Still talking about it', { wordMs: 200 })
    const { stream: speech, events } = await open({ endpointingMs: 2_000 })
    stream(speech, silence(500, RATE))
    await until(() => transcripts(events).find((event) => event.text === 'Still talking'), 'two words')
    speech.finalize()
    const final = await until(
      () => transcripts(events).find((event) => event.fromFinalize),
      'the Finalize result',
    )
    expect(final).toMatchObject({ isFinal: true, speechFinal: false, text: 'Still talking' })
    const connection = await fake.connection(0)
    expect(connection.controls).toContainEqual({ type: 'Finalize' })
  })

  it('lets a listener subscribe late: events that came first are delivered to it in order', async () => {
    fake.say('Hello there.', { wordMs: 100 })
    const speech = await client().open({ sampleRate: RATE, endpointingMs: 200, utteranceEndMs: 1000 })
    openStreams.push(speech)
    stream(speech, silence(1_000, RATE))
    const connection = await fake.connection(0)
    await connection.waitForMessage((message) => message.speech_final === true)
    const events: SpeechToTextEvent[] = []
    speech.onEvent((event) => events.push(event))
    await until(() => transcripts(events).find((event) => event.speechFinal), 'the final')
    expect(events.map((event) => event.type)).toEqual([
      'speech_started',
      'transcript',
      'transcript',
      'transcript',
    ])
  })

  it('keeps other listeners going when one throws, and stops calling one that unsubscribed', async () => {
    fake.say('Yes.', { wordMs: 100 })
    const { stream: speech, events } = await open({ endpointingMs: 100 })
    const removed: SpeechToTextEvent[] = []
    const unsubscribe = speech.onEvent((event) => removed.push(event))
    speech.onEvent(() => {
      throw new Error('a listener bug')
    })
    unsubscribe()
    stream(speech, silence(600, RATE))
    await until(() => transcripts(events).find((event) => event.speechFinal), 'the final')
    expect(removed).toEqual([])
  })

  it('closes with CloseStream: the last words come as a final, then Deepgram closes 1000 (expected)', async () => {
    fake.say('Thank you for your time', { wordMs: 100 })
    const { stream: speech, events } = await open({ endpointingMs: 5_000 })
    stream(speech, silence(700, RATE))
    await until(() => transcripts(events).find((event) => event.text.endsWith('time')), 'all words')
    await speech.close()
    const connection = await fake.connection(0)
    expect(connection.controls.at(-1)).toEqual({ type: 'CloseStream' })
    expect(connection.sent.at(-1)).toMatchObject({ type: 'Metadata', request_id: connection.requestId })
    const final = transcripts(events).find((event) => event.isFinal && event.text !== '')
    expect(final?.text).toBe('Thank you for your time')
    expect(events.at(-1)).toEqual({ type: 'closed', code: 1000, reason: '', unexpected: false })
    expect((await connection.closed).initiatedBy).toBe('server')
    // Audio after the close is not sent.
    speech.sendAudio(silence(20, RATE))
    expect(connection.audioFrames).toHaveLength(35)
  })

  it('never sends an empty audio frame, which would end the stream', async () => {
    const { stream: speech } = await open()
    speech.sendAudio(new Uint8Array(0))
    speech.sendAudio(silence(20, RATE))
    speech.keepAlive()
    const connection = await fake.connection(0)
    await until(() => (connection.controls.length > 0 ? true : undefined), 'the KeepAlive')
    expect(connection.audioFrames).toEqual([640])
    expect(connection.controls).toEqual([{ type: 'KeepAlive' }])
  })

  it('sends KeepAlive on its own while no audio flows, so Deepgram does not close the idle socket', async () => {
    fake.options.idleTimeoutMs = 500
    const { events } = await open({ keepAliveIntervalMs: 50 })
    const connection = await fake.connection(0)
    // Well past the idle timeout: only the KeepAlives kept the socket open.
    await until(
      () =>
        connection.controls.filter((control) => control.type === 'KeepAlive').length >= 25 ? true : undefined,
      'twenty-five KeepAlives',
    )
    expect(events.find((event) => event.type === 'closed')).toBeUndefined()
  })

  it('reports Deepgram closing an idle socket (1011 NET-0001) as unexpected', async () => {
    fake.options.idleTimeoutMs = 150
    const { events } = await open({ keepAliveIntervalMs: 0 })
    const closed = await until(() => events.find((event) => event.type === 'closed'), 'the close')
    expect(closed).toEqual({ type: 'closed', code: 1011, reason: 'NET-0001', unexpected: true })
  })

  it('reports a socket dropped mid-utterance, after the words heard so far', async () => {
    fake.say('I was about to say', { wordMs: 100, dropAfterWords: 2 })
    const { stream: speech, events } = await open()
    stream(speech, silence(1_000, RATE))
    const closed = await until(() => events.find((event) => event.type === 'closed'), 'the close')
    expect(closed).toEqual({ type: 'closed', code: 1011, reason: 'NET-0000', unexpected: true })
    expect(transcripts(events).map((event) => event.text)).toEqual(['I', 'I was'])
  })

  it('reports a connection lost without a close frame as 1006', async () => {
    fake.say('I was about to say', { wordMs: 100, dropAfterWords: 1, drop: 'abrupt' })
    const { stream: speech, events } = await open()
    stream(speech, silence(1_000, RATE))
    const closed = await until(() => events.find((event) => event.type === 'closed'), 'the close')
    expect(closed).toMatchObject({ type: 'closed', code: 1006, unexpected: true })
  })

  it('closes at once and expectedly when the caller aborts', async () => {
    const controller = new AbortController()
    const { events } = await open({ signal: controller.signal })
    controller.abort()
    const closed = await until(() => events.find((event) => event.type === 'closed'), 'the close')
    expect(closed).toMatchObject({ type: 'closed', code: 1000, unexpected: false })
  })

  it('hears loud audio as speech in energy detection (a browser fake microphone)', async () => {
    fake.options.detection = 'energy'
    fake.options.wordMs = 200
    fake.say('My strongest skill is debugging.')
    const { stream: speech, events } = await open({ endpointingMs: 300 })
    stream(speech, Buffer.concat([silence(500, RATE), tone(800, RATE), silence(1_500, RATE)]))
    await until(() => events.find((event) => event.type === 'utterance_end'), 'UtteranceEnd')
    expect(events[0]).toEqual({ type: 'speech_started', timestamp: 0.5 })
    const final = transcripts(events).find((event) => event.speechFinal)
    expect(final?.text).toBe('My strongest skill is debugging.')
    const words = final?.words ?? []
    expect(words[0]?.start).toBeGreaterThanOrEqual(0.5)
    expect(words.at(-1)?.end).toBeLessThanOrEqual(1.3)
    // Nothing is heard in the silence before the tone.
    expect(
      transcripts(events).filter((event) => event.text !== '')[0]?.words[0]?.start,
    ).toBeGreaterThanOrEqual(0.5)
  })

  it('holds results back by the configured delay (at least)', async () => {
    fake.options.resultDelayMs = 150
    fake.say('Okay.', { wordMs: 100 })
    const { stream: speech, events } = await open({ endpointingMs: 100 })
    const sentAt = Date.now()
    stream(speech, silence(500, RATE))
    await until(() => transcripts(events)[0], 'a result')
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(150)
  })

  describe('opening', () => {
    it('fails as rejected, without retrying, when the key is wrong', async () => {
      const error = await failureOf(
        client({ apiKey: 'wrong' }).open({ sampleRate: RATE, endpointingMs: 300, utteranceEndMs: 1000 }),
      )
      expect(error.kind).toBe('rejected')
      expect(error.details).toMatchObject({
        status: 401,
        providerMessage: 'Invalid credentials.',
        attempts: 1,
      })
      expect(error.details.requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(fake.attempts).toHaveLength(1)
    })

    it('retries a refused connection (429) and succeeds', async () => {
      fake.refuseNext(2, 429)
      const { stream: speech } = await open()
      expect(speech.requestId).toBeDefined()
      expect(fake.attempts.map((attempt) => attempt.refusedWith)).toEqual([429, 429, undefined])
    })

    it('gives up as unavailable after its retries', async () => {
      fake.refuseNext(3, 503, 'Service Unavailable')
      const error = await failureOf(
        client({ maxRetries: 2 }).open({ sampleRate: RATE, endpointingMs: 300, utteranceEndMs: 1000 }),
      )
      expect(error).toMatchObject({ kind: 'unavailable', details: { status: 503, attempts: 3 } })
      expect(error.message).toContain('Service Unavailable')
    })

    it('fails as unavailable when nothing listens at the address', async () => {
      const error = await failureOf(
        client({ baseUrl: 'http://127.0.0.1:9', maxRetries: 0 }).open({
          sampleRate: RATE,
          endpointingMs: 300,
          utteranceEndMs: 1000,
        }),
      )
      expect(error.kind).toBe('unavailable')
    })

    it('times out when the handshake does not complete', async () => {
      fake.options.handshakeDelayMs = 1_000
      const error = await failureOf(
        client({ connectTimeoutMs: 100, maxRetries: 0 }).open({
          sampleRate: RATE,
          endpointingMs: 300,
          utteranceEndMs: 1000,
        }),
      )
      expect(error.kind).toBe('timeout')
    })

    it('is cancelled by the signal while connecting', async () => {
      fake.options.handshakeDelayMs = 1_000
      const controller = new AbortController()
      const opening = client().open({
        sampleRate: RATE,
        endpointingMs: 300,
        utteranceEndMs: 1000,
        signal: controller.signal,
      })
      setTimeout(() => controller.abort(), 20)
      expect((await failureOf(opening)).kind).toBe('cancelled')
    })

    it('refuses parameters Deepgram would refuse (400)', async () => {
      const error = await failureOf(
        client().open({ sampleRate: RATE, endpointingMs: 1.5, utteranceEndMs: 1000 }),
      )
      expect(error).toMatchObject({ kind: 'rejected', details: { status: 400 } })
    })
  })
})
