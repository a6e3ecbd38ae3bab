import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { FAKE_DEEPGRAM_API_KEY } from './deepgram-stt-server.js'
import { createLocalServer, listenLocally, localBaseUrl } from './local-server.js'
import { chunksOf, sleep, syntheticSpeech, wavHeader } from './synthetic-speech.js'

/**
 * Deepgram's text-to-speech (reference/providers.md §2) on 127.0.0.1: streaming REST
 * `POST /v1/speak` and the `/v1/speak` WebSocket (Speak, Flush → binary audio + Flushed, Clear →
 * Cleared, Close; Metadata on open; a Warning past 20 flushes a minute). Audio is `syntheticSpeech`
 * of the text. Tests set knobs for latency and failures and read back what it received.
 */

/** One Deepgram key serves listening and speaking (DEEPGRAM_API_KEY), so the fakes share it. */
export const FAKE_DEEPGRAM_TTS_API_KEY = FAKE_DEEPGRAM_API_KEY
export const DEEPGRAM_VOICES = [
  'aura-2-thalia-en',
  'aura-2-helena-en',
  'aura-2-andromeda-en',
  'aura-asteria-en',
]
const SAMPLE_RATES = [8000, 16000, 24000, 32000, 48000]
const FLUSHES_PER_MINUTE = 20

export type FakeDeepgramTtsOptions = {
  /** Before the first audio byte (REST) or frame (WebSocket). */
  firstByteDelayMs: number
  chunkDelayMs: number
  chunkMs: number
  /** Writes odd-sized pieces, splitting samples across reads, as TCP may. */
  splitSamples: boolean
}

const DEFAULT_OPTIONS: FakeDeepgramTtsOptions = {
  firstByteDelayMs: 0,
  chunkDelayMs: 0,
  chunkMs: 100,
  splitSamples: false,
}

export type FakeFailure =
  | { kind: 'status'; status: number; errCode?: string; errMsg?: string }
  /** Sends this many audio chunks, then cuts the connection. */
  | { kind: 'drop'; afterChunks: number }
  /** Answers nothing at all. */
  | { kind: 'hang' }

export type SpeakRequest = {
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Record<string, unknown> | undefined
  /** Settles when the response is over, finished or abandoned. */
  closed: Promise<void>
  wasAbortedByClient: boolean
  /** `performance.now()` when the request arrived and when its first audio (after the WAV header) was written. */
  timing: { receivedAt: number; firstAudioAt?: number }
}

export class FakeDeepgramTtsServer {
  readonly options: FakeDeepgramTtsOptions
  readonly requests: SpeakRequest[] = []
  readonly sockets: FakeSpeakSocket[] = []
  private readonly failures: FakeFailure[] = []
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('token') ? 'token' : false),
  })

  private constructor(
    private readonly server: Server,
    options: Partial<FakeDeepgramTtsOptions>,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options }
    server.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head))
  }

  static async start(options: Partial<FakeDeepgramTtsOptions> = {}): Promise<FakeDeepgramTtsServer> {
    let fake: FakeDeepgramTtsServer | undefined
    const server = createLocalServer((request, response) => fake?.handle(request, response))
    fake = new FakeDeepgramTtsServer(server, options)
    await listenLocally(server)
    return fake
  }

  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** The next requests (REST) or sockets (WebSocket, `status` only) fail as told, in order. */
  failNext(...failures: FakeFailure[]) {
    this.failures.push(...failures)
  }

  reset() {
    for (const socket of this.sockets) socket.terminate()
    this.requests.length = 0
    this.sockets.length = 0
    this.failures.length = 0
    Object.assign(this.options, DEFAULT_OPTIONS)
  }

  async stop() {
    for (const socket of this.sockets) socket.terminate()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake')
    const raw = await readBody(request)
    let body: Record<string, unknown> | undefined
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      body = undefined
    }
    const received: SpeakRequest = {
      query: url.searchParams,
      headers: request.headers,
      body,
      closed: new Promise((resolve) => response.once('close', resolve)),
      wasAbortedByClient: false,
      timing: { receivedAt: performance.now() },
    }
    response.once('close', () => {
      received.wasAbortedByClient = !response.writableFinished
    })
    this.requests.push(received)
    const requestId = randomUUID()
    response.setHeader('dg-request-id', requestId)
    const fail = (status: number, errCode: string, errMsg: string) =>
      writeJson(response, status, { err_code: errCode, err_msg: errMsg, request_id: requestId })

    if (request.method !== 'POST' || url.pathname !== '/v1/speak') return fail(404, 'NOT_FOUND', 'Not Found')
    if (presentedKey(request) !== FAKE_DEEPGRAM_TTS_API_KEY) {
      return fail(401, 'INVALID_AUTH', 'Invalid credentials.')
    }
    const problem = invalidQuery(url.searchParams)
    if (problem) return fail(400, 'INVALID_QUERY_PARAMETER', problem)
    if (!body || typeof body.text !== 'string' || body.text.trim() === '') {
      return fail(400, 'INVALID_INPUT', 'Input text must not be empty.')
    }
    const failure = this.failures.shift()
    if (failure?.kind === 'hang') return
    if (failure?.kind === 'status') {
      return fail(failure.status, failure.errCode ?? 'ERROR', failure.errMsg ?? 'Failed by the test')
    }

    const sampleRate = Number(url.searchParams.get('sample_rate') ?? '24000')
    const container = url.searchParams.get('container') ?? 'wav'
    const audio = syntheticSpeech(body.text, sampleRate)
    response.writeHead(200, {
      'content-type': container === 'wav' ? 'audio/wav' : 'audio/l16',
      'dg-model-name': url.searchParams.get('model') ?? 'aura-asteria-en',
      'dg-char-count': String(body.text.length),
    })
    response.flushHeaders()
    // linear16 without `container=none` comes inside a WAV header.
    if (container === 'wav') response.write(wavHeader(sampleRate, audio.length))
    await sleep(this.options.firstByteDelayMs)
    const chunks = this.pieces(audio, sampleRate)
    for (const [index, chunk] of chunks.entries()) {
      if (response.destroyed) return
      if (failure?.kind === 'drop' && index >= failure.afterChunks) {
        // As a connection lost mid-reply: no chunked-encoding end. `end()` on the socket first sends
        // what was written; `destroy()` alone would discard it.
        response.socket?.end()
        return
      }
      if (index > 0 && this.options.chunkDelayMs) await sleep(this.options.chunkDelayMs)
      received.timing.firstAudioAt ??= performance.now()
      response.write(chunk)
    }
    response.end()
  }

  pieces(audio: Buffer, sampleRate: number): Buffer[] {
    const chunks = chunksOf(audio, sampleRate, this.options.chunkMs)
    if (!this.options.splitSamples) return chunks
    // Odd-sized pieces: each one ends in the middle of a sample.
    return chunks
      .flatMap((chunk) => [chunk.subarray(0, 3), chunk.subarray(3)])
      .filter((piece) => piece.length > 0)
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? '/', 'http://fake')
    const requestId = randomUUID()
    const refuse = (status: number, message: string) => {
      const body = JSON.stringify({ err_code: String(status), err_msg: message, request_id: requestId })
      socket.end(
        `HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\ndg-request-id: ${requestId}\r\ndg-error: ${message}\r\nconnection: close\r\n\r\n${body}`,
      )
    }
    if (url.pathname !== '/v1/speak') return refuse(404, 'Not Found')
    if (presentedKey(request) !== FAKE_DEEPGRAM_TTS_API_KEY) return refuse(401, 'Invalid credentials.')
    const problem = invalidQuery(url.searchParams)
    if (problem) return refuse(400, problem)
    const failure = this.failures.shift()
    if (failure?.kind === 'status') return refuse(failure.status, failure.errMsg ?? 'Failed by the test')
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.sockets.push(new FakeSpeakSocket(this, ws, url.searchParams, request.headers, requestId))
    })
  }
}

/** One `/v1/speak` WebSocket: text buffered by Speak, spoken at Flush, dropped at Clear. */
export class FakeSpeakSocket {
  /** Every JSON message received. */
  readonly received: Record<string, unknown>[] = []
  /** Every JSON message sent (audio frames counted in `audioFrames`). */
  readonly sent: Record<string, unknown>[] = []
  audioFrames = 0
  readonly closed: Promise<{ code: number; reason: string }>
  private buffered = ''
  private sequenceId = 0
  private readonly flushTimes: number[] = []
  private generation = 0
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly server: FakeDeepgramTtsServer,
    private readonly ws: WebSocket,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    requestId: string,
  ) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    ws.on('error', () => undefined)
    ws.on('message', (data, isBinary) => this.receive(data.toString(), isBinary))
    this.send({
      type: 'Metadata',
      request_id: requestId,
      model_name: query.get('model') ?? 'aura-asteria-en',
      model_version: '2026-01-01.0',
      model_uuid: 'ecb76e9d-f2db-4127-8060-79b05590d22f',
    })
  }

  /** Cuts the socket mid-turn as Deepgram does on an internal failure (1011), or with a TCP reset. */
  drop(how: { code: number; reason: string } | 'abrupt' = { code: 1011, reason: 'NET-0002' }) {
    if (how === 'abrupt') this.ws.terminate()
    else this.ws.close(how.code, how.reason)
  }

  terminate() {
    this.ws.terminate()
  }

  private receive(text: string, isBinary: boolean) {
    if (isBinary) return this.ws.close(1003, 'MESSAGE-0000')
    let message: Record<string, unknown>
    try {
      message = JSON.parse(text) as Record<string, unknown>
    } catch {
      return this.ws.close(1003, 'MESSAGE-0000')
    }
    this.received.push(message)
    switch (message.type) {
      case 'Speak':
        if (typeof message.text !== 'string') return this.ws.close(1003, 'MESSAGE-0000')
        this.buffered += message.text
        return
      case 'Flush': {
        const now = Date.now()
        while (this.flushTimes.length > 0 && now - (this.flushTimes[0] as number) > 60_000)
          this.flushTimes.shift()
        if (this.flushTimes.length >= FLUSHES_PER_MINUTE) {
          this.send({
            type: 'Warning',
            description: 'Flush rate limit exceeded; flush ignored',
            code: 'FLUSH_LIMIT',
          })
          return
        }
        this.flushTimes.push(now)
        this.speak()
        return
      }
      case 'Clear':
        this.generation++
        this.buffered = ''
        this.queue = this.queue.then(() => this.send({ type: 'Cleared', sequence_id: this.sequenceId }))
        return
      case 'Close':
        this.ws.close(1000)
        return
      default:
        this.ws.close(1003, 'MESSAGE-0000')
    }
  }

  private speak() {
    const text = this.buffered
    this.buffered = ''
    const generation = this.generation
    const sequenceId = ++this.sequenceId
    const sampleRate = Number(this.query.get('sample_rate') ?? '24000')
    const options = this.server.options
    this.queue = this.queue.then(async () => {
      if (text !== '') {
        const audio = syntheticSpeech(text, sampleRate)
        // At least two frames per flush, as Deepgram streams it.
        const chunkMs = Math.min(options.chunkMs, (audio.length / 2 / sampleRate) * 500)
        for (const [index, chunk] of chunksOf(audio, sampleRate, chunkMs).entries()) {
          await sleep(index === 0 ? options.firstByteDelayMs : options.chunkDelayMs)
          if (generation !== this.generation || this.ws.readyState !== this.ws.OPEN) return
          this.ws.send(chunk, { binary: true })
          this.audioFrames++
        }
      }
      if (generation === this.generation) this.send({ type: 'Flushed', sequence_id: sequenceId })
    })
  }

  private send(message: Record<string, unknown>) {
    if (this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(JSON.stringify(message))
    this.sent.push(message)
  }
}

function presentedKey(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization
  if (authorization?.toLowerCase().startsWith('token ')) return authorization.slice(6)
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim())
  const index = protocols.indexOf('token')
  return index >= 0 ? protocols[index + 1] : undefined
}

function invalidQuery(query: URLSearchParams): string | undefined {
  const model = query.get('model')
  if (model !== null && !DEEPGRAM_VOICES.includes(model)) return `Unknown model ${model}`
  const encoding = query.get('encoding') ?? 'mp3'
  if (encoding !== 'linear16') return 'The fake speaks encoding=linear16 only'
  const sampleRate = query.get('sample_rate')
  if (sampleRate !== null && !SAMPLE_RATES.includes(Number(sampleRate))) {
    return `Unsupported sample_rate ${sampleRate} for linear16`
  }
  const container = query.get('container')
  if (container !== null && !['none', 'wav'].includes(container)) return `Unsupported container ${container}`
  return undefined
}

function writeJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}
