import { MessageSendError, readErrorBody, unreachable } from './message-send.js'

/** One approved-template message. */
export type OutgoingWhatsApp = {
  /** E.164, with or without its `+`. */
  to: string
  templateName: string
  languageCode: string
  /** The template body's positional parameters, {{1}}, {{2}}, … in order. */
  bodyParameters: string[]
  /** Our id for the message: echoed as `biz_opaque_callback_data` in status webhooks. */
  reference: string
}

/** The Graph API's `POST /{version}/{phone-number-id}/messages` body (reference/providers.md §6). */
export type WhatsAppSendBody = {
  messaging_product: 'whatsapp'
  recipient_type: 'individual'
  to: string
  type: 'template'
  template: {
    name: string
    language: { code: string }
    components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[]
  }
  biz_opaque_callback_data: string
}

/** The request body the Graph API receives; the outbox keeps the same body. */
export function buildWhatsAppBody(message: OutgoingWhatsApp): WhatsAppSendBody {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    // The Cloud API takes the number's digits without the `+`.
    to: message.to.replace(/^\+/, ''),
    type: 'template',
    template: {
      name: message.templateName,
      language: { code: message.languageCode },
      components: [
        { type: 'body', parameters: message.bodyParameters.map((text) => ({ type: 'text', text })) },
      ],
    },
    biz_opaque_callback_data: message.reference,
  }
}

export interface WhatsAppSender {
  /** False without WHATSAPP_API_KEY and WHATSAPP_PHONE_ID: invites then go to the local outbox. */
  readonly isConfigured: boolean
  /** One attempt; resolves with the wamid once the Graph API accepted the message (not delivered yet). */
  send(message: OutgoingWhatsApp): Promise<{ providerMessageId: string }>
}

export type WhatsAppSenderOptions = {
  accessToken: string | undefined
  phoneNumberId: string | undefined
  baseUrl: string
  graphVersion: string
  timeoutMs: number
}

/**
 * Graph error codes worth another try: throughput (130429), pair rate (131056), WABA rate (80007),
 * app rate (4), and the generic/temporary ones (131000, 1, 2). Everything else is about the message
 * or the account (190 expired token, 132001 template missing, 131026 undeliverable, …).
 */
const RETRYABLE_GRAPH_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131056])

export function createWhatsAppSender(options: WhatsAppSenderOptions): WhatsAppSender {
  const { accessToken, phoneNumberId } = options
  if (!accessToken || !phoneNumberId) {
    return {
      isConfigured: false,
      send: async () => {
        throw new MessageSendError(
          'rejected',
          'No WhatsApp provider is configured (WHATSAPP_API_KEY is not set)',
        )
      },
    }
  }
  return {
    isConfigured: true,
    send: (message) => sendThroughGraph({ ...options, accessToken, phoneNumberId }, message),
  }
}

async function sendThroughGraph(
  options: WhatsAppSenderOptions & { accessToken: string; phoneNumberId: string },
  message: OutgoingWhatsApp,
): Promise<{ providerMessageId: string }> {
  const url = `${options.baseUrl}/${options.graphVersion}/${encodeURIComponent(options.phoneNumberId)}/messages`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(buildWhatsAppBody(message)),
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    throw unreachable('WhatsApp', error)
  }
  if (!response.ok) {
    const body = await readErrorBody(response)
    const error = (body?.error ?? {}) as {
      message?: unknown
      code?: unknown
      error_data?: { details?: unknown }
    }
    const code = typeof error.code === 'number' ? error.code : undefined
    const details = typeof error.error_data?.details === 'string' ? ` (${error.error_data.details})` : ''
    const isRetryable =
      response.status === 429 ||
      response.status >= 500 ||
      (code !== undefined && RETRYABLE_GRAPH_CODES.has(code))
    throw new MessageSendError(
      isRetryable ? 'retryable' : 'rejected',
      `WhatsApp answered ${response.status}${code === undefined ? '' : ` (code ${code})`}: ${
        typeof error.message === 'string' ? error.message : response.statusText
      }${details}`,
      { status: response.status, providerCode: code === undefined ? undefined : String(code) },
    )
  }
  const body = (await response.json().catch(() => undefined)) as { messages?: { id?: unknown }[] } | undefined
  const id = body?.messages?.[0]?.id
  if (typeof id !== 'string' || id === '') {
    throw new MessageSendError('rejected', 'WhatsApp accepted the message but returned no message id', {
      status: response.status,
    })
  }
  return { providerMessageId: id }
}
