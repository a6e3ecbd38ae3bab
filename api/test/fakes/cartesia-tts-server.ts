import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { createLocalServer, listenLocally, localBaseUrl } from './local-server.js'
import { chunksOf, sleep, syntheticSpeech, toFloat32, wavHeader } from './synthetic-speech.js'

/**
 * Cartesia's TTS (reference/providers.md §4) on 127.0.0.1: the `/tts/websocket` with contexts,
 * continuations, flushes, cancel and structured error events (audio as base64 inside JSON, never
 * binary frames), and the REST `/tts/bytes`. Audio is `syntheticSpeech` of each generated piece of
 * text. Tests set knobs for latency and failures and read back what it received.
 */

export const FAKE_CARTESIA_API_KEY = 'sk_car_fake_test_key'
/** Versions from this date get structured error events; older ones "Title: Message" text. */
export const STRUCTURED_ERRORS_SINCE = '2026-03-01'
export const CARTESIA_MODELS = [
  'sonic-3.5',
  'sonic-3',
  'sonic-3.5-2026-05-04',
  'sonic-3-2026-01-12',
  'sonic-latest',
]
export const SUNSET_MODELS = [
  'sonic',
  'sonic-english',
  'sonic-multilingual',
  'sonic-2-2025-03-07',
  'sonic-turbo-2025-03-07',
]
const SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000]
const ENCODINGS = ['pcm_s16le', 'pcm_f32le']

export type CartesiaErrorSpec = {
  status_code: number
  error_code: string | null
  title: string
  message: string
}

export type FakeCartesiaOptions = {
  /** Before a context's first chunk (time to first audio). */
  firstChunkDelayMs: number
  chunkDelayMs: number
  /** Audio per chunk. */
  chunkMs: number
  /** How many contexts may generate at once (Cartesia's plan limit); more → 429 concurrency_limited. */
  maxConcurrentContexts: number
  /** Contexts expire this long after their `done`; inputs after that are refused. */
  contextExpiryMs: number
  /** Cartesia closes idle sockets (integrators report ~5 min); 0 = never. */
  idleCloseMs: number
  /** Whether a cancelled context still gets `done` (unconfirmed at Cartesia; default no). */
  doneAfterCancel: boolean
  handshakeDelayMs: number
}

const DEFAULT_OPTIONS: FakeCartesiaOptions = {
  firstChunkDelayMs: 0,
  chunkDelayMs: 0,
  chunkMs: 100,
  maxConcurrentContexts: 15,
  contextExpiryMs: 1_000,
  idleCloseMs: 0,
  doneAfterCancel: false,
  handshakeDelayMs: 0,
}

export type ReceivedInput = Record<string, unknown> & { receivedAt: number }

type Context = {
  id: string
  /** The first input's fields other than transcript/continue/flush/duration: later ones must match. */
  fixed: string
  request: Record<string, unknown>
  buffered: string
  flushCount: number
  isCancelled: boolean
  doneAt: number | undefined
  isGenerating: boolean
  queue: Promise<void>
  bufferTimer: NodeJS.Timeout | undefined
  hasSentChunk: boolean
}

export class FakeCartesiaServer {
  readonly options: FakeCartesiaOptions
  readonly connections: FakeCartesiaConnection[] = []
  readonly restRequests: { headers: IncomingHttpHeaders; body: Record<string, unknown> | undefined }[] = []
  readonly upgradeStatuses: (number | undefined)[] = []
  private readonly failures: CartesiaErrorSpec[] = []
  private readonly refusals: number[] = []
  /** Cuts the socket (TCP reset) after this many chunks in all; undefined = never. */
  dropAfterChunks: number | undefined
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })

  private constructor(
    private readonly server: Server,
    options: Partial<FakeCartesiaOptions>,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options }
    server.on('upgrade', (request, socket, head) => {
      this.upgrade(request, socket, head).catch(() => socket.destroy())
    })
  }

  static async start(options: Partial<FakeCartesiaOptions> = {}): Promise<FakeCartesiaServer> {
    let fake: FakeCartesiaServer | undefined
    const server = createLocalServer((request, response) => fake?.handleRest(request, response))
    fake = new FakeCartesiaServer(server, options)
    await listenLocally(server)
    return fake
  }

  /** What CARTESIA_BASE_URL should be (the client turns http into ws). */
  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** The next `count` new contexts get this error event instead of audio. */
  failNextContexts(count: number, error: CartesiaErrorSpec) {
    for (let index = 0; index < count; index++) this.failures.push(error)
  }

  refuseNextUpgrades(count: number, status: number) {
    for (let index = 0; index < count; index++) this.refusals.push(status)
  }

  takeFailure(): CartesiaErrorSpec | undefined {
    return this.failures.shift()
  }

  activeContexts(): number {
    return this.connections.reduce((sum, connection) => sum + connection.activeContexts(), 0)
  }

  /** Every input received on any socket, in order. */
  inputs(): ReceivedInput[] {
    return this.connections.flatMap((connection) => connection.inputs)
  }

  reset() {
    for (const connection of this.connections) connection.terminate()
    this.connections.length = 0
    this.restRequests.length = 0
    this.upgradeStatuses.length = 0
    this.failures.length = 0
    this.refusals.length = 0
    this.dropAfterChunks = undefined
    Object.assign(this.options, DEFAULT_OPTIONS)
  }

  async stop() {
    for (const connection of this.connections) connection.terminate()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  countChunk(connection: FakeCartesiaConnection) {
    if (this.dropAfterChunks === undefined) return
    this.dropAfterChunks--
    if (this.dropAfterChunks <= 0) {
      this.dropAfterChunks = undefined
      connection.terminate()
    }
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? '/', 'http://fake')
    if (this.options.handshakeDelayMs > 0) await sleep(this.options.handshakeDelayMs)
    const refuse = (status: number, body: Record<string, unknown>) => {
      this.upgradeStatuses.push(status)
      const text = JSON.stringify({ request_id: randomUUID(), ...body })
      socket.end(
        `HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      )
    }
    if (url.pathname !== '/tts/websocket')
      return refuse(404, { error_code: 'not_found', title: 'Not Found', message: 'Not Found' })
    const auth = authenticate(request.headers, url.searchParams)
    if (!auth.ok) return refuse(auth.status, auth.body)
    const refusal = this.refusals.shift()
    if (refusal !== undefined) {
      return refuse(refusal, {
        error_code: refusal === 429 ? 'concurrency_limited' : 'internal_error',
        title: refusal === 429 ? 'Too Many Requests' : 'Server Error',
        message: 'Refused by the test',
      })
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.upgradeStatuses.push(undefined)
      this.connections.push(
        new FakeCartesiaConnection(this, ws, request.headers, url.searchParams, auth.version),
      )
    })
  }

  private async handleRest(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake')
    if (request.method === 'GET' && url.pathname === '/') {
      return writeJson(response, 200, { ok: true, version: STRUCTURED_ERRORS_SINCE })
    }
    const raw = await readBody(request)
    let body: Record<string, unknown> | undefined
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      body = undefined
    }
    this.restRequests.push({ headers: request.headers, body })
    if (request.method !== 'POST' || url.pathname !== '/tts/bytes') {
      return writeRestError(response, 404, 'not_found', 'Not Found', 'Unknown path')
    }
    const auth = authenticate(request.headers, url.searchParams)
    if (!auth.ok) return writeJson(response, auth.status, auth.body)
    if (!body) return writeRestError(response, 400, 'invalid_request', 'Bad Request', 'The body is not JSON')
    const problem = invalidRequest(body, ['raw', 'wav'])
    if (problem)
      return writeRestError(response, problem.status_code, problem.error_code, problem.title, problem.message)
    const format = body.output_format as { container: string; encoding: string; sample_rate: number }
    let audio = syntheticSpeech(String(body.transcript), format.sample_rate)
    if (format.encoding === 'pcm_f32le') audio = toFloat32(audio)
    response.writeHead(200, {
      'content-type': format.container === 'wav' ? 'audio/wav' : 'application/octet-stream',
    })
    if (format.container === 'wav') response.write(wavHeader(format.sample_rate, audio.length))
    await sleep(this.options.firstChunkDelayMs)
    for (const chunk of chunksOf(audio, format.sample_rate, this.options.chunkMs)) {
      if (response.destroyed) return
      response.write(chunk)
      if (this.options.chunkDelayMs) await sleep(this.options.chunkDelayMs)
    }
    response.end()
  }
}

/** One client socket: its contexts, and what it received. */
export class FakeCartesiaConnection {
  readonly inputs: ReceivedInput[] = []
  /** Every message sent to the client (chunk data left out). */
  readonly sent: Record<string, unknown>[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private readonly contexts = new Map<string, Context>()
  private readonly idleTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly server: FakeCartesiaServer,
    private readonly ws: WebSocket,
    readonly headers: IncomingHttpHeaders,
    readonly query: URLSearchParams,
    readonly version: string,
  ) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        clearTimeout(this.idleTimer)
        for (const context of this.contexts.values()) clearTimeout(context.bufferTimer)
        resolve({ code, reason: reason.toString() })
      })
    })
    ws.on('error', () => undefined)
    if (server.options.idleCloseMs > 0) {
      this.idleTimer = setTimeout(() => ws.close(1000, 'idle timeout'), server.options.idleCloseMs)
    }
    ws.on('message', (data, isBinary) => {
      this.idleTimer?.refresh()
      if (isBinary)
        return this.sendError(undefined, {
          status_code: 400,
          error_code: 'invalid_request',
          title: 'Bad Request',
          message: 'Send JSON text frames',
        })
      this.receive(data.toString())
    })
  }

  activeContexts(): number {
    return [...this.contexts.values()].filter(
      (context) => context.doneAt === undefined && !context.isCancelled,
    ).length
  }

  terminate() {
    this.ws.terminate()
  }

  private receive(text: string) {
    let input: Record<string, unknown>
    try {
      input = JSON.parse(text) as Record<string, unknown>
    } catch {
      return this.sendError(undefined, {
        status_code: 400,
        error_code: 'invalid_json',
        title: 'Bad Request',
        message: 'Invalid JSON',
      })
    }
    this.inputs.push({ ...input, receivedAt: Date.now() })
    const contextId = input.context_id
    if (typeof contextId !== 'string' || contextId === '') {
      return this.sendError(undefined, {
        status_code: 400,
        error_code: 'invalid_request',
        title: 'Bad Request',
        message: 'context_id is required',
      })
    }
    if (input.cancel === true) return this.cancel(contextId)

    let context = this.contexts.get(contextId)
    if (context?.doneAt !== undefined && Date.now() - context.doneAt > this.server.options.contextExpiryMs) {
      return this.sendError(contextId, {
        status_code: 400,
        error_code: 'context_expired',
        title: 'Bad Request',
        message: `Context ${contextId} has expired`,
      })
    }
    if (context?.isCancelled) return
    const problem = invalidRequest(input, ['raw'])
    if (problem) return this.sendError(contextId, problem)
    const fixed = fixedFields(input)
    if (!context) {
      if (this.server.activeContexts() >= this.server.options.maxConcurrentContexts) {
        return this.sendError(contextId, {
          status_code: 429,
          error_code: 'concurrency_limited',
          title: 'Too Many Requests',
          message: 'Too many concurrent contexts for your plan',
        })
      }
      const failure = this.server.takeFailure()
      if (failure) return this.sendError(contextId, failure)
      context = {
        id: contextId,
        fixed,
        request: input,
        buffered: '',
        flushCount: 0,
        isCancelled: false,
        doneAt: undefined,
        isGenerating: false,
        queue: Promise.resolve(),
        bufferTimer: undefined,
        hasSentChunk: false,
      }
      this.contexts.set(contextId, context)
    } else if (context.fixed !== fixed) {
      return this.sendError(contextId, {
        status_code: 400,
        error_code: 'invalid_request',
        title: 'Bad Request',
        message: 'All inputs on a context must have the same fields except transcript and continue',
      })
    }
    context.doneAt = undefined
    context.buffered += typeof input.transcript === 'string' ? input.transcript : ''
    const live = context
    if (input.flush === true) {
      live.flushCount++
      const flushId = live.flushCount
      this.generate(live, { flushId })
    } else if (input.continue !== true) {
      this.generate(live, { isLast: true })
    } else {
      // Buffered text is spoken after max_buffer_delay_ms even without a flush.
      clearTimeout(live.bufferTimer)
      const delay = typeof input.max_buffer_delay_ms === 'number' ? input.max_buffer_delay_ms : 3000
      live.bufferTimer = setTimeout(() => this.generate(live, {}), delay)
    }
  }

  private generate(context: Context, how: { flushId?: number; isLast?: boolean }) {
    clearTimeout(context.bufferTimer)
    const text = context.buffered
    context.buffered = ''
    const request = context.request
    const format = request.output_format as { encoding: string; sample_rate: number }
    context.queue = context.queue.then(async () => {
      if (text !== '') {
        let audio = syntheticSpeech(text, format.sample_rate)
        if (format.encoding === 'pcm_f32le') audio = toFloat32(audio)
        const bytesPerSample = format.encoding === 'pcm_f32le' ? 4 : 2
        for (const chunk of chunksOf(
          audio,
          format.sample_rate,
          this.server.options.chunkMs,
          bytesPerSample,
        )) {
          await sleep(
            context.hasSentChunk ? this.server.options.chunkDelayMs : this.server.options.firstChunkDelayMs,
          )
          if (context.isCancelled || this.ws.readyState !== this.ws.OPEN) return
          context.hasSentChunk = true
          this.send({
            type: 'chunk',
            context_id: context.id,
            data: chunk.toString('base64'),
            done: false,
            status_code: 206,
            step_time: 12.5,
            ...(how.flushId === undefined ? {} : { flush_id: how.flushId }),
          })
          this.server.countChunk(this)
        }
        if (request.add_timestamps === true) {
          const words = text.split(/\s+/).filter(Boolean)
          this.send({
            type: 'timestamps',
            context_id: context.id,
            done: false,
            status_code: 206,
            ...(how.flushId === undefined ? {} : { flush_id: how.flushId }),
            word_timestamps: {
              words,
              start: words.map((_, index) => Math.round(index * 300) / 1000),
              end: words.map((_, index) => Math.round((index + 1) * 300) / 1000),
            },
          })
        }
      }
      if (context.isCancelled) return
      if (how.flushId !== undefined) {
        this.send({
          type: 'flush_done',
          context_id: context.id,
          done: false,
          flush_done: true,
          flush_id: how.flushId,
          status_code: 206,
        })
      }
      if (how.isLast) {
        context.doneAt = Date.now()
        this.send({ type: 'done', context_id: context.id, done: true, status_code: 200 })
      }
    })
  }

  private cancel(contextId: string) {
    const context = this.contexts.get(contextId)
    if (!context) return
    context.isCancelled = true
    clearTimeout(context.bufferTimer)
    if (this.server.options.doneAfterCancel)
      this.send({ type: 'done', context_id: contextId, done: true, status_code: 200 })
  }

  private sendError(contextId: string | undefined, error: CartesiaErrorSpec) {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (this.version < STRUCTURED_ERRORS_SINCE) {
      this.ws.send(`${error.title}: ${error.message}`)
      this.sent.push({ type: 'error', text: `${error.title}: ${error.message}` })
      return
    }
    this.send({
      type: 'error',
      done: true,
      ...error,
      request_id: randomUUID(),
      ...(contextId === undefined ? {} : { context_id: contextId }),
      doc_url: 'https://docs.cartesia.ai/use-the-api/api-errors',
    })
  }

  private send(message: Record<string, unknown>) {
    if (this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(JSON.stringify(message))
    const { data: _data, ...withoutAudio } = message
    this.sent.push(withoutAudio)
  }
}

type AuthResult = { ok: true; version: string } | { ok: false; status: number; body: Record<string, unknown> }

function authenticate(headers: IncomingHttpHeaders, query: URLSearchParams): AuthResult {
  const bearer = headers.authorization?.startsWith('Bearer ') ? headers.authorization.slice(7) : undefined
  // On the WebSocket a query value wins over the header.
  const key = query.get('api_key') ?? query.get('access_token') ?? bearer ?? headerText(headers['x-api-key'])
  const version = query.get('cartesia_version') ?? headerText(headers['cartesia-version'])
  if (!version || !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
    return {
      ok: false,
      status: 400,
      body: { error_code: 'missing_version', title: 'Bad Request', message: 'Cartesia-Version is required' },
    }
  }
  if (key !== FAKE_CARTESIA_API_KEY) {
    return {
      ok: false,
      status: 401,
      body: { error_code: 'invalid_api_key', title: 'Unauthorized', message: 'Invalid API key' },
    }
  }
  return { ok: true, version }
}

function invalidRequest(input: Record<string, unknown>, containers: string[]): CartesiaErrorSpec | undefined {
  const bad = (message: string): CartesiaErrorSpec => ({
    status_code: 400,
    error_code: 'invalid_request',
    title: 'Bad Request',
    message,
  })
  if (typeof input.model_id !== 'string') return bad('model_id is required')
  if (SUNSET_MODELS.includes(input.model_id)) {
    return {
      status_code: 400,
      error_code: 'model_sunsetted',
      title: 'Model Sunsetted',
      message: `Model ${input.model_id} has been sunset`,
    }
  }
  if (!CARTESIA_MODELS.includes(input.model_id)) return bad(`Unknown model_id ${input.model_id}`)
  const voice = input.voice as { mode?: unknown; id?: unknown } | undefined
  if (voice?.mode !== 'id' || typeof voice.id !== 'string' || voice.id === '')
    return bad('voice must be {mode:"id", id}')
  if (typeof input.transcript !== 'string') return bad('transcript is required')
  const format = input.output_format as
    | { container?: unknown; encoding?: unknown; sample_rate?: unknown }
    | undefined
  if (!format || !containers.includes(String(format.container)))
    return bad(`output_format.container must be one of ${containers.join(', ')}`)
  if (!ENCODINGS.includes(String(format.encoding))) return bad('output_format.encoding is not supported')
  if (!SAMPLE_RATES.includes(Number(format.sample_rate)))
    return bad('output_format.sample_rate is not supported')
  return undefined
}

function fixedFields(input: Record<string, unknown>): string {
  const { transcript: _t, continue: _c, flush: _f, duration: _d, ...rest } = input
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))
}

function headerText(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value
}

function writeJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

function writeRestError(
  response: ServerResponse,
  status: number,
  code: string | null,
  title: string,
  message: string,
) {
  writeJson(response, status, { error_code: code, title, message, request_id: randomUUID() })
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}
