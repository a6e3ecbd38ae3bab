import { randomBytes } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { closeServer, createLocalServer, listenLocally, localBaseUrl } from './local-server.js'

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1, shaped like Groq's
 * (reference/providers.md §3): `POST /openai/v1/chat/completions` streamed as SSE or answered
 * whole, `GET /openai/v1/models`, Groq's error bodies and `x-ratelimit-*` headers. Tests script its
 * replies one request at a time and read back what it received.
 */

export const FAKE_API_KEY = 'gsk_fake_test_key'
export const FAKE_MODELS = ['openai/gpt-oss-120b', 'openai/gpt-oss-20b', 'qwen/qwen3.6-27b']

type StreamTiming = {
  /** Before the first content chunk (the role chunk goes out at once, as Groq's does). */
  firstTokenDelayMs?: number
  /** Between content chunks. */
  chunkDelayMs?: number
  /** Writes each event in two TCP writes, so a client must join lines split across reads. */
  splitEvents?: boolean
  /** Interleaves SSE comments (`: keep-alive`), which clients must ignore. */
  withComments?: boolean
}

export type FakeReply =
  | ({
      kind: 'text'
      /** Streamed one piece per chunk; answered whole when the request is not streamed. */
      chunks: string[]
      finishReason?: 'stop' | 'length'
      /**
       * How the stream ends: `done` as Groq does; `drop` cuts the connection without `[DONE]`;
       * `error-event` sends Groq's mid-stream error object; `invalid-json` a chunk that is not JSON.
       */
      end?: 'done' | 'drop' | 'error-event' | 'invalid-json'
    } & StreamTiming)
  | {
      kind: 'error'
      status: number
      headers?: Record<string, string>
      error?: { message: string; type: string; code?: string }
    }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }

export type ReceivedRequest = {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown> | undefined
  receivedAt: number
  /** Settles when the connection closes or the response ends, whichever comes first. */
  closed: Promise<void>
  /** True when the client went away before the reply was complete. */
  wasAbortedByClient: boolean
  /**
   * `performance.now()` when the request arrived (before its body was read) and when its first
   * content (a token, or the whole answer) went out: the model's own latency, as a client would see
   * it, to subtract from timings taken in the same process.
   */
  timing: { receivedAt: number; firstTokenAt?: number }
}

/** Builders for common replies. */
export const reply = {
  text(text: string, options: Omit<Extract<FakeReply, { kind: 'text' }>, 'kind' | 'chunks'> = {}): FakeReply {
    return { kind: 'text', chunks: splitIntoChunks(text), ...options }
  },
  rateLimited(retryAfterSeconds: number, headers: Record<string, string> = {}): FakeReply {
    return {
      kind: 'error',
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), ...headers },
      error: {
        message: `Rate limit reached for model on tokens per minute (TPM): Limit 15000. Please try again in ${retryAfterSeconds}s.`,
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    }
  },
  serverError(status = 500): FakeReply {
    return {
      kind: 'error',
      status,
      error: {
        message: status === 503 ? 'Service Unavailable' : 'Internal Server Error',
        type: 'internal_server_error',
      },
    }
  },
}

/** Splits text into word-sized pieces, keeping the spaces, so that joining them gives it back. */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

export class FakeOpenAiServer {
  readonly requests: ReceivedRequest[] = []
  private readonly script: FakeReply[] = []
  private readonly waiters: { count: number; resolve: () => void }[] = []
  /** Served when the script is empty. */
  defaultReply: FakeReply | ((request: ReceivedRequest) => FakeReply) = reply.text(
    'Thank you. Could you tell me more about that?',
  )

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeOpenAiServer> {
    let fake: FakeOpenAiServer | undefined
    const server = createLocalServer(
      (request, response) => fake?.handle(request, response),
      (response, error) =>
        writeError(response, 500, { message: String(error), type: 'internal_server_error' }),
    )
    fake = new FakeOpenAiServer(server)
    await listenLocally(server)
    return fake
  }

  /** Where `LLM_BASE_URL` should point, as Groq's OpenAI-compatible base. */
  get baseUrl(): string {
    return `${localBaseUrl(this.server)}/openai/v1`
  }

  /** Queues replies for the next requests, in order. */
  enqueue(...replies: FakeReply[]) {
    this.script.push(...replies)
  }

  reset() {
    this.script.length = 0
    this.requests.length = 0
  }

  /** Resolves once `count` chat requests have arrived in all. */
  waitForRequests(count: number): Promise<void> {
    if (this.chatRequests().length >= count) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ count, resolve }))
  }

  chatRequests(): ReceivedRequest[] {
    return this.requests.filter((request) => request.path.endsWith('/chat/completions'))
  }

  async stop() {
    await closeServer(this.server)
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const arrivedAt = performance.now()
    const path = new URL(request.url ?? '/', 'http://fake').pathname
    const raw = await readBody(request)
    let body: Record<string, unknown> | undefined
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined
    } catch {
      body = undefined
    }
    const received: ReceivedRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      body,
      receivedAt: Date.now(),
      timing: { receivedAt: arrivedAt },
      closed: new Promise((resolve) => response.once('close', resolve)),
      wasAbortedByClient: false,
    }
    response.once('close', () => {
      received.wasAbortedByClient = !response.writableFinished
    })
    this.requests.push(received)
    this.notifyWaiters()

    setRateLimitHeaders(response)
    if (request.headers.authorization !== `Bearer ${FAKE_API_KEY}`) {
      return writeError(response, 401, {
        message: 'Invalid API Key',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      })
    }
    if (request.method === 'GET' && path === '/openai/v1/models') {
      return writeJson(response, 200, {
        object: 'list',
        data: FAKE_MODELS.map((id) => ({
          id,
          object: 'model',
          created: 1_754_000_000,
          owned_by: 'fake',
          active: true,
        })),
      })
    }
    if (request.method !== 'POST' || path !== '/openai/v1/chat/completions') {
      return writeError(response, 404, {
        message: 'Unknown request URL',
        type: 'invalid_request_error',
        code: 'unknown_url',
      })
    }
    if (!body)
      return writeError(response, 400, { message: 'Request body is not JSON', type: 'invalid_request_error' })
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return writeError(response, 400, {
        message: "'messages' : property 'messages' is missing",
        type: 'invalid_request_error',
      })
    }
    if (typeof body.model !== 'string' || !FAKE_MODELS.includes(body.model)) {
      return writeError(response, 404, {
        message: `The model \`${String(body.model)}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      })
    }

    const next =
      this.script.shift() ??
      (typeof this.defaultReply === 'function' ? this.defaultReply(received) : this.defaultReply)
    if (next.kind === 'hang') return
    if (next.kind === 'error') {
      for (const [name, value] of Object.entries(next.headers ?? {})) response.setHeader(name, value)
      return writeError(
        response,
        next.status,
        next.error ?? { message: 'error', type: 'internal_server_error' },
      )
    }
    if (body.stream === true) return streamText(response, body.model, next, received.timing)
    return answerWhole(response, body.model, next, received.timing)
  }

  private notifyWaiters() {
    const count = this.chatRequests().length
    for (const waiter of this.waiters.filter((candidate) => candidate.count <= count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
}

type TextReply = Extract<FakeReply, { kind: 'text' }>

function usageOf(reply: TextReply) {
  const completionTokens = reply.chunks.length
  return {
    prompt_tokens: 42,
    completion_tokens: completionTokens,
    total_tokens: 42 + completionTokens,
    total_time: 0.01,
  }
}

async function streamText(
  response: ServerResponse,
  model: string,
  reply: TextReply,
  timing: ReceivedRequest['timing'],
) {
  const id = `chatcmpl-${randomBytes(8).toString('hex')}`
  const groqId = `req_${randomBytes(8).toString('hex')}`
  const created = Math.floor(Date.now() / 1000)
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
    ...extra,
  })
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  response.flushHeaders()
  const send = async (data: string) => {
    if (response.destroyed) return
    if (reply.withComments) response.write(': keep-alive\n\n')
    const event = `data: ${data}\n\n`
    if (reply.splitEvents) {
      const middle = Math.floor(event.length / 2)
      response.write(event.slice(0, middle))
      await sleep(5)
      if (response.destroyed) return
      response.write(event.slice(middle))
    } else {
      response.write(event)
    }
  }

  await send(JSON.stringify(chunk({ role: 'assistant', content: '' }, { x_groq: { id: groqId } })))
  await sleep(reply.firstTokenDelayMs ?? 0)
  const end = reply.end ?? 'done'
  // A broken reply fails halfway through its text.
  const sent =
    end === 'done' ? reply.chunks : reply.chunks.slice(0, Math.max(1, Math.floor(reply.chunks.length / 2)))
  for (const [index, piece] of sent.entries()) {
    if (response.destroyed) return
    if (index > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs)
    timing.firstTokenAt ??= performance.now()
    await send(JSON.stringify(chunk({ content: piece })))
    timing.firstTokenAt ??= performance.now()
  }
  if (response.destroyed) return
  if (end === 'drop') {
    // As a TCP connection lost mid-reply: no final chunk, no `[DONE]`, no chunked-encoding end.
    // `end()` on the socket first sends what was written; `destroy()` alone would discard it.
    response.socket?.end()
    return
  }
  if (end === 'error-event') {
    await send(JSON.stringify({ error: { message: 'Service Unavailable', type: 'internal_server_error' } }))
    response.end()
    return
  }
  if (end === 'invalid-json') {
    await send('{"id":"chatcmpl-broken","choices":[{"delta":{"content":')
    response.end()
    return
  }
  await send(
    JSON.stringify({
      ...chunk({}, { x_groq: { id: groqId, usage: usageOf(reply) } }),
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: reply.finishReason ?? 'stop' }],
    }),
  )
  await send('[DONE]')
  response.end()
}

async function answerWhole(
  response: ServerResponse,
  model: string,
  reply: TextReply,
  timing: ReceivedRequest['timing'],
) {
  await sleep(reply.firstTokenDelayMs ?? 0)
  if (response.destroyed) return
  timing.firstTokenAt = performance.now()
  if ((reply.end ?? 'done') === 'drop') {
    response.socket?.destroy()
    return
  }
  writeJson(response, 200, {
    id: `chatcmpl-${randomBytes(8).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.chunks.join('') },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    usage: usageOf(reply),
    x_groq: { id: `req_${randomBytes(8).toString('hex')}` },
  })
}

function setRateLimitHeaders(response: ServerResponse) {
  response.setHeader('x-ratelimit-limit-requests', '14400')
  response.setHeader('x-ratelimit-limit-tokens', '15000')
  response.setHeader('x-ratelimit-remaining-requests', '14399')
  response.setHeader('x-ratelimit-remaining-tokens', '14000')
  response.setHeader('x-ratelimit-reset-requests', '6s')
  response.setHeader('x-ratelimit-reset-tokens', '4s')
}

function writeJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

function writeError(
  response: ServerResponse,
  status: number,
  error: { message: string; type: string; code?: string },
) {
  writeJson(response, status, { error })
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}
