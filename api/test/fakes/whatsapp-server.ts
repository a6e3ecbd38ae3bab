import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { closeServer, createLocalServer, listenLocally, localBaseUrl } from './local-server.js'

/**
 * The WhatsApp Cloud API's send endpoint on 127.0.0.1 (reference/providers.md §6):
 * `POST /{version}/{phone-number-id}/messages` with a bearer token, checking the template against a
 * fixture of approved templates, answering `{messaging_product, contacts, messages:[{id}]}` or
 * Graph's `{error:{message, type, code, error_subcode?, error_data?, fbtrace_id}}`. Tests read back
 * every request, script failures and latency, and post signed status webhooks to the app.
 */

export const FAKE_WHATSAPP_TOKEN = 'EAAG-fake-system-user-token'
export const FAKE_PHONE_NUMBER_ID = '106540352242922'
export const FAKE_APP_SECRET = 'fake-app-secret-for-tests'
export const FAKE_VERIFY_TOKEN = 'fake-verify-token'

/** Templates "approved" at the fake: name, language and how many body parameters each takes. */
export const APPROVED_TEMPLATES = [{ name: 'interview_invite', language: 'en_US', bodyParameters: 2 }]

export type GraphRequest = {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown> | undefined
}

type GraphFailure = { status: number; code: number; message: string; details?: string }

export class FakeWhatsAppServer {
  readonly requests: GraphRequest[] = []
  private readonly failures: GraphFailure[] = []
  latencyMs = 0

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeWhatsAppServer> {
    let fake: FakeWhatsAppServer | undefined
    const server = createLocalServer(
      (request, response) => fake?.handle(request, response),
      (response, error) => graphError(response, { status: 500, code: 1, message: String(error) }),
    )
    fake = new FakeWhatsAppServer(server)
    await listenLocally(server)
    return fake
  }

  /** Where WHATSAPP_BASE_URL should point. */
  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** The next `count` sends fail with this Graph error (a 500 code 1 by default). */
  failNext(count: number, failure: Partial<GraphFailure> = {}) {
    for (let index = 0; index < count; index++) {
      this.failures.push({
        status: failure.status ?? 500,
        code: failure.code ?? 1,
        message: failure.message ?? 'An unknown error occurred',
        details: failure.details,
      })
    }
  }

  sends(): GraphRequest[] {
    return this.requests.filter((request) => request.path.endsWith('/messages'))
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
    const match = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(path)
    if (request.method !== 'POST' || !match) {
      return graphError(response, { status: 400, code: 100, message: 'Unsupported post request.' })
    }
    if (request.headers.authorization !== `Bearer ${FAKE_WHATSAPP_TOKEN}`) {
      return graphError(response, {
        status: 401,
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      })
    }
    if (match[2] !== FAKE_PHONE_NUMBER_ID) {
      return graphError(response, {
        status: 400,
        code: 100,
        message: `Unsupported post request. Object with ID '${match[2]}' does not exist`,
      })
    }
    const problem = checkTemplateMessage(body)
    if (problem) return graphError(response, problem)
    const failure = this.failures.shift()
    if (failure) return graphError(response, failure)
    const to = String(body?.to)
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.${randomBytes(24).toString('base64url')}`, message_status: 'accepted' }],
      }),
    )
  }
}

function checkTemplateMessage(body: Record<string, unknown> | undefined): GraphFailure | null {
  const invalid = (message: string, code = 100): GraphFailure => ({ status: 400, code, message })
  if (!body) return invalid('The request body is not JSON')
  if (body.messaging_product !== 'whatsapp')
    return invalid('(#100) The parameter messaging_product is required.')
  if (typeof body.to !== 'string' || !/^\d{7,15}$/.test(body.to))
    return invalid('(#100) Invalid parameter: to')
  if (body.type !== 'template') return invalid('(#100) Param type must be template for this test number')
  const template = body.template as
    | {
        name?: unknown
        language?: { code?: unknown }
        components?: { type?: unknown; parameters?: unknown[] }[]
      }
    | undefined
  const approved = APPROVED_TEMPLATES.find(
    (candidate) => candidate.name === template?.name && candidate.language === template?.language?.code,
  )
  if (!approved) {
    return {
      status: 404,
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
      details: `template name (${String(template?.name)}) does not exist in ${String(template?.language?.code)}`,
    }
  }
  const bodyParameters =
    template?.components?.find((component) => component.type === 'body')?.parameters ?? []
  if (bodyParameters.length !== approved.bodyParameters) {
    return {
      status: 400,
      code: 132000,
      message: '(#132000) Number of parameters does not match the expected number of params',
      details: `body: number of localizable_params (${bodyParameters.length}) does not match the expected number of params (${approved.bodyParameters})`,
    }
  }
  return null
}

function graphError(response: ServerResponse, failure: GraphFailure) {
  response.writeHead(failure.status, { 'content-type': 'application/json' })
  response.end(
    JSON.stringify({
      error: {
        message: failure.message,
        type: 'OAuthException',
        code: failure.code,
        ...(failure.details
          ? { error_data: { messaging_product: 'whatsapp', details: failure.details } }
          : {}),
        fbtrace_id: randomUUID().replaceAll('-', '').slice(0, 22),
      },
    }),
  )
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** A status webhook body as Meta posts it, for the given statuses of sent messages. */
export function whatsAppStatusPayload(
  statuses: {
    id: string
    status: 'sent' | 'delivered' | 'read' | 'failed'
    recipient: string
    at?: Date
    reference?: string
    error?: { code: number; title: string; details: string }
  }[],
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: FAKE_PHONE_NUMBER_ID },
              statuses: statuses.map((status) => ({
                id: status.id,
                status: status.status,
                timestamp: String(Math.floor((status.at ?? new Date()).getTime() / 1000)),
                recipient_id: status.recipient.replace(/^\+/, ''),
                ...(status.reference ? { biz_opaque_callback_data: status.reference } : {}),
                ...(status.status === 'failed' && status.error
                  ? {
                      errors: [
                        {
                          code: status.error.code,
                          title: status.error.title,
                          message: status.error.title,
                          error_data: { details: status.error.details },
                        },
                      ],
                    }
                  : {
                      conversation: { id: randomUUID().replaceAll('-', ''), origin: { type: 'utility' } },
                      pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
                    }),
              })),
            },
          },
        ],
      },
    ],
  }
}

/** The `X-Hub-Signature-256` value Meta sends for these exact bytes. */
export function hubSignature(body: string | Uint8Array, appSecret = FAKE_APP_SECRET): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`
}

/** Posts a webhook body as Meta does: the bytes as serialized, signed with the app secret. */
export async function postWhatsAppWebhook(
  url: string,
  payload: Record<string, unknown>,
  options: { appSecret?: string; signature?: string } = {},
): Promise<Response> {
  const body = JSON.stringify(payload)
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': options.signature ?? hubSignature(body, options.appSecret),
    },
    body,
  })
}
