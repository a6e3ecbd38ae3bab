import { MessageSendError, readErrorBody, unreachable } from './message-send.js'

/** One transactional email, rendered. */
export type OutgoingEmail = {
  to: { email: string; name?: string }
  subject: string
  htmlContent: string
  textContent: string
  /** Our id for the message: sent as `X-Mailin-custom`, which Brevo echoes in every webhook event. */
  reference: string
  tags?: string[]
}

/** Brevo's `POST /v3/smtp/email` body (reference/providers.md §5). */
export type BrevoSendBody = {
  sender: { email: string; name?: string }
  to: { email: string; name?: string }[]
  subject: string
  htmlContent: string
  textContent: string
  headers: Record<string, string>
  tags?: string[]
}

/** The request body Brevo receives for `email`; the outbox keeps the same body. */
export function buildBrevoBody(sender: { email: string; name: string }, email: OutgoingEmail): BrevoSendBody {
  return {
    sender: { email: sender.email, name: sender.name },
    to: [email.to.name ? { email: email.to.email, name: email.to.name } : { email: email.to.email }],
    subject: email.subject,
    htmlContent: email.htmlContent,
    textContent: email.textContent,
    headers: { 'X-Mailin-custom': email.reference },
    ...(email.tags ? { tags: email.tags } : {}),
  }
}

/** Sends email. Every failure is a `MessageSendError`. */
export interface EmailSender {
  /** False without BREVO_API_KEY: invites then go to the local outbox and this is never called. */
  readonly isConfigured: boolean
  readonly sender: { email: string; name: string }
  /** One attempt; resolves with the provider's message id once it accepted the message. */
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>
}

export type EmailSenderOptions = {
  apiKey: string | undefined
  baseUrl: string
  sender: { email: string; name: string }
  timeoutMs: number
}

export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const { apiKey } = options
  if (!apiKey) {
    return {
      isConfigured: false,
      sender: options.sender,
      send: async () => {
        throw new MessageSendError('rejected', 'No email provider is configured (BREVO_API_KEY is not set)')
      },
    }
  }
  return {
    isConfigured: true,
    sender: options.sender,
    send: (email) => sendThroughBrevo({ ...options, apiKey }, email),
  }
}

async function sendThroughBrevo(
  options: EmailSenderOptions & { apiKey: string },
  email: OutgoingEmail,
): Promise<{ providerMessageId: string }> {
  let response: Response
  try {
    response = await fetch(`${options.baseUrl}/v3/smtp/email`, {
      method: 'POST',
      headers: {
        'api-key': options.apiKey,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(buildBrevoBody(options.sender, email)),
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    throw unreachable('Brevo', error)
  }
  if (!response.ok) {
    const body = await readErrorBody(response)
    const code = typeof body?.code === 'string' ? body.code : undefined
    const message = typeof body?.message === 'string' ? body.message : response.statusText
    // 429 and 5xx pass; a 4xx is about this request or this account (bad address, no credits, bad key).
    const isRetryable = response.status === 429 || response.status >= 500
    throw new MessageSendError(
      isRetryable ? 'retryable' : 'rejected',
      `Brevo answered ${response.status}${code ? ` ${code}` : ''}: ${message}`,
      { status: response.status, providerCode: code },
    )
  }
  const body = (await response.json().catch(() => undefined)) as { messageId?: unknown } | undefined
  if (typeof body?.messageId !== 'string' || body.messageId === '') {
    // Accepted but unreadable: sending again could send twice, so this is not retried.
    throw new MessageSendError('rejected', 'Brevo accepted the email but returned no messageId', {
      status: response.status,
    })
  }
  return { providerMessageId: body.messageId }
}
