/**
 * Where an invite (an email or a WhatsApp message) stands, and how delivery reports move it.
 *
 * Providers report asynchronously, more than once, and out of order (Brevo and Meta both say so), so
 * a report is applied only when it moves the message forward:
 *
 *   pending < sent < delivered < opened (email) / read (WhatsApp)
 *
 * - A report never moves a message backwards: "opened" then a late "delivered" stays "opened".
 * - `bounced` (email) and `failed` (both) are final: nothing moves a message out of them.
 * - A failure report only counts while the message is not known to have arrived (`pending` or
 *   `sent`). Once the provider said it was delivered or opened, the message demonstrably reached the
 *   person; a later failure report is a reordering or concerns something else, and is ignored.
 * - Each stage's timestamp is set once, the first time that stage is reported, even when the status
 *   has already moved past it (a late "delivered" after "opened" still records when it was
 *   delivered). Ignored reports set nothing.
 * - Skipping stages is allowed: WhatsApp may report "read" without "delivered".
 */

export const DELIVERY_CHANNELS = ['email', 'whatsapp'] as const
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number]

export const EMAIL_STATUSES = ['pending', 'sent', 'delivered', 'opened', 'bounced', 'failed'] as const
export const WHATSAPP_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const
export const DELIVERY_STATUSES = [
  'pending',
  'sent',
  'delivered',
  'opened',
  'read',
  'bounced',
  'failed',
] as const

export type EmailStatus = (typeof EMAIL_STATUSES)[number]
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number]
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** Progress along the happy path; failures are off it. */
const RANK: Record<DeliveryStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  opened: 3,
  read: 3,
  bounced: -1,
  failed: -1,
}

export function isFinalFailure(status: DeliveryStatus): boolean {
  return status === 'bounced' || status === 'failed'
}

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value)
}

/** The timestamp column each stage sets the first time it is reported. */
export const STATUS_TIMESTAMP = {
  pending: undefined,
  sent: 'sentAt',
  delivered: 'deliveredAt',
  opened: 'openedAt',
  read: 'readAt',
  bounced: 'bouncedAt',
  failed: 'failedAt',
} as const satisfies Record<DeliveryStatus, string | undefined>

export type DeliveryTimestampField = NonNullable<(typeof STATUS_TIMESTAMP)[DeliveryStatus]>

export type DeliveryDecision = {
  /** The status after the report (unchanged when the report is stale or ignored). */
  status: DeliveryStatus
  /** Whether the status moved. */
  isChanged: boolean
  /** The timestamp to set, if the message has none for this stage yet; undefined when ignored. */
  timestampField: DeliveryTimestampField | undefined
}

/** What a delivery report `reported` does to a message that is `current`. Pure; see the module comment. */
export function applyDeliveryReport(current: DeliveryStatus, reported: DeliveryStatus): DeliveryDecision {
  const ignored = { status: current, isChanged: false, timestampField: undefined }
  if (isFinalFailure(current)) return ignored
  if (isFinalFailure(reported)) {
    if (RANK[current] >= RANK.delivered) return ignored
    return { status: reported, isChanged: true, timestampField: STATUS_TIMESTAMP[reported] }
  }
  if (reported === 'pending') return ignored
  const isForward = RANK[reported] > RANK[current]
  return {
    status: isForward ? reported : current,
    isChanged: isForward,
    timestampField: STATUS_TIMESTAMP[reported],
  }
}

/** The statuses a channel's messages can have, for a UI that lists them in order. */
export function statusesOf(channel: DeliveryChannel): readonly DeliveryStatus[] {
  return channel === 'email' ? EMAIL_STATUSES : WHATSAPP_STATUSES
}

/**
 * Brevo's transactional webhook `event` values (reference/providers.md §5) and what each means for the
 * message. Soft bounces and deferrals are temporary (Brevo keeps trying), complaints and unsubscribes
 * come after delivery: none of them changes the status. A click proves an open.
 */
export const BREVO_EVENT_STATUS: Readonly<Record<string, EmailStatus | undefined>> = {
  request: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  opened: 'opened',
  unique_opened: 'opened',
  uniqueOpened: 'opened',
  proxy_open: 'opened',
  unique_proxy_open: 'opened',
  click: 'opened',
  hard_bounce: 'bounced',
  hardBounce: 'bounced',
  invalid_email: 'bounced',
  invalid: 'bounced',
  blocked: 'failed',
  error: 'failed',
}

/** WhatsApp's status webhook values; "played" (voice notes) is a read. */
export const WHATSAPP_EVENT_STATUS: Readonly<Record<string, WhatsAppStatus | undefined>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
}
