/**
 * What email and WhatsApp senders share: one error type saying whether a failed send may succeed if
 * tried again. Senders make one attempt per call, bounded by a timeout; the send queue
 * (services/invite-sends.ts) owns retries, with backoff that survives restarts.
 */

export type MessageSendErrorKind =
  /** Worth another try later: 5xx, 429, throughput limits, timeouts, lost connections. */
  | 'retryable'
  /** The provider refused the message itself (bad address, template missing, bad key): retrying cannot help. */
  | 'rejected'

export class MessageSendError extends Error {
  override name = 'MessageSendError'
  readonly kind: MessageSendErrorKind
  /** HTTP status of the provider's answer, when it gave one. */
  readonly status: number | undefined
  /** The provider's own error code (Brevo's `code`, Graph's numeric `error.code`). */
  readonly providerCode: string | undefined

  constructor(
    kind: MessageSendErrorKind,
    message: string,
    details: { status?: number; providerCode?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.providerCode = details.providerCode
  }
}

const MAX_ERROR_BODY_CHARS = 2_000

/** Reads at most a little of an error body: a provider's error page can be large. */
export async function readErrorBody(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS)
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** A fetch that failed before any answer: a timeout, a refused or dropped connection. */
export function unreachable(provider: string, error: unknown): MessageSendError {
  const isTimeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
  return new MessageSendError(
    'retryable',
    isTimeout
      ? `${provider} did not answer in time`
      : `${provider} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  )
}
