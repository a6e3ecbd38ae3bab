import {
  BREVO_EVENT_STATUS,
  type DeliveryChannel,
  type DeliveryStatus,
  isFinalFailure,
  WHATSAPP_EVENT_STATUS,
} from '../domain/delivery-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { isUniqueViolation } from '../lib/errors.js'
import { applyReportedStatus, publishMessageStatus } from './invite-sends.js'

/** One provider report about one message, in the provider's terms and ours. */
export type DeliveryReport = {
  providerMessageId: string
  /** Our message id, as the provider echoed it (`X-Mailin-custom`, `biz_opaque_callback_data`). */
  reference: string | undefined
  /** The provider's own event name. */
  event: string
  /** What it means for the message; undefined for events that change nothing (a soft bounce). */
  status: DeliveryStatus | undefined
  /** The provider's identity of this event: the same report delivered twice has the same key. */
  eventKey: string
  occurredAt: Date | undefined
  /** Why, for failures and bounces. */
  reason: string | undefined
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Brevo's event, as its transactional webhook posts it (reference/providers.md §5). */
export type BrevoEvent = {
  event: string
  'message-id'?: string
  ts_event?: number
  ts_epoch?: number
  ts?: number
  date?: string
  reason?: string
  'X-Mailin-custom'?: string
}

export function brevoReports(events: readonly BrevoEvent[]): DeliveryReport[] {
  return events.flatMap((event) => {
    const providerMessageId = event['message-id']
    if (!providerMessageId) return []
    // UTC epochs only: Brevo's `date` is in Paris time.
    const occurredAt =
      event.ts_epoch !== undefined
        ? new Date(event.ts_epoch)
        : event.ts_event !== undefined
          ? new Date(event.ts_event * 1000)
          : undefined
    const moment = event.ts_epoch ?? event.ts_event ?? event.ts ?? event.date ?? ''
    return [
      {
        providerMessageId,
        reference: event['X-Mailin-custom'],
        event: event.event,
        status: BREVO_EVENT_STATUS[event.event],
        eventKey: `${providerMessageId}|${event.event}|${moment}`,
        occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : undefined,
        reason: event.reason,
      },
    ]
  })
}

/** One entry of `value.statuses[]` in a WhatsApp webhook (reference/providers.md §6). */
export type WhatsAppStatusEvent = {
  id: string
  status: string
  timestamp?: string
  recipient_id?: string
  biz_opaque_callback_data?: string
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[]
}

export function whatsAppReports(statuses: readonly WhatsAppStatusEvent[]): DeliveryReport[] {
  return statuses.map((status) => {
    const seconds = Number(status.timestamp)
    const error = status.errors?.[0]
    const reason = error
      ? [
          error.code === undefined ? undefined : `code ${error.code}`,
          error.title,
          error.error_data?.details ?? error.message,
        ]
          .filter(Boolean)
          .join(': ')
      : undefined
    return {
      providerMessageId: status.id,
      reference: status.biz_opaque_callback_data,
      event: status.status,
      status: WHATSAPP_EVENT_STATUS[status.status],
      // Meta sends each (message, status) once per status change, and retries deliveries as they were.
      eventKey: `${status.id}|${status.status}`,
      occurredAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined,
      reason,
    }
  })
}

/** Brevo's message ids look like `<…@smtp-relay.mailin.fr>`; match with or without the brackets. */
function idVariants(channel: DeliveryChannel, providerMessageId: string): string[] {
  if (channel !== 'email') return [providerMessageId]
  const bare = providerMessageId.replace(/^<|>$/g, '')
  return [...new Set([providerMessageId, bare, `<${bare}>`])]
}

async function findReportedMessage(
  tx: Prisma.TransactionClient,
  channel: DeliveryChannel,
  report: DeliveryReport,
): Promise<{ id: string; messageId: string | null } | null> {
  const select = { id: true, messageId: true } as const
  const ids = idVariants(channel, report.providerMessageId)
  const byProviderId =
    channel === 'email'
      ? await tx.emailMessage.findFirst({ where: { messageId: { in: ids } }, select })
      : await tx.whatsAppMessage.findFirst({ where: { messageId: { in: ids } }, select })
  if (byProviderId) return byProviderId
  // A report can overtake our own record of the send (Brevo's `request` event often does): the
  // reference we gave the provider finds the message, if it has no provider id yet.
  if (!report.reference || !UUID.test(report.reference)) return null
  const byReference =
    channel === 'email'
      ? await tx.emailMessage.findUnique({ where: { id: report.reference }, select })
      : await tx.whatsAppMessage.findUnique({ where: { id: report.reference }, select })
  return byReference && byReference.messageId === null ? byReference : null
}

export type WebhookOutcome = { applied: number; duplicates: number; unmatched: number; ignored: number }

/**
 * Takes delivery reports from an authenticated provider webhook. Each report is recorded once by its
 * event key — a replay finds the key taken and changes nothing — and moves its message only forward
 * (domain/delivery-status.ts). Messages that changed are published to their recruiter. The caller
 * has authenticated the provider; this takes no actor.
 */
export async function recordDeliveryReports(
  deps: Pick<Services, 'prisma' | 'realtime' | 'logger'>,
  input: { channel: DeliveryChannel; reports: readonly DeliveryReport[] },
): Promise<WebhookOutcome> {
  const { channel } = input
  const outcome: WebhookOutcome = { applied: 0, duplicates: 0, unmatched: 0, ignored: 0 }
  for (const report of input.reports) {
    let changedId: string | null = null
    try {
      changedId = await deps.prisma.$transaction(async (tx) => {
        await tx.deliveryEvent.create({
          data: {
            channel,
            eventKey: report.eventKey,
            providerMessageId: report.providerMessageId,
            event: report.event,
            occurredAt: report.occurredAt,
          },
        })
        if (!report.status) {
          outcome.ignored++
          return null
        }
        const message = await findReportedMessage(tx, channel, report)
        if (!message) {
          outcome.unmatched++
          return null
        }
        const isChanged = await applyReportedStatus(tx, {
          channel,
          id: message.id,
          reported: report.status,
          at: report.occurredAt ?? new Date(),
          extra: message.messageId ? undefined : { messageId: report.providerMessageId },
          extraIfChanged:
            isFinalFailure(report.status) && report.reason ? { errorMessage: report.reason } : undefined,
        })
        if (isChanged) outcome.applied++
        return isChanged ? message.id : null
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      outcome.duplicates++
      continue
    }
    if (changedId) await publishMessageStatus(deps, channel, changedId)
  }
  if (outcome.unmatched > 0)
    deps.logger.info({ channel, ...outcome }, 'delivery reports for unknown messages')
  return outcome
}
