import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { closeServer, createLocalServer, listenLocally, localBaseUrl } from './local-server.js'

/**
 * Brevo's transactional email API on 127.0.0.1 (reference/providers.md §5): `POST /v3/smtp/email`
 * with the `api-key` header, answering `201 {messageId}` with the `x-sib-ratelimit-*` headers, and
 * Brevo's `{code, message}` errors. Tests read back every request it received, script failures and
 * latency, and post delivery events to the app as Brevo's webhook would.
 */

export const FAKE_BREVO_API_KEY = 'xkeysib-fake-test-key'

export type BrevoRequest = {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown> | undefined
}

type ScriptedFailure = { status: number; code: string; message: string }

export class FakeBrevoServer {
  readonly requests: BrevoRequest[] = []
  /** Every accepted email, by the messageId it was given. */
  readonly accepted = new Map<string, Record<string, unknown>>()
  private readonly failures: ScriptedFailure[] = []
  /** Added before every answer. */
  latencyMs = 0
  private gate: { promise: Promise<void>; open: () => void } | null = null

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeBrevoServer> {
    let fake: FakeBrevoServer | undefined
    const server = createLocalServer(
      (request, response) => fake?.handle(request, response),
      (response, error) => answer(response, 500, { code: 'internal_error', message: String(error) }),
    )
    fake = new FakeBrevoServer(server)
    await listenLocally(server)
    return fake
  }

  /** Where BREVO_BASE_URL should point. */
  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** The next `count` sends fail with this answer (500 by default), then sends succeed again. */
  failNext(count: number, failure: Partial<ScriptedFailure> = {}) {
    for (let index = 0; index < count; index++) {
      this.failures.push({
        status: failure.status ?? 500,
        code: failure.code ?? 'internal_error',
        message: failure.message ?? 'Internal server error',
      })
    }
  }

  /** Sends wait unanswered until `release()`: a test can look at the app while the provider is busy. */
  hold() {
    let open = () => {}
    const promise = new Promise<void>((resolve) => {
      open = resolve
    })
    this.gate = { promise, open }
  }

  release() {
    this.gate?.open()
    this.gate = null
  }

  /** The sends received (failed ones too). */
  sends(): BrevoRequest[] {
    return this.requests.filter((request) => request.path === '/v3/smtp/email')
  }

  async stop() {
    await closeServer(this.server)
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://fake').pathname
    const raw = await readBody(request)
    let body: Record<string, unknown> | undefined
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined
    } catch {
      body = undefined
    }
    this.requests.push({ path, headers: request.headers, body })
    if (this.latencyMs > 0) await sleep(this.latencyMs)
    if (this.gate) await this.gate.promise
    if (request.method !== 'POST' || path !== '/v3/smtp/email') {
      return answer(response, 404, { code: 'not_found', message: 'Invalid route' })
    }
    const apiKey = request.headers['api-key']
    if (!apiKey)
      return answer(response, 401, { code: 'unauthorized', message: 'authentication not found in headers' })
    if (apiKey !== FAKE_BREVO_API_KEY)
      return answer(response, 401, { code: 'unauthorized', message: 'Key not found' })
    if (!body) return answer(response, 400, { code: 'bad_request', message: 'Input must be a JSON object' })
    const problem = missingParameter(body)
    if (problem) return answer(response, 400, { code: 'missing_parameter', message: problem })
    const failure = this.failures.shift()
    if (failure) return answer(response, failure.status, { code: failure.code, message: failure.message })
    const messageId = `<${randomUUID()}@smtp-relay.mailin.fr>`
    this.accepted.set(messageId, body)
    return answer(response, 201, { messageId })
  }
}

function missingParameter(body: Record<string, unknown>): string | null {
  const sender = body.sender as { email?: unknown } | undefined
  if (typeof sender?.email !== 'string') return 'sender is missing'
  const to = body.to as { email?: unknown }[] | undefined
  if (!Array.isArray(to) || to.length === 0 || to.some((recipient) => typeof recipient.email !== 'string'))
    return 'to is missing'
  if (typeof body.subject !== 'string' || body.subject === '') return 'subject is missing'
  if (typeof body.htmlContent !== 'string' && typeof body.textContent !== 'string')
    return 'htmlContent or textContent is missing'
  return null
}

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'sib-request-id': randomUUID(),
    'x-sib-ratelimit-limit': '1000',
    'x-sib-ratelimit-remaining': '999',
    'x-sib-ratelimit-reset': '1',
  })
  response.end(JSON.stringify(body))
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** A transactional webhook event as Brevo posts it (snake_case event names, UTC epochs). */
export function brevoEvent(options: {
  event: string
  messageId: string
  email: string
  /** Our reference, echoed from the X-Mailin-custom header we sent. */
  reference?: string
  at?: Date
  reason?: string
}): Record<string, unknown> {
  const at = options.at ?? new Date()
  return {
    event: options.event,
    email: options.email,
    id: 123456,
    date: '2026-12-02 07:00:00',
    ts: Math.floor(at.getTime() / 1000),
    'message-id': options.messageId,
    ts_event: Math.floor(at.getTime() / 1000),
    ts_epoch: at.getTime(),
    subject: 'Your interview',
    tags: ['interview-invite'],
    sending_ip: '185.41.28.109',
    ...(options.reference ? { 'X-Mailin-custom': options.reference } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  }
}

/** Posts events to the app's webhook as Brevo does, with the bearer token it was registered with. */
export async function postBrevoWebhook(
  url: string,
  events: Record<string, unknown> | Record<string, unknown>[],
  options: { token?: string } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(events),
  })
}
