import type { Socket as TcpSocket } from 'node:net'
import { SignJWT } from 'jose'
import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { createApp } from '../src/app.js'
import { createDeepgramSpeechToText } from '../src/providers/speech-to-text.js'
import {
  createCartesiaTextToSpeech,
  createDeepgramTextToSpeech,
  withFallback,
} from '../src/providers/text-to-speech.js'
import { type RunningServer, startServer } from '../src/server.js'
import { verifyInterviewEvidence } from '../src/services/evidence.js'
import { createInterviewLink, revokeInterviewLink } from '../src/services/interview-links.js'
import { createSignInSession } from '../src/services/sign-in-sessions.js'
import { issueVoiceTicket, VOICE_TICKET_AUDIENCE, voiceTicketKey } from '../src/services/voice.js'
import { FAKE_CARTESIA_API_KEY, FakeCartesiaServer } from '../test/fakes/cartesia-tts-server.js'
import { FAKE_DEEPGRAM_API_KEY, FakeDeepgramSttServer } from '../test/fakes/deepgram-stt-server.js'
import { FAKE_DEEPGRAM_TTS_API_KEY, FakeDeepgramTtsServer } from '../test/fakes/deepgram-tts-server.js'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from './fakes/openai-server.js'
import { createUser } from './support/factories.js'
import { APP_ORIGIN, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'
import { VoiceTestClient } from './support/voice-client.js'

let llm: FakeOpenAiServer
let stt: FakeDeepgramSttServer
let deepgramTts: FakeDeepgramTtsServer
let cartesia: FakeCartesiaServer
let services: ReturnType<typeof createTestServices>
let server: RunningServer

beforeAll(async () => {
  ;[llm, stt, deepgramTts, cartesia] = await Promise.all([
    FakeOpenAiServer.start(),
    FakeDeepgramSttServer.start(),
    FakeDeepgramTtsServer.start(),
    FakeCartesiaServer.start(),
  ])
  services = createTestServices({
    GROQ_API_KEY: FAKE_API_KEY,
    LLM_BASE_URL: llm.baseUrl,
    LLM_MAX_RETRIES: '0',
    API_URL: 'http://127.0.0.1:3000',
    VOICE_STT_KEEPALIVE_MS: '500',
  })
  services.speechToText = createDeepgramSpeechToText({ apiKey: FAKE_DEEPGRAM_API_KEY, baseUrl: stt.baseUrl })
  services.textToSpeech = createSpeechPair()
  server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})

/** Cartesia first, Deepgram when it fails: as production pairs them. */
function createSpeechPair() {
  return withFallback(
    createCartesiaTextToSpeech({ apiKey: FAKE_CARTESIA_API_KEY, baseUrl: cartesia.baseUrl }),
    createDeepgramTextToSpeech({ apiKey: FAKE_DEEPGRAM_TTS_API_KEY, baseUrl: deepgramTts.baseUrl }),
  )
}

afterAll(async () => {
  await server.close()
  await services.close()
  await Promise.all([llm.stop(), stt.stop(), deepgramTts.stop(), cartesia.stop()])
})

beforeEach(() => {
  llm.reset()
  stt.reset()
  deepgramTts.reset()
  cartesia.reset()
})

const clients: VoiceTestClient[] = []
// The fake hears the script on whichever stream is running: every test's pages hang up before the next.
afterEach(async () => {
  const open = clients.splice(0)
  for (const client of open) client.close()
  await Promise.all(open.map((client) => client.closed))
})

async function newVoiceInterview(
  options: { questions?: string[]; pace?: 'patient' | 'quick'; timeLimitMinutes?: number } = {},
) {
  const recruiter = await createUser(services, { role: 'RECRUITER' })
  const interview = await services.prisma.interview.create({
    data: {
      recruiterId: recruiter.id,
      candidateEmail: uniqueEmail('candidate'),
      candidateName: 'Casey',
      jobRole: 'Backend Engineer',
      type: 'VOICE',
      voicePace: options.pace ?? 'patient',
      questions: options.questions ?? ['Tell me about a system you built.'],
      timeLimitMinutes: options.timeLimitMinutes ?? 30,
    },
  })
  const link = await createInterviewLink(services.prisma, {
    frontendUrl: APP_ORIGIN,
    interviewId: interview.id,
  })
  return { interview, link, recruiter }
}

/** A candidate's REST call over real HTTP, on the same port as the sockets. */
async function candidate(token: string, path: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${server.url}/api/candidate/interview${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      'x-interview-token': token,
      'content-type': 'application/json',
      origin: APP_ORIGIN,
      'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const text = await response.text()
  return {
    status: response.status,
    text,
    body: text && !text.startsWith('event:') ? JSON.parse(text) : undefined,
  }
}

async function ticketFor(token: string) {
  const issued = await candidate(token, '/voice-ticket', { method: 'POST' })
  expect(issued.status, issued.text).toBe(201)
  return issued.body as { ticket: string; url: string; expiresAt: string }
}

async function connect(url: string, baseUrl = server.url) {
  const client = await VoiceTestClient.open(`${baseUrl.replace('http', 'ws')}${url}`, APP_ORIGIN)
  clients.push(client)
  return client
}

/** Consent over REST, a ticket, the socket, `start`; resolves once the opening has been spoken. */
async function startVoice(token: string, baseUrl = server.url) {
  const consent = await candidate(token, '/consent', { json: { aiInterview: true, recording: false } })
  expect(consent.status, consent.text).toBe(200)
  const { url } = await ticketFor(token)
  const client = await connect(url, baseUrl)
  await client.next('ready')
  client.startAudio()
  client.send({ type: 'start' })
  await client.next('interviewer_done')
  return client
}

/** The candidate says `text`; resolves with their stored turn and the interviewer's reply. */
async function speak(
  client: VoiceTestClient,
  text: string,
  options: Parameters<FakeDeepgramSttServer['say']>[1] = {},
) {
  const turns = client.messages('turn').length
  stt.say(text, options)
  const answer = await client.next('turn', { count: turns + 1 })
  const replied = await client.next('turn', { count: turns + 2 })
  return { answer: answer.message, reply: replied.message }
}

function waitForClose(client: VoiceTestClient, timeoutMs = 10_000) {
  return Promise.race([
    client.closed,
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(`socket still open; received ${JSON.stringify(client.messages().map((m) => m.type))}`),
          ),
        timeoutMs,
      ),
    ),
  ])
}

describe('a voice interview', () => {
  it('runs from consent to a score, with REST, socket.io and the voice socket on one port', async () => {
    const { interview, link, recruiter } = await newVoiceInterview()
    // The recruiter watches live over socket.io, on the same port.
    const { token: session } = await createSignInSession(services, {
      userId: recruiter.id,
      role: 'RECRUITER',
    })
    const watcher: Socket = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${session}` },
      reconnection: false,
    })
    const live: string[] = []
    watcher.on('interview:message', (envelope: { payload: { message: { content: string } } }) =>
      live.push(envelope.payload.message.content),
    )
    await new Promise<void>((resolve, reject) => {
      watcher.once('connect', resolve)
      watcher.once('connect_error', reject)
    })

    const state = await candidate(link.token, '')
    expect(state.body.interview.voice).toEqual({ available: true })
    const client = await startVoice(link.token)
    const ready = client.messages('ready')[0]!
    expect(ready).toMatchObject({ inputSampleRate: 16000, outputSampleRate: 24000, audioFormat: 'pcm_s16le' })
    expect(ready.turnTaking).toEqual({ pace: 'patient', finishedMs: 1000, unfinishedMs: 2500 })
    const openingAudio = client.audioBytes
    expect(openingAudio).toBeGreaterThan(0)

    llm.enqueue(reply.text('Interesting. What was the hardest trade-off in it?', { chunkDelayMs: 5 }))
    const first = await speak(client, 'I built a payments ledger in Go.')
    expect(first.answer).toMatchObject({ role: 'candidate', content: 'I built a payments ledger in Go.' })
    expect(first.reply).toMatchObject({
      role: 'interviewer',
      content: 'Interesting. What was the hardest trade-off in it?',
      replyTo: first.answer.clientMessageId,
    })
    expect(client.audioBytes).toBeGreaterThan(openingAudio)
    const partials = client
      .messages('transcript')
      .filter((message) => message.role === 'interviewer' && !message.isFinal)
    expect(partials.length).toBeGreaterThan(1)
    // Each sentence went to speech synthesis on its own, in one context for the reply.
    const contexts = new Set(
      cartesia
        .inputs()
        .filter((input) => input.transcript)
        .map((input) => input.context_id),
    )
    expect(cartesia.inputs().some((input) => String(input.transcript).includes('What was the hardest'))).toBe(
      true,
    )
    expect(contexts.size).toBeGreaterThanOrEqual(2)

    llm.enqueue(reply.text('Thank you, that is all from me. The team will be in touch.'))
    await speak(client, 'Consistency against latency, mostly.')
    expect(await client.next('ended')).toEqual({ type: 'ended', reason: 'interviewer_closed' })
    expect((await waitForClose(client)).code).toBe(1000)

    const stored = await services.prisma.interview.findUniqueOrThrow({
      where: { id: interview.id },
      include: { messages: { orderBy: { createdAt: 'asc' } } },
    })
    expect(stored).toMatchObject({ status: 'COMPLETED', endReason: 'interviewer_closed' })
    expect(stored.messages.map((message) => message.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    const spokenReplies = stored.messages.filter(
      (message) => message.role === 'assistant' && message.responseGapMs !== null,
    )
    expect(spokenReplies).toHaveLength(2)
    for (const message of stored.messages.filter((message) => message.role === 'user')) {
      expect(message.startedSpeakingAt).not.toBeNull()
      expect(message.speech).toMatchObject({ wordCount: message.content.split(' ').length })
    }
    expect(stored.speechAnalytics).toMatchObject({ candidateTurns: 2, wordCount: 11 })
    await expect.poll(() => live).toContain('I built a payments ledger in Go.')
    watcher.close()

    const chain = await verifyInterviewEvidence(services, { interviewId: interview.id })
    expect(chain.valid).toBe(true)
    // The ticket travelled in the socket's URL; the log keeps the path, not the ticket.
    const ticket = new URL(
      `http://x${client.socket.url.slice(client.socket.url.indexOf('/api'))}`,
    ).searchParams.get('ticket')!
    expect(services.logs.text()).toContain('/api/candidate/interview/voice?')
    expect(services.logs.text()).not.toContain(ticket)
    const kinds = await services.prisma.interviewEvidence.findMany({
      where: { interviewId: interview.id },
      orderBy: { sequence: 'asc' },
      select: { kind: true },
    })
    expect(kinds.map((row) => row.kind)).toEqual([
      'consent',
      'status',
      'message',
      'voice',
      'message',
      'message',
      'message',
      'message',
      'status',
      'voice',
    ])

    // The recruiter's view: the report, then a score from the same transcript.
    const recruiterHeaders = {
      origin: APP_ORIGIN,
      cookie: `vh_session=${session}`,
      'content-type': 'application/json',
    }
    const report = await fetch(`${server.url}/api/interviews/${interview.id}/voice-report`, {
      headers: recruiterHeaders,
    })
    const reportBody = (await report.json()) as any
    expect(report.status, JSON.stringify(reportBody)).toBe(200)
    expect(reportBody.responseGapMs.count).toBe(2)
    expect(reportBody.responseGapMs.p50).toBeGreaterThanOrEqual(0)
    expect(reportBody.responseGapMs.p95).toBeGreaterThanOrEqual(reportBody.responseGapMs.p50)
    expect(reportBody.speech).toMatchObject({ candidateTurns: 2 })

    llm.enqueue(
      reply.text(
        JSON.stringify({
          overallScore: 74,
          criteria: [
            { name: 'Role knowledge', score: 75, quotes: ['payments ledger in Go'] },
            { name: 'Problem solving', score: 70, quotes: ['Consistency against latency'] },
            { name: 'Relevant experience', score: 74, quotes: ['payments ledger'] },
            { name: 'Communication', score: 76, quotes: ['I built a payments ledger'] },
          ],
          strengths: ['Named a real trade-off.'],
          concerns: ['Short answers.'],
          recommendation: 'hire',
          transcriptSummary: 'The candidate described a payments ledger and its consistency trade-off.',
        }),
      ),
    )
    const evaluated = await fetch(`${server.url}/api/interviews/${interview.id}/evaluate`, {
      method: 'POST',
      headers: recruiterHeaders,
      body: '{}',
    })
    const evaluation = await evaluated.text()
    expect(evaluated.status, evaluation).toBe(201)
    const scored = await services.prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })
    expect(scored.score).toBe(74)
  })

  it('does not cut off a patient candidate who pauses 1.2 s mid-sentence', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    llm.enqueue(reply.text('Why Postgres?'))
    stt.say('I moved the queue to Postgres because', { pauseAfterMs: 1200 })
    stt.say('it gave us transactions.')
    const answer = await client.next('turn', { where: (turn) => turn.role === 'candidate' })
    expect(answer.message.content).toBe('I moved the queue to Postgres because it gave us transactions.')
    await client.next('turn', { where: (turn) => turn.role === 'interviewer' })
    expect(llm.chatRequests()).toHaveLength(1)
  })

  it('takes the turn-taking pace the recruiter chose', async () => {
    const recruiter = await createUser(services, { role: 'RECRUITER' })
    const { token: session } = await createSignInSession(services, {
      userId: recruiter.id,
      role: 'RECRUITER',
    })
    const create = (body: Record<string, unknown>) =>
      fetch(`${server.url}/api/interviews`, {
        method: 'POST',
        headers: { origin: APP_ORIGIN, cookie: `vh_session=${session}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          jobRole: 'SRE',
          candidateEmail: uniqueEmail('candidate'),
          type: 'VOICE',
          ...body,
        }),
      })
    const patient = (await (await create({})).json()) as any
    expect(patient.interview.voicePace).toBe('patient')
    expect((await create({ voicePace: 'leisurely' })).status).toBe(400)
    const quick = (await (await create({ voicePace: 'quick' })).json()) as any
    expect(quick.interview.voicePace).toBe('quick')
    const token = new URL(quick.link.url).pathname.split('/').at(-1)!
    expect(
      (await candidate(token, '/consent', { json: { aiInterview: true, recording: false } })).status,
    ).toBe(200)
    const client = await connect((await ticketFor(token)).url)
    expect((await client.next('ready')).turnTaking).toEqual({
      pace: 'quick',
      finishedMs: 600,
      unfinishedMs: 1200,
    })
  })

  it('rejects invalid messages with an error and carries on', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    client.sendRaw('not json')
    client.send({ type: 'shout', volume: 11 })
    client.send({ type: 'end' })
    const errors = await client.next('error', { count: 3 })
    expect(errors.error.code).toBe('VALIDATION_FAILED')
    client.send({ type: 'ping', id: 'p1', sentAt: 1 })
    expect(await client.next('pong')).toMatchObject({ id: 'p1', sentAt: 1 })
  })
})

describe('barge-in', () => {
  it('stops the model and the speech at once, keeps what was said, and tells the page before any more audio', async () => {
    const { interview, link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    cartesia.options.chunkDelayMs = 40
    const long = Array.from(
      { length: 12 },
      (_, index) => `This is sentence number ${index + 1} of a long reply.`,
    ).join(' ')
    llm.enqueue(reply.text(long, { chunkDelayMs: 60 }))
    stt.say('It was a ledger.')
    await client.next('interviewer_speaking', { count: 2 })
    const audioBefore = client.audioBytes
    await client.waitUntil(() => client.audioBytes > audioBefore, 'some of the reply’s audio')
    stt.say('Sorry, can I add one thing?')
    const bargeIn = await client.next('barge_in')
    const index = client.received.findIndex(
      (entry) => entry.kind === 'json' && entry.message.type === 'barge_in',
    )

    const [request] = llm.chatRequests()
    await request!.closed
    expect(request!.wasAbortedByClient).toBe(true)
    await expect.poll(() => cartesia.inputs().some((input) => input.cancel === true)).toBe(true)
    // Whatever was in flight is dropped: nothing more plays after the barge-in.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(client.received.slice(index + 1).filter((entry) => entry.kind === 'audio')).toEqual([])
    expect(client.messages('interviewer_done').at(-1)).toEqual({
      type: 'interviewer_done',
      replyId: bargeIn.replyId,
      interrupted: true,
    })

    llm.enqueue(reply.text('Of course, go ahead.'))
    const turn = await client.next('turn', { where: (turn) => turn.message.content.startsWith('Sorry') })
    expect(turn.message.content).toBe('Sorry, can I add one thing?')
    const messages = await services.prisma.interviewMessage.findMany({
      where: { interviewId: interview.id },
      orderBy: { createdAt: 'asc' },
    })
    const interrupted = messages.find((message) => message.isInterrupted)
    expect(interrupted).toBeDefined()
    expect(long.startsWith(interrupted!.content)).toBe(true)
    expect(interrupted!.content.length).toBeLessThan(long.length)
    const incidents = await services.prisma.voiceIncident.findMany({ where: { interviewId: interview.id } })
    expect(incidents).toEqual([expect.objectContaining({ kind: 'talk_over', messageId: interrupted!.id })])
  })
})

describe('recovery', () => {
  it('loses no words when the speech-to-text socket drops mid-turn', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    llm.enqueue(reply.text('Tell me more.'))
    // Two words become final, two more are only heard in part when the socket goes; the new stream
    // hears the rest from the audio sent again.
    stt.say('I moved the queue', { finalizeEveryWords: 2, dropAfterWords: 3, pauseAfterMs: 0 })
    stt.say('the queue to Postgres.')
    const answer = await client.next('turn', { where: (turn) => turn.role === 'candidate' })
    expect(answer.message.content).toBe('I moved the queue to Postgres.')
    expect(stt.connections.length).toBeGreaterThanOrEqual(2)
    expect((await stt.connections[0]!.closed).initiatedBy).toBe('server')
    expect(stt.connections[1]!.receivedAudioBytes).toBeGreaterThan(0)
    expect(client.messages('error')).toEqual([])
  })

  it('relays every microphone frame in order, those read together in one message, with a Finalize behind them', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    client.stopAudio()
    const connection = await stt.connection(0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const before = { bytes: connection.receivedAudioBytes, frames: connection.audioFrames.length }
    // Ten frames and a mute in one TCP write, as a page catching up after a stall sends them: the
    // server reads them in one go.
    const frames = Array.from({ length: 10 }, (_, index) => Buffer.alloc(640, index + 1))
    const tcp = (client.socket as unknown as { _socket: TcpSocket })._socket
    tcp.cork()
    for (const frame of frames) client.sendRaw(frame)
    client.send({ type: 'mute' })
    tcp.uncork()
    await expect.poll(() => connection.controls.some((control) => control.type === 'Finalize')).toBe(true)
    expect(connection.audio.subarray(before.bytes)).toEqual(Buffer.concat(frames))
    expect(connection.audioFrames.slice(before.frames)).toEqual([6400])
    const finalizeAt = connection.controls.findIndex((control) => control.type === 'Finalize')
    expect(connection.controlsAtAudioBytes[finalizeAt]).toBe(before.bytes + 6400)
  })

  it('keeps a silent stream alive', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    client.stopAudio()
    client.send({ type: 'mute' })
    const connection = await stt.connection(0)
    await expect
      .poll(() => connection.controls.filter((control) => control.type === 'KeepAlive').length, {
        timeout: 5000,
      })
      .toBeGreaterThan(0)
  })

  it('falls over to Deepgram when Cartesia is down, and to text when both are', async () => {
    // Its own pair: the fallback remembers a failed primary for a while, which later tests must not inherit.
    const shared = services.textToSpeech
    const pair = createSpeechPair()
    services.textToSpeech = pair
    onTestFinished(async () => {
      services.textToSpeech = shared
      await pair.close()
    })
    const { link } = await newVoiceInterview({ questions: ['First?', 'Second?', 'Third?'] })
    const client = await startVoice(link.token)
    cartesia.failNextContexts(100, {
      status_code: 503,
      error_code: 'service_unavailable',
      title: 'Service Unavailable',
      message: 'Try again later',
    })
    const before = client.audioBytes
    llm.enqueue(reply.text('Thanks. Why that design?'))
    const first = await speak(client, 'We used a ledger.')
    expect(first.reply.content).toBe('Thanks. Why that design?')
    expect(client.audioBytes).toBeGreaterThan(before)
    expect(deepgramTts.requests.length + deepgramTts.sockets.length).toBeGreaterThan(0)
    expect(client.messages('text_reply')).toEqual([])

    deepgramTts.failNext(...Array.from({ length: 20 }, () => ({ kind: 'status' as const, status: 503 })))
    llm.enqueue(reply.text('I see. What would you change?'))
    const second = await speak(client, 'Simplicity.')
    expect(second.reply.content).toBe('I see. What would you change?')
    expect(
      client
        .messages('text_reply')
        .map((message) => message.text)
        .join(' '),
    ).toBe('I see. What would you change?')
  })

  it('apologises aloud and tries again when the model fails', async () => {
    const { link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    llm.enqueue(reply.serverError(500), reply.text('Could you say more?'))
    const { reply: stored } = await speak(client, 'It was fine.')
    expect(stored.content).toBe('Could you say more?')
    expect(
      cartesia.inputs().some((input) => String(input.transcript).startsWith('Sorry, I lost my train')),
    ).toBe(true)
    expect(llm.chatRequests()).toHaveLength(2)
  })

  it('ends the session on the server when the time is up', async () => {
    const { interview, link } = await newVoiceInterview({ timeLimitMinutes: 5 })
    expect(
      (await candidate(link.token, '/consent', { json: { aiInterview: true, recording: false } })).status,
    ).toBe(200)
    expect((await candidate(link.token, '/start', { method: 'POST' })).status).toBe(200)
    await services.prisma.interview.update({
      where: { id: interview.id },
      data: { startedAt: new Date(Date.now() - 5 * 60_000 + 2_000) },
    })
    const { url } = await ticketFor(link.token)
    const client = await connect(url)
    await client.next('ready')
    client.startAudio()
    client.send({ type: 'start' })
    expect(await client.next('ended', { timeoutMs: 10_000 })).toEqual({ type: 'ended', reason: 'time_limit' })
    const stored = await services.prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })
    expect(stored).toMatchObject({ status: 'COMPLETED', endReason: 'time_limit' })
  })

  it('lets a newer session replace one still open for the same interview', async () => {
    const { link } = await newVoiceInterview()
    const first = await startVoice(link.token)
    const { url } = await ticketFor(link.token)
    const second = await connect(url)
    await second.next('ready')
    second.startAudio()
    second.send({ type: 'resume' })
    expect(await first.next('ended')).toEqual({ type: 'ended', reason: 'replaced' })
    expect((await waitForClose(first)).code).toBe(4409)
    second.send({ type: 'ping', id: 'still-here', sentAt: 0 })
    expect(await second.next('pong')).toMatchObject({ id: 'still-here' })
  })

  it('resumes the same interview after a reconnect with a new ticket', async () => {
    const { interview, link } = await newVoiceInterview({ questions: ['First?', 'Second?'] })
    const first = await startVoice(link.token)
    llm.enqueue(reply.text('Go on.'))
    await speak(first, 'Part one.')
    first.close()
    await waitForClose(first)
    const { url } = await ticketFor(link.token)
    const second = await connect(url)
    const ready = await second.next('ready')
    expect(ready).toMatchObject({ status: 'IN_PROGRESS', messageCount: 3 })
    second.startAudio()
    second.send({ type: 'resume' })
    llm.enqueue(reply.text('Thank you.'))
    const { answer } = await speak(second, 'Part two.')
    expect(answer.content).toBe('Part two.')
    const count = await services.prisma.interviewMessage.count({ where: { interviewId: interview.id } })
    expect(count).toBe(5)
  })
})

describe('tickets', () => {
  async function expectRefused(url: string, code: number, message: RegExp) {
    const client = await connect(url)
    const error = await client.next('error')
    expect(error.error.message).toMatch(message)
    expect((await waitForClose(client)).code).toBe(code)
  }

  it('refuse expired, reused, wrong-interview and wrong-audience tickets', async () => {
    const mine = await newVoiceInterview()
    const theirs = await newVoiceInterview()
    const { url } = await ticketFor(mine.link.token)
    const used = await connect(url)
    await used.next('ready')
    await expectRefused(url, 4401, /already been used/)

    const actor = {
      kind: 'link' as const,
      linkId: mine.link.id,
      interview: { ...mine.interview, status: 'PENDING' as const, type: 'VOICE' as const },
    }
    const expired = await issueVoiceTicket(services, actor, { now: new Date(Date.now() - 5 * 60_000) })
    await expectRefused(expired.url, 4401, /expired/)

    const other = await ticketFor(theirs.link.token)
    await expectRefused(other.url.replace(theirs.interview.id, mine.interview.id), 4403, /another interview/)

    const foreign = await new SignJWT({ lid: mine.link.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(services.config.API_URL)
      .setAudience(`${VOICE_TICKET_AUDIENCE}:other`)
      .setSubject(mine.interview.id)
      .setJti('x')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(voiceTicketKey(services.config))
    await expectRefused(
      `/api/candidate/interview/voice?interviewId=${mine.interview.id}&ticket=${foreign}`,
      4401,
      /not valid/,
    )
    await expectRefused(`/api/candidate/interview/voice?interviewId=${mine.interview.id}`, 4401, /ticket/)
    const plain = await fetch(`${server.url}${url}`)
    expect(plain.status).toBe(400)
  })

  it('closes the socket within a second of the link being revoked', async () => {
    const { link, interview, recruiter } = await newVoiceInterview()
    const client = await startVoice(link.token)
    await revokeInterviewLink(
      services,
      { kind: 'user', userId: recruiter.id, role: 'RECRUITER', signInSessionId: 'test' },
      { interviewId: interview.id, linkId: link.id },
    )
    const closed = await waitForClose(client, 1000)
    expect(closed.code).toBe(4401)
    expect(client.messages('ended')).toEqual([{ type: 'ended', reason: 'link_revoked' }])
  })
})

describe('ending elsewhere', () => {
  it('closes the voice socket when the candidate ends the interview from another tab', async () => {
    const { interview, link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    const ended = await candidate(link.token, '/end', { json: { reason: 'Done for today' } })
    expect(ended.status, ended.text).toBe(200)
    expect(await client.next('ended')).toEqual({ type: 'ended', reason: 'candidate_ended' })
    expect((await waitForClose(client)).code).toBe(1000)
    const stored = await services.prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })
    expect(stored.endReason).toBe('candidate_ended')
  })
})

describe('switching to text', () => {
  it('ends the voice session and the text endpoints finish the same interview, with one transcript and a sound evidence log', async () => {
    const { interview, link } = await newVoiceInterview()
    const client = await startVoice(link.token)
    llm.enqueue(reply.text('Which part was hardest?'))
    await speak(client, 'I wrote the billing service.')
    client.send({ type: 'switch_to_text' })
    expect(await client.next('ended')).toEqual({ type: 'ended', reason: 'switched_to_text' })
    expect((await waitForClose(client)).code).toBe(1000)

    llm.enqueue(reply.text('Thank you, that is all. The team will be in touch.'))
    const typed = await candidate(link.token, '/messages', {
      json: { id: crypto.randomUUID(), content: 'The reconciliation jobs.' },
    })
    expect(typed.status, typed.text).toBe(200)
    expect(typed.text).toContain('"interviewStatus":"COMPLETED"')
    const transcript = await candidate(link.token, '/messages')
    expect(transcript.body.messages.map((message: { role: string }) => message.role)).toEqual([
      'interviewer',
      'candidate',
      'interviewer',
      'candidate',
      'interviewer',
    ])
    const chain = await verifyInterviewEvidence(services, { interviewId: interview.id })
    expect(chain.valid).toBe(true)
    const voiceRecords = await services.prisma.interviewEvidence.findMany({
      where: { interviewId: interview.id, kind: 'voice' },
      orderBy: { sequence: 'asc' },
      select: { payload: true },
    })
    expect(voiceRecords.map((record) => (record.payload as { event: string }).event)).toEqual([
      'session_started',
      'switched_to_text',
    ])
  })
})

describe("the interviewer's view of the transcript", () => {
  it('asks the model with the spoken answer before it is read back, and rereads the transcript after a typed answer from another tab', async () => {
    const { link } = await newVoiceInterview({ questions: ['Tell me about a system you built.', 'Why us?'] })
    const client = await startVoice(link.token)
    llm.enqueue(reply.text('Which part was hardest?'))
    const first = await speak(client, 'I wrote the billing service.')
    expect(first.reply.content).toBe('Which part was hardest?')
    const lastHistory = () =>
      (llm.chatRequests().at(-1)?.body?.messages ?? []) as { role: string; content: string }[]
    expect(lastHistory().at(-1)).toEqual({
      role: 'user',
      content: expect.stringContaining('I wrote the billing service.'),
    })

    // A second tab answers in text while the voice socket stays open.
    llm.enqueue(reply.text('And how did you test it?'))
    const typed = await candidate(link.token, '/messages', {
      json: { id: crypto.randomUUID(), content: 'The reconciliation jobs, typed.' },
    })
    expect(typed.status, typed.text).toBe(200)

    llm.enqueue(reply.text('Why do you want to join us?'), reply.text('Why do you want to join us?'))
    const second = await speak(client, 'With replayed production traffic.')
    expect(second.reply.content).toBe('Why do you want to join us?')
    const history = lastHistory().map((message) => message.content)
    expect(history.slice(-3)).toEqual([
      expect.stringContaining('The reconciliation jobs, typed.'),
      'And how did you test it?',
      expect.stringContaining('With replayed production traffic.'),
    ])
    const transcript = await candidate(link.token, '/messages')
    expect(transcript.body.messages.map((message: { content: string }) => message.content)).toEqual([
      expect.any(String),
      'I wrote the billing service.',
      'Which part was hardest?',
      'The reconciliation jobs, typed.',
      'And how did you test it?',
      'With replayed production traffic.',
      'Why do you want to join us?',
    ])
  })
})

describe('shutdown', () => {
  it('ends open sessions so the page reconnects elsewhere, and stores their end before the instance stops', async () => {
    // A second instance on the same database and Redis, stopped as a deploy stops one.
    const leaving = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
    onTestFinished(() => {
      services.lifecycle.isShuttingDown = false
    })
    const { interview, link } = await newVoiceInterview()
    const client = await startVoice(link.token, leaving.url)
    expect(services.lifecycle.voiceSessions.size).toBe(1)

    await leaving.close()
    // Everything the session stores is stored by the time the instance has stopped.
    const voiceRecords = await services.prisma.interviewEvidence.findMany({
      where: { interviewId: interview.id, kind: 'voice' },
      orderBy: { sequence: 'asc' },
      select: { payload: true },
    })
    expect(voiceRecords.map((record) => record.payload)).toEqual([
      expect.objectContaining({ event: 'session_started' }),
      expect.objectContaining({ event: 'session_ended', reason: 'server_shutdown' }),
    ])
    expect(services.lifecycle.voiceSessions.size).toBe(0)
    expect(await client.next('ended')).toEqual({ type: 'ended', reason: 'server_shutdown' })
    expect((await waitForClose(client)).code).toBe(1001)
    const { status } = await services.prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })
    expect(status).toBe('IN_PROGRESS')
  })
})

describe('without speech services', () => {
  it('says voice is not configured and offers text', async () => {
    const plain = createTestServices()
    try {
      const { app } = createApp(plain)
      const { link } = await newVoiceInterview()
      const headers = { 'x-interview-token': link.token, origin: APP_ORIGIN }
      const interview = await app.request('/api/candidate/interview', { headers })
      expect(((await interview.json()) as any).interview.voice).toEqual({ available: false })
      const ticket = await app.request('/api/candidate/interview/voice-ticket', { method: 'POST', headers })
      const body = (await ticket.json()) as any
      expect(ticket.status).toBe(409)
      expect(body.error).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'voice_not_configured', alternative: 'text' },
      })
    } finally {
      await plain.close()
    }
  })
})
