import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import { listenLocally, localBaseUrl } from './local-server.js'
import { wavHeader } from './synthetic-speech.js'

/**
 * Deepgram's live speech-to-text WebSocket (`/v1/listen`, reference/providers.md §1) on
 * 127.0.0.1. The audio a client streams is its clock: the fake "hears" what the test scripted
 * (`say`) as that audio goes by, or, in `energy` detection, hears speech wherever the PCM is loud
 * (a browser's fake microphone) and uses the scripted texts as its words. It answers as Deepgram
 * does: SpeechStarted, interim and final Results with word timings, `speech_final` after the
 * endpointing silence, UtteranceEnd after `utterance_end_ms`, Finalize, CloseStream → Metadata →
 * 1000, 1011 NET-0001 after the idle timeout. It records what it received.
 */

export const FAKE_DEEPGRAM_API_KEY = 'dg_fake_test_key_0123456789'

export type Detection = 'script' | 'energy'

export type SayOptions = {
  /** Silence (audio time) after the last word before the next scripted utterance may start. Default 1000. */
  pauseAfterMs?: number
  /** Audio time each word takes. Default: the server's `wordMs`. */
  wordMs?: number
  /** Silence before the first word, counted from the audio that follows the utterance's turn. */
  leadingSilenceMs?: number
  /** Sends a final result (`is_final`, not `speech_final`) after every this many words, as Deepgram does in long speech. */
  finalizeEveryWords?: number
  /** Cuts the connection once this many of the utterance's words were heard (their partial sent). */
  dropAfterWords?: number
  /** How: a close frame (default 1011 NET-0000) or `abrupt` (TCP reset, the client sees 1006). */
  drop?: DropHow
}

export type DropHow = { code?: number; reason?: string } | 'abrupt'

export type FakeSttOptions = {
  detection: Detection
  /** Deepgram closes 1011 NET-0001 after ~10 s without audio or KeepAlive. */
  idleTimeoutMs: number
  /** Holds every Results/SpeechStarted/UtteranceEnd this long (order kept). */
  resultDelayMs: number
  /** During silence Deepgram keeps finalizing empty stretches; 0 turns that off. */
  emptyFinalEveryMs: number
  /** Energy detection: a 10 ms window whose RMS exceeds this (of 32768) counts as speech. */
  energyThreshold: number
  wordMs: number
  /** Energy detection: what is heard when nothing was scripted. */
  defaultTranscript: string
  /** Delays the handshake answer (connect-timeout tests). */
  handshakeDelayMs: number
}

const DEFAULT_OPTIONS: FakeSttOptions = {
  detection: 'script',
  idleTimeoutMs: 10_000,
  resultDelayMs: 0,
  emptyFinalEveryMs: 3_000,
  energyThreshold: 500,
  wordMs: 300,
  defaultTranscript: 'This is my answer.',
  handshakeDelayMs: 0,
}

const STEP_MS = 10

type Utterance = { text: string; options: SayOptions }

export type UpgradeAttempt = {
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** The key the client presented, by header or subprotocol. */
  apiKey: string | undefined
  /** The HTTP status it was refused with; undefined when the socket opened. */
  refusedWith: number | undefined
}

type Refusal = { status: number; error: string }

const REQUEST_IDS = new WeakMap<IncomingMessage, string>()

export class FakeDeepgramSttServer {
  readonly options: FakeSttOptions
  readonly connections: FakeSttConnection[] = []
  readonly attempts: UpgradeAttempt[] = []
  readonly script: Utterance[] = []
  private readonly refusals: Refusal[] = []
  private readonly connectionWaiters: { index: number; resolve: (connection: FakeSttConnection) => void }[] =
    []
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Deepgram's browser auth offers ["token", key]; a server must select one or strict clients fail.
    handleProtocols: (protocols) =>
      protocols.has('token') ? 'token' : protocols.has('bearer') ? 'bearer' : false,
  })

  private constructor(
    private readonly server: Server,
    options: Partial<FakeSttOptions>,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options }
    this.wss.on('headers', (headers, request) => {
      const requestId = REQUEST_IDS.get(request)
      if (requestId) headers.push(`dg-request-id: ${requestId}`)
    })
    server.on('upgrade', (request, socket, head) => {
      this.upgrade(request, socket, head).catch(() => socket.destroy())
    })
  }

  static async start(options: Partial<FakeSttOptions> = {}): Promise<FakeDeepgramSttServer> {
    const server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ err_code: 'Bad Request', err_msg: 'Use a WebSocket for /v1/listen' }))
    })
    const fake = new FakeDeepgramSttServer(server, options)
    await listenLocally(server)
    return fake
  }

  /** What DEEPGRAM_BASE_URL should be (the client turns http into ws). */
  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** Scripts the next thing the "speaker" says; heard as audio arrives on whichever stream is open. */
  say(text: string, options: SayOptions = {}) {
    this.script.push({ text, options })
  }

  /** Refuses the next `count` upgrades with `status` (429 is Deepgram's concurrency limit). */
  refuseNext(count: number, status = 429, error = 'Too many requests') {
    for (let index = 0; index < count; index++) this.refusals.push({ status, error })
  }

  /** Resolves with the `index`-th connection (0-based), now or when it opens. */
  connection(index = this.connections.length): Promise<FakeSttConnection> {
    const existing = this.connections[index]
    if (existing) return Promise.resolve(existing)
    return new Promise((resolve) => this.connectionWaiters.push({ index, resolve }))
  }

  dropAll(how: DropHow = {}) {
    for (const connection of this.connections) connection.drop(how)
  }

  reset() {
    for (const connection of this.connections) connection.drop('abrupt')
    this.connections.length = 0
    this.attempts.length = 0
    this.script.length = 0
    this.refusals.length = 0
    Object.assign(this.options, DEFAULT_OPTIONS)
  }

  async stop() {
    for (const connection of this.connections) connection.drop('abrupt')
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  /** The next scripted utterance, for a connection's turn. */
  takeUtterance(): Utterance | undefined {
    return this.script.shift()
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? '/', 'http://fake')
    const apiKey = presentedKey(request)
    const attempt: UpgradeAttempt = {
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      apiKey,
      refusedWith: undefined,
    }
    this.attempts.push(attempt)
    const requestId = randomUUID()
    const refuse = (status: number, error: string) => {
      attempt.refusedWith = status
      refuseUpgrade(socket, status, error, requestId)
    }
    if (this.options.handshakeDelayMs > 0) await sleep(this.options.handshakeDelayMs)
    if (url.pathname !== '/v1/listen') return refuse(404, 'Not Found')
    if (apiKey !== FAKE_DEEPGRAM_API_KEY) return refuse(401, 'Invalid credentials.')
    const refusal = this.refusals.shift()
    if (refusal) return refuse(refusal.status, refusal.error)
    const problem = unsupportedQuery(url.searchParams)
    if (problem) return refuse(400, problem)

    REQUEST_IDS.set(request, requestId)
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new FakeSttConnection(this, ws, attempt, requestId)
      this.connections.push(connection)
      const index = this.connections.length - 1
      for (const waiter of this.connectionWaiters.filter((candidate) => candidate.index === index)) {
        this.connectionWaiters.splice(this.connectionWaiters.indexOf(waiter), 1)
        waiter.resolve(connection)
      }
    })
  }
}

type HeardWord = { word: string; punctuated: string; start: number; end: number }
type ScheduledWord = HeardWord & { isHeard: boolean }

type ActiveUtterance = {
  words: ScheduledWord[]
  voicedFrom: number
  voicedUntil: number
  options: SayOptions
  heardCount: number
}

type EnergySegment = { tokens: string[]; startMs: number; voicedMs: number; revealed: number }

export type ReceivedControl = { type: string; [key: string]: unknown }

/** One client's stream: what it sent, what the fake answered, and the fake's hearing. */
export class FakeSttConnection {
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly protocol: string
  /** Every binary frame's length, in order. */
  readonly audioFrames: number[] = []
  private readonly audioChunks: Buffer[] = []
  readonly controls: ReceivedControl[] = []
  /** For each control message, the audio bytes received before it: where it fell in the stream. */
  readonly controlsAtAudioBytes: number[] = []
  /** Every JSON message sent to the client. */
  readonly sent: Record<string, unknown>[] = []
  /**
   * Each end of speech found by endpointing, in `performance.now()` time: when the last voiced audio
   * arrived and when the `speech_final` result went out (after `resultDelayMs`), for benches.
   */
  readonly endpoints: { lastVoicedAt: number; finalSentAt?: number }[] = []
  /** How the socket ended, and who started it. */
  readonly closed: Promise<{ code: number; reason: string; initiatedBy: 'client' | 'server' }>
  private audioBytes = 0
  private readonly sampleRate: number
  private readonly channels: number
  private readonly interimResults: boolean
  private readonly endpointingMs: number | undefined
  private readonly utteranceEndMs: number | undefined
  private readonly vadEvents: boolean
  private readonly punctuate: boolean
  private pendingBytes = Buffer.alloc(0)
  private nowMs = 0
  private pending: HeardWord[] = []
  private finalizedUntilMs = 0
  private isInSpeech = false
  private lastVoicedEndMs = 0
  private lastVoicedAt = 0
  private frameReceivedAt = 0
  private lastWordEndMs = 0
  private hasWordsSinceUtteranceEnd = false
  private active: ActiveUtterance | undefined
  private nextUtteranceAtMs = 0
  private segment: EnergySegment | undefined
  private outbox: Promise<void> = Promise.resolve()
  private isEnding = false
  private serverClosed = false
  private readonly idleTimer: NodeJS.Timeout
  private readonly messageWaiters: {
    predicate: (message: Record<string, unknown>) => boolean
    resolve: (message: Record<string, unknown>) => void
  }[] = []

  constructor(
    private readonly server: FakeDeepgramSttServer,
    private readonly ws: WebSocket,
    attempt: UpgradeAttempt,
    readonly requestId: string,
  ) {
    this.query = attempt.query
    this.headers = attempt.headers
    this.protocol = ws.protocol
    this.sampleRate = Number(this.query.get('sample_rate'))
    this.channels = Number(this.query.get('channels') ?? '1')
    this.interimResults = this.query.get('interim_results') === 'true'
    const endpointing = this.query.get('endpointing')
    // Deepgram's default is 10 ms; `false` turns endpointing off.
    this.endpointingMs = endpointing === 'false' ? undefined : Number(endpointing ?? '10')
    const utteranceEnd = this.query.get('utterance_end_ms')
    this.utteranceEndMs = utteranceEnd === null ? undefined : Number(utteranceEnd)
    this.vadEvents = this.query.get('vad_events') === 'true'
    this.punctuate = this.query.get('smart_format') === 'true' || this.query.get('punctuate') === 'true'
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        clearTimeout(this.idleTimer)
        resolve({ code, reason: reason.toString(), initiatedBy: this.serverClosed ? 'server' : 'client' })
      })
    })
    ws.on('error', () => undefined)
    this.idleTimer = setTimeout(() => this.closeWith(1011, 'NET-0001'), server.options.idleTimeoutMs)
    ws.on('message', (data, isBinary) => this.receive(data, isBinary))
  }

  /** Seconds of audio received (linear16: bytes / (2 × sample rate × channels)). */
  get audioSeconds(): number {
    return this.audioBytes / (2 * this.sampleRate * this.channels)
  }

  get receivedAudioBytes(): number {
    return this.audioBytes
  }

  /** All the audio received, in order. */
  get audio(): Buffer {
    return Buffer.concat(this.audioChunks)
  }

  /** Resolves with the first message sent to the client that matches, already sent or still to come. */
  waitForMessage(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const existing = this.sent.find(predicate)
    if (existing) return Promise.resolve(existing)
    return new Promise((resolve) => this.messageWaiters.push({ predicate, resolve }))
  }

  /** Cuts the connection now: a close frame (default 1011 NET-0000) or a TCP reset. */
  drop(how: DropHow = {}) {
    this.isEnding = true
    this.serverClosed = true
    clearTimeout(this.idleTimer)
    if (how === 'abrupt') {
      this.ws.terminate()
      return
    }
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(how.code ?? 1011, how.reason ?? 'NET-0000')
  }

  private receive(data: RawData, isBinary: boolean) {
    if (this.isEnding) return
    this.idleTimer.refresh()
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    if (!isBinary) return this.receiveControl(bytes.toString('utf8'))
    this.audioFrames.push(bytes.length)
    if (bytes.length === 0) {
      // Documented to end the stream; a client must never send one.
      return this.closeWith(1008, 'DATA-0000')
    }
    this.audioBytes += bytes.length
    this.frameReceivedAt = performance.now()
    this.audioChunks.push(bytes)
    this.pendingBytes = Buffer.concat([this.pendingBytes, bytes])
    const windowBytes = Math.round((this.sampleRate * STEP_MS) / 1000) * 2 * this.channels
    while (this.pendingBytes.length >= windowBytes && !this.isEnding) {
      const window = this.pendingBytes.subarray(0, windowBytes)
      this.pendingBytes = this.pendingBytes.subarray(windowBytes)
      this.step(window)
    }
  }

  private receiveControl(text: string) {
    let message: ReceivedControl
    try {
      message = JSON.parse(text) as ReceivedControl
    } catch {
      return this.closeWith(1008, 'DATA-0000')
    }
    this.controls.push(message)
    this.controlsAtAudioBytes.push(this.audioBytes)
    switch (message.type) {
      case 'KeepAlive':
        return
      case 'Finalize':
        this.sendFinal({ speechFinal: false, fromFinalize: true })
        return
      case 'CloseStream':
        this.isEnding = true
        if (this.pending.length > 0) this.sendFinal({ speechFinal: true })
        this.send({
          type: 'Metadata',
          transaction_key: 'deprecated',
          request_id: this.requestId,
          sha256: createHash('sha256').update(String(this.audioBytes)).digest('hex'),
          created: new Date().toISOString(),
          duration: this.audioSeconds,
          channels: this.channels,
        })
        this.outbox = this.outbox.then(() => this.closeWith(1000, ''))
        return
      default:
        this.closeWith(1008, 'DATA-0000')
    }
  }

  /** Advances the fake's hearing by one 10 ms window of audio. */
  private step(window: Buffer) {
    const startMs = this.nowMs
    const endMs = startMs + STEP_MS
    this.nowMs = endMs
    const isVoiced =
      this.server.options.detection === 'energy'
        ? this.hearByEnergy(window, startMs, endMs)
        : this.hearByScript(startMs, endMs)
    if (this.isEnding) return

    if (isVoiced) {
      if (!this.isInSpeech && this.vadEvents) {
        this.send({ type: 'SpeechStarted', channel: [0, 1], timestamp: round(startMs / 1000) })
      }
      this.isInSpeech = true
      this.lastVoicedEndMs = endMs
      this.lastVoicedAt = this.frameReceivedAt
    } else if (this.isInSpeech && endMs - this.lastVoicedEndMs >= (this.endpointingMs ?? 500)) {
      this.endSegment()
      this.isInSpeech = false
      if (this.endpointingMs !== undefined) {
        this.sendFinal({ speechFinal: true })
        const endpoint: (typeof this.endpoints)[number] = { lastVoicedAt: this.lastVoicedAt }
        this.endpoints.push(endpoint)
        this.outbox = this.outbox.then(() => {
          endpoint.finalSentAt = performance.now()
        })
      }
    }

    if (
      this.utteranceEndMs !== undefined &&
      this.interimResults &&
      this.hasWordsSinceUtteranceEnd &&
      !isVoiced &&
      endMs - this.lastWordEndMs >= this.utteranceEndMs
    ) {
      // Words still not final (endpointing off, or noise) are finalized first.
      if (this.pending.length > 0) this.sendFinal({ speechFinal: false })
      this.hasWordsSinceUtteranceEnd = false
      this.send({ type: 'UtteranceEnd', channel: [0, 1], last_word_end: round(this.lastWordEndMs / 1000) })
    }

    const emptyEvery = this.server.options.emptyFinalEveryMs
    if (
      emptyEvery > 0 &&
      !this.isInSpeech &&
      this.pending.length === 0 &&
      endMs - this.finalizedUntilMs >= emptyEvery
    ) {
      this.sendFinal({ speechFinal: false })
    }
  }

  private hearByScript(startMs: number, endMs: number): boolean {
    if (!this.active && startMs >= this.nextUtteranceAtMs) {
      const utterance = this.server.takeUtterance()
      if (utterance) this.active = this.schedule(utterance, startMs)
    }
    const active = this.active
    if (!active) return false
    const isVoiced = startMs >= active.voicedFrom && startMs < active.voicedUntil
    for (const word of active.words) {
      if (word.isHeard || word.end > endMs) continue
      word.isHeard = true
      active.heardCount++
      this.hear(word, active.options)
      if (this.isEnding) return isVoiced
      if (active.options.dropAfterWords !== undefined && active.heardCount >= active.options.dropAfterWords) {
        // The partial just sent goes out before the connection is cut.
        const how = active.options.drop ?? {}
        this.outbox = this.outbox.then(() => this.drop(how))
        this.isEnding = true
        return isVoiced
      }
    }
    if (active.heardCount === active.words.length && endMs >= active.voicedUntil) {
      this.nextUtteranceAtMs = active.voicedUntil + (active.options.pauseAfterMs ?? 1000)
      this.active = undefined
    }
    return isVoiced
  }

  private schedule(utterance: Utterance, atMs: number): ActiveUtterance {
    const wordMs = utterance.options.wordMs ?? this.server.options.wordMs
    const voicedFrom = atMs + (utterance.options.leadingSilenceMs ?? 0)
    const tokens = tokenize(utterance.text)
    const words = tokens.map((token, index) => ({
      ...wordOf(token),
      start: voicedFrom + index * wordMs,
      end: voicedFrom + (index + 1) * wordMs,
      isHeard: false,
    }))
    return {
      words,
      voicedFrom,
      voicedUntil: voicedFrom + tokens.length * wordMs,
      options: utterance.options,
      heardCount: 0,
    }
  }

  private hearByEnergy(window: Buffer, startMs: number, endMs: number): boolean {
    const isVoiced = rms(window) > this.server.options.energyThreshold
    if (!isVoiced) return false
    if (!this.segment) {
      const utterance = this.server.takeUtterance()
      this.segment = {
        tokens: tokenize(utterance?.text ?? this.server.options.defaultTranscript),
        startMs,
        voicedMs: 0,
        revealed: 0,
      }
    }
    const segment = this.segment
    segment.voicedMs += STEP_MS
    const wordMs = this.server.options.wordMs
    // One word per `wordMs` of speech, the last ones held back until the speaker stops.
    const target = Math.min(segment.tokens.length - 1, Math.floor(segment.voicedMs / wordMs))
    while (segment.revealed < target) this.revealEnergyWord(segment, endMs, wordMs)
    return true
  }

  private revealEnergyWord(segment: EnergySegment, endMs: number, wordMs: number) {
    const token = segment.tokens[segment.revealed] as string
    segment.revealed++
    const start = Math.max(this.lastWordEndMs, segment.startMs, endMs - wordMs)
    this.hear({ ...wordOf(token), start, end: Math.max(start, endMs) }, {})
  }

  private endSegment() {
    const segment = this.segment
    if (!segment) return
    this.segment = undefined
    while (segment.revealed < segment.tokens.length) {
      this.revealEnergyWord(segment, this.lastVoicedEndMs, this.server.options.wordMs)
    }
  }

  private hear(word: HeardWord, options: SayOptions) {
    this.pending.push({ word: word.word, punctuated: word.punctuated, start: word.start, end: word.end })
    this.lastWordEndMs = word.end
    this.hasWordsSinceUtteranceEnd = true
    if (options.finalizeEveryWords !== undefined && this.pending.length >= options.finalizeEveryWords) {
      this.sendFinal({ speechFinal: false })
      return
    }
    if (this.interimResults) this.sendResults({ isFinal: false, speechFinal: false })
  }

  private sendFinal(flags: { speechFinal: boolean; fromFinalize?: boolean }) {
    this.sendResults({ isFinal: true, ...flags })
    this.pending = []
    this.finalizedUntilMs = this.nowMs
  }

  private sendResults(flags: { isFinal: boolean; speechFinal: boolean; fromFinalize?: boolean }) {
    const words = this.pending.map((word) => ({
      word: word.word,
      start: round(word.start / 1000),
      end: round(word.end / 1000),
      confidence: 0.98,
      ...(this.punctuate ? { punctuated_word: word.punctuated } : {}),
    }))
    const transcript = this.pending.map((word) => (this.punctuate ? word.punctuated : word.word)).join(' ')
    this.send({
      type: 'Results',
      channel_index: [0, 1],
      duration: round((this.nowMs - this.finalizedUntilMs) / 1000),
      start: round(this.finalizedUntilMs / 1000),
      is_final: flags.isFinal,
      speech_final: flags.speechFinal,
      ...(flags.fromFinalize ? { from_finalize: true } : {}),
      channel: {
        alternatives: [{ transcript, confidence: words.length > 0 ? 0.98 : 0, words }],
      },
      metadata: {
        request_id: this.requestId,
        model_uuid: '1dbdfb4d-85b2-4659-9e4a-7e1f8a4b8b3c',
        model_info: { name: this.query.get('model') ?? 'general', version: '2026-01-01.0', arch: 'nova-3' },
      },
    })
  }

  private send(message: Record<string, unknown>) {
    const delayMs = message.type === 'Metadata' ? 0 : this.server.options.resultDelayMs
    this.outbox = this.outbox.then(async () => {
      if (delayMs > 0) await sleep(delayMs)
      if (this.ws.readyState !== this.ws.OPEN) return
      this.ws.send(JSON.stringify(message))
      this.sent.push(message)
      for (const waiter of this.messageWaiters.filter((candidate) => candidate.predicate(message))) {
        this.messageWaiters.splice(this.messageWaiters.indexOf(waiter), 1)
        waiter.resolve(message)
      }
    })
  }

  private closeWith(code: number, reason: string) {
    this.isEnding = true
    this.serverClosed = true
    clearTimeout(this.idleTimer)
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason)
  }
}

function presentedKey(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Token ')) return authorization.slice('Token '.length)
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim())
  const index = protocols.indexOf('token')
  return index >= 0 ? protocols[index + 1] : undefined
}

function unsupportedQuery(query: URLSearchParams): string | undefined {
  if (query.get('encoding') !== 'linear16') return 'The fake understands encoding=linear16 only'
  const sampleRate = Number(query.get('sample_rate'))
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 48000) {
    return 'sample_rate is required with encoding=linear16'
  }
  for (const name of ['endpointing', 'utterance_end_ms'] as const) {
    const value = query.get(name)
    if (value !== null && value !== 'false' && !/^\d+$/.test(value)) return `Invalid ${name}: ${value}`
  }
  return undefined
}

function refuseUpgrade(socket: Duplex, status: number, error: string, requestId: string) {
  const body = JSON.stringify({ err_code: statusText(status), err_msg: error, request_id: requestId })
  socket.end(
    [
      `HTTP/1.1 ${status} ${statusText(status)}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      `dg-request-id: ${requestId}`,
      `dg-error: ${error}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}

function statusText(status: number) {
  const texts: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    402: 'Payment Required',
    404: 'Not Found',
    429: 'Too Many Requests',
  }
  return texts[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error')
}

function tokenize(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

/** "Migration." → word "migration", punctuated "Migration." (Deepgram's two spellings). */
function wordOf(token: string): { word: string; punctuated: string } {
  return { word: token.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''), punctuated: token }
}

function rms(window: Buffer): number {
  let sum = 0
  const samples = Math.floor(window.length / 2)
  for (let index = 0; index < samples; index++) {
    const sample = window.readInt16LE(index * 2)
    sum += sample * sample
  }
  return samples === 0 ? 0 : Math.sqrt(sum / samples)
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms))
}

/** Linear16 silence lasting `ms` at `sampleRate`. */
export function silence(ms: number, sampleRate: number): Buffer {
  return Buffer.alloc(Math.round((sampleRate * ms) / 1000) * 2)
}

/** A loud 440 Hz tone lasting `ms`, which energy detection hears as speech. */
export function tone(ms: number, sampleRate: number, amplitude = 8000): Buffer {
  const samples = Math.round((sampleRate * ms) / 1000)
  const buffer = Buffer.alloc(samples * 2)
  for (let index = 0; index < samples; index++) {
    buffer.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * 440 * index) / sampleRate)), index * 2)
  }
  return buffer
}

/**
 * A WAV file for Chromium's `--use-file-for-fake-audio-capture=<file>` (it loops the file): loud
 * stretches (heard as speech in `energy` detection) and silent ones, at 48 kHz like a real microphone.
 */
export function microphoneWav(
  parts: ({ speechMs: number } | { silenceMs: number })[],
  sampleRate = 48_000,
): Buffer {
  const pcm = Buffer.concat(
    parts.map((part) =>
      'speechMs' in part ? tone(part.speechMs, sampleRate) : silence(part.silenceMs, sampleRate),
    ),
  )
  return Buffer.concat([wavHeader(sampleRate, pcm.length), pcm])
}
