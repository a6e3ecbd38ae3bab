import {
  applyDeliveryReport,
  type DeliveryChannel,
  type DeliveryStatus,
  isDeliveryStatus,
} from '../domain/delivery-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { isUniqueViolation } from '../lib/errors.js'
import { buildBrevoBody, type OutgoingEmail } from '../providers/email.js'
import { MessageSendError } from '../providers/message-send.js'
import { buildWhatsAppBody, type OutgoingWhatsApp } from '../providers/whatsapp.js'
import type { DatabaseClient } from './interview-links.js'

/**
 * The send queue. A message is written `pending` with `nextAttemptAt` before anything is sent; a
 * worker claims it (moving `nextAttemptAt` a lease ahead, so no other worker takes it meanwhile and
 * a crashed worker's claim lapses), makes one attempt, and then either records the provider's
 * message id (`sent`), schedules the next attempt with a doubling delay, or — after the last attempt,
 * or at once when the provider refused the message itself — marks it `failed` with the provider's
 * error. The in-process kick-off after an invite and the `send-invites` cron job both drain it, so
 * retries survive restarts.
 */

export type SendDeps = Pick<
  Services,
  'prisma' | 'config' | 'emailSender' | 'whatsAppSender' | 'realtime' | 'logger'
>

/** What an email and a WhatsApp message have alike: their send state and the delivery timestamps both know. */
const DELIVERY_SELECT = {
  id: true,
  interviewId: true,
  status: true,
  transport: true,
  attempts: true,
  nextAttemptAt: true,
  errorMessage: true,
  batchId: true,
  sentAt: true,
  deliveredAt: true,
  failedAt: true,
  createdAt: true,
  interview: { select: { recruiterId: true } },
} as const

export const EMAIL_MESSAGE_SELECT = {
  ...DELIVERY_SELECT,
  recipientEmail: true,
  openedAt: true,
  bouncedAt: true,
} as const satisfies Prisma.EmailMessageSelect

export const WHATSAPP_MESSAGE_SELECT = {
  ...DELIVERY_SELECT,
  candidatePhone: true,
  readAt: true,
} as const satisfies Prisma.WhatsAppMessageSelect

type StoredEmail = Prisma.EmailMessageGetPayload<{ select: typeof EMAIL_MESSAGE_SELECT }>
type StoredWhatsApp = Prisma.WhatsAppMessageGetPayload<{ select: typeof WHATSAPP_MESSAGE_SELECT }>

const TRANSPORTS = ['brevo', 'whatsapp', 'outbox'] as const
type Transport = (typeof TRANSPORTS)[number]

function transportOf(value: string | null): Transport | null {
  return (TRANSPORTS as readonly string[]).includes(value ?? '') ? (value as Transport) : null
}

function statusOf(value: string): DeliveryStatus {
  return isDeliveryStatus(value) ? value : 'pending'
}

/** One message of either channel, as the API and the live events show it. */
export function presentEmailMessage(row: StoredEmail) {
  return {
    id: row.id,
    interviewId: row.interviewId,
    channel: 'email' as const,
    recipient: row.recipientEmail,
    status: statusOf(row.status),
    transport: transportOf(row.transport),
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    errorMessage: row.errorMessage,
    batchId: row.batchId,
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    openedAt: row.openedAt,
    readAt: null,
    bouncedAt: row.bouncedAt,
    failedAt: row.failedAt,
    createdAt: row.createdAt,
  }
}

export function presentWhatsAppMessage(row: StoredWhatsApp) {
  return {
    id: row.id,
    interviewId: row.interviewId,
    channel: 'whatsapp' as const,
    recipient: row.candidatePhone,
    status: statusOf(row.status),
    transport: transportOf(row.transport),
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    errorMessage: row.errorMessage,
    batchId: row.batchId,
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    openedAt: null,
    readAt: row.readAt,
    bouncedAt: null,
    failedAt: row.failedAt,
    createdAt: row.createdAt,
  }
}

export type PresentedMessage =
  | ReturnType<typeof presentEmailMessage>
  | ReturnType<typeof presentWhatsAppMessage>

export async function readMessage(
  db: DatabaseClient,
  channel: DeliveryChannel,
  id: string,
): Promise<{ message: PresentedMessage; recruiterId: string } | null> {
  if (channel === 'email') {
    const row = await db.emailMessage.findUnique({ where: { id }, select: EMAIL_MESSAGE_SELECT })
    return row && { message: presentEmailMessage(row), recruiterId: row.interview.recruiterId }
  }
  const row = await db.whatsAppMessage.findUnique({ where: { id }, select: WHATSAPP_MESSAGE_SELECT })
  return row && { message: presentWhatsAppMessage(row), recruiterId: row.interview.recruiterId }
}

/** Tells the interview's recruiter (and their open pages) where a message stands now. */
export async function publishMessageStatus(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  channel: DeliveryChannel,
  id: string,
): Promise<void> {
  const found = await readMessage(deps.prisma, channel, id)
  if (!found) return
  const { message, recruiterId } = found
  const payload = { interviewId: message.interviewId, messageId: message.id, status: message.status, message }
  deps.realtime.publish(
    { userIds: [recruiterId] },
    channel === 'email' ? 'email:status' : 'whatsapp:status',
    payload,
  )
}

// ─── Status changes (sends and webhooks alike) ────────────────────────────────

const TIMESTAMP_FIELDS: Record<DeliveryChannel, readonly string[]> = {
  email: ['sentAt', 'deliveredAt', 'openedAt', 'bouncedAt', 'failedAt'],
  whatsapp: ['sentAt', 'deliveredAt', 'readAt', 'failedAt'],
}

/** The two message tables share these columns; one loosely typed view keeps the status rules in one place. */
type MessageTable = {
  findUnique(args: {
    where: { id: string }
    select: Record<string, true>
  }): Promise<Record<string, unknown> | null>
  update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<unknown>
}

function tableOf(tx: Prisma.TransactionClient, channel: DeliveryChannel): MessageTable {
  return (channel === 'email' ? tx.emailMessage : tx.whatsAppMessage) as unknown as MessageTable
}

/**
 * Applies a reported status to a message under a row lock, by the rules of domain/delivery-status.ts:
 * forward only, failures final, each stage's timestamp set once. `extra` is written with it (the
 * provider's message id, an error message). Returns whether anything the recruiter sees changed.
 */
export async function applyReportedStatus(
  tx: Prisma.TransactionClient,
  input: {
    channel: DeliveryChannel
    id: string
    reported: DeliveryStatus
    at: Date
    /** Written whatever the report decides. */
    extra?: Record<string, unknown>
    /** Written only when the report moves the status (a failure's reason). */
    extraIfChanged?: Record<string, unknown>
  },
): Promise<boolean> {
  const { channel, id, reported, at } = input
  // Webhooks and the sender may report on one message at once; the lock makes them take turns.
  if (channel === 'email') await tx.$queryRaw`SELECT id FROM "EmailMessage" WHERE id = ${id} FOR UPDATE`
  else await tx.$queryRaw`SELECT id FROM "WhatsAppMessage" WHERE id = ${id} FOR UPDATE`
  const fields = TIMESTAMP_FIELDS[channel]
  const current = await tableOf(tx, channel).findUnique({
    where: { id },
    select: Object.fromEntries([['status', true], ...fields.map((field) => [field, true])]) as Record<
      string,
      true
    >,
  })
  if (!current) return false
  const decision = applyDeliveryReport(statusOf(String(current.status)), reported)
  const data: Record<string, unknown> = { ...input.extra }
  if (decision.isChanged) Object.assign(data, input.extraIfChanged, { status: decision.status })
  const field = decision.timestampField
  if (field && fields.includes(field) && current[field] === null) data[field] = at
  if (Object.keys(data).length === 0) return false
  await tableOf(tx, channel).update({ where: { id }, data })
  return true
}

// ─── The queue ────────────────────────────────────────────────────────────────

/** How long a claimed message is left to its worker before another may try it. */
function leaseMs(config: SendDeps['config']): number {
  return config.INVITE_SEND_TIMEOUT_MS * 2 + 60_000
}

/** The wait before attempt `attemptsMade + 1`: the base, doubling per attempt, plus up to 10 % jitter. */
export function retryDelayMs(config: SendDeps['config'], attemptsMade: number): number {
  const base = config.INVITE_RETRY_BASE_SECONDS * 1000 * 2 ** Math.max(0, attemptsMade - 1)
  return Math.round(base * (1 + Math.random() * 0.1))
}

type Claimed =
  | { channel: 'email'; row: Prisma.EmailMessageGetPayload<{ select: typeof EMAIL_SEND_SELECT }> }
  | { channel: 'whatsapp'; row: Prisma.WhatsAppMessageGetPayload<{ select: typeof WHATSAPP_SEND_SELECT }> }

const EMAIL_SEND_SELECT = {
  id: true,
  interviewId: true,
  recipientEmail: true,
  recipientName: true,
  subject: true,
  htmlContent: true,
  textContent: true,
  attempts: true,
  batchId: true,
} as const satisfies Prisma.EmailMessageSelect

const WHATSAPP_SEND_SELECT = {
  id: true,
  interviewId: true,
  candidatePhone: true,
  templateName: true,
  templateLanguage: true,
  templateParams: true,
  textContent: true,
  attempts: true,
  batchId: true,
} as const satisfies Prisma.WhatsAppMessageSelect

/** Takes a due message for this worker; null when it is not due or another worker has it. */
async function claim(
  deps: SendDeps,
  channel: DeliveryChannel,
  id: string,
  now: Date,
): Promise<Claimed | null> {
  const where = { id, status: 'pending', nextAttemptAt: { lte: now } }
  const data = {
    attempts: { increment: 1 },
    lastAttemptAt: now,
    nextAttemptAt: new Date(now.getTime() + leaseMs(deps.config)),
  }
  if (channel === 'email') {
    const { count } = await deps.prisma.emailMessage.updateMany({ where, data })
    if (count === 0) return null
    const row = await deps.prisma.emailMessage.findUniqueOrThrow({ where: { id }, select: EMAIL_SEND_SELECT })
    return { channel, row }
  }
  const { count } = await deps.prisma.whatsAppMessage.updateMany({ where, data })
  if (count === 0) return null
  const row = await deps.prisma.whatsAppMessage.findUniqueOrThrow({
    where: { id },
    select: WHATSAPP_SEND_SELECT,
  })
  return { channel, row }
}

function outgoingEmail(row: Extract<Claimed, { channel: 'email' }>['row']): OutgoingEmail {
  return {
    to: { email: row.recipientEmail, ...(row.recipientName ? { name: row.recipientName } : {}) },
    subject: row.subject,
    htmlContent: row.htmlContent,
    textContent: row.textContent,
    reference: row.id,
    tags: ['interview-invite'],
  }
}

function outgoingWhatsApp(row: Extract<Claimed, { channel: 'whatsapp' }>['row']): OutgoingWhatsApp {
  return {
    to: row.candidatePhone,
    templateName: row.templateName,
    languageCode: row.templateLanguage,
    bodyParameters: row.templateParams,
    reference: row.id,
  }
}

type EmailToSend = Extract<Claimed, { channel: 'email' }>['row']
type WhatsAppToSend = Extract<Claimed, { channel: 'whatsapp' }>['row']

/** The outbox's copy of an email: what would have gone out, and the body Brevo would have received. */
function emailOutboxCopy(deps: SendDeps, row: EmailToSend) {
  return {
    channel: 'email' as const,
    interviewId: row.interviewId,
    emailMessageId: row.id,
    recipient: row.recipientEmail,
    subject: row.subject,
    htmlContent: row.htmlContent,
    textContent: row.textContent,
    payload: buildBrevoBody(deps.emailSender.sender, outgoingEmail(row)) as unknown as Prisma.InputJsonValue,
  }
}

/** The outbox's copy of a WhatsApp message, with the body the Cloud API would have received. */
function whatsAppOutboxCopy(row: WhatsAppToSend) {
  return {
    channel: 'whatsapp' as const,
    interviewId: row.interviewId,
    whatsappMessageId: row.id,
    recipient: row.candidatePhone,
    textContent: row.textContent,
    payload: buildWhatsAppBody(outgoingWhatsApp(row)) as unknown as Prisma.InputJsonValue,
  }
}

/** Keeps the message in the outbox instead of sending it, and marks it sent there. */
async function deliverToOutbox(deps: SendDeps, claimed: Claimed, now: Date): Promise<void> {
  const { channel, row } = claimed
  const outbox = channel === 'email' ? emailOutboxCopy(deps, row) : whatsAppOutboxCopy(row)
  await deps.prisma.$transaction(async (tx) => {
    try {
      await tx.outboxMessage.create({ data: outbox })
    } catch (error) {
      // Already there (a worker whose lease lapsed got this far before): keep the one copy.
      if (!isUniqueViolation(error)) throw error
    }
    await applyReportedStatus(tx, {
      channel,
      id: row.id,
      reported: 'sent',
      at: now,
      extra: { transport: 'outbox', nextAttemptAt: null, errorMessage: null },
    })
  })
}

/**
 * `deliverToOutbox` for many due messages of one channel at once (a bulk invite without a provider):
 * claims those still due, writes their outbox copies and marks them sent, then publishes each.
 * Returns how many it took.
 */
async function deliverManyToOutbox(
  deps: SendDeps,
  input: { channel: DeliveryChannel; ids: string[]; now: Date },
): Promise<number> {
  const { channel, ids, now } = input
  const due = { id: { in: ids }, status: 'pending', nextAttemptAt: { lte: now } }
  const settled = {
    status: 'sent',
    sentAt: now,
    transport: 'outbox',
    nextAttemptAt: null,
    errorMessage: null,
  }
  const claimedIds = await deps.prisma.$transaction(async (tx) => {
    if (channel === 'email') {
      const rows = await tx.emailMessage.updateManyAndReturn({
        where: due,
        data: { ...settled, attempts: { increment: 1 }, lastAttemptAt: now },
        select: EMAIL_SEND_SELECT,
      })
      await tx.outboxMessage.createMany({
        data: rows.map((row) => emailOutboxCopy(deps, row)),
        skipDuplicates: true,
      })
      return rows.map((row) => row.id)
    }
    const rows = await tx.whatsAppMessage.updateManyAndReturn({
      where: due,
      data: { ...settled, attempts: { increment: 1 }, lastAttemptAt: now },
      select: WHATSAPP_SEND_SELECT,
    })
    await tx.outboxMessage.createMany({
      data: rows.map(whatsAppOutboxCopy),
      skipDuplicates: true,
    })
    return rows.map((row) => row.id)
  })
  await publishMessageStatuses(deps, channel, claimedIds)
  return claimedIds.length
}

/** `publishMessageStatus` for many messages of one channel, read in one query. */
async function publishMessageStatuses(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  channel: DeliveryChannel,
  ids: string[],
): Promise<void> {
  const found =
    channel === 'email'
      ? (
          await deps.prisma.emailMessage.findMany({
            where: { id: { in: ids } },
            select: EMAIL_MESSAGE_SELECT,
          })
        ).map((row) => ({ message: presentEmailMessage(row), recruiterId: row.interview.recruiterId }))
      : (
          await deps.prisma.whatsAppMessage.findMany({
            where: { id: { in: ids } },
            select: WHATSAPP_MESSAGE_SELECT,
          })
        ).map((row) => ({ message: presentWhatsAppMessage(row), recruiterId: row.interview.recruiterId }))
  for (const { message, recruiterId } of found) {
    deps.realtime.publish(
      { userIds: [recruiterId] },
      channel === 'email' ? 'email:status' : 'whatsapp:status',
      {
        interviewId: message.interviewId,
        messageId: message.id,
        status: message.status,
        message,
      },
    )
  }
}

/** One attempt at one claimed message, and what follows from it. Never throws for a provider's failure. */
async function attemptClaimed(deps: SendDeps, claimed: Claimed, now: Date): Promise<void> {
  const { channel, row } = claimed
  const sender = channel === 'email' ? deps.emailSender : deps.whatsAppSender
  if (!sender.isConfigured) return deliverToOutbox(deps, claimed, now)
  try {
    const { providerMessageId } =
      claimed.channel === 'email'
        ? await deps.emailSender.send(outgoingEmail(claimed.row))
        : await deps.whatsAppSender.send(outgoingWhatsApp(claimed.row))
    await deps.prisma.$transaction((tx) =>
      applyReportedStatus(tx, {
        channel,
        id: row.id,
        reported: 'sent',
        at: new Date(),
        extra: {
          messageId: providerMessageId,
          transport: channel === 'email' ? 'brevo' : 'whatsapp',
          nextAttemptAt: null,
          errorMessage: null,
        },
      }),
    )
  } catch (thrown) {
    const error =
      thrown instanceof MessageSendError
        ? thrown
        : new MessageSendError('retryable', thrown instanceof Error ? thrown.message : String(thrown))
    const isLast = row.attempts >= deps.config.INVITE_SEND_MAX_ATTEMPTS
    deps.logger.warn(
      { channel, messageId: row.id, attempt: row.attempts, status: error.status, kind: error.kind, isLast },
      'invite send failed',
    )
    if (error.kind === 'retryable' && !isLast) {
      const update = {
        where: { id: row.id },
        data: {
          errorMessage: error.message,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(deps.config, row.attempts)),
        },
      }
      if (channel === 'email') await deps.prisma.emailMessage.update(update)
      else await deps.prisma.whatsAppMessage.update(update)
      return
    }
    await deps.prisma.$transaction((tx) =>
      applyReportedStatus(tx, {
        channel,
        id: row.id,
        reported: 'failed',
        at: new Date(),
        extra: { nextAttemptAt: null },
        extraIfChanged: { errorMessage: error.message },
      }),
    )
  }
}

/** Attempts one message if it is due; publishes where it stands afterwards. */
export async function attemptSend(
  deps: SendDeps,
  input: { channel: DeliveryChannel; id: string; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date()
  const claimed = await claim(deps, input.channel, input.id, now)
  if (!claimed) return false
  await attemptClaimed(deps, claimed, now)
  await publishMessageStatus(deps, input.channel, input.id)
  return true
}

/** How many messages are tried at once. Providers take thousands per second; this bounds our own load. */
const SEND_CONCURRENCY = 4

export type DrainResult = { attempted: number; batchIds: string[] }

/**
 * Attempts the messages that are due (all of them, or one batch's), oldest first, `limit` at most.
 * `now` decides what is due and dates the next attempts.
 */
export async function processDueInviteSends(
  deps: SendDeps,
  input: { now?: Date; batchId?: string; limit?: number } = {},
): Promise<DrainResult> {
  const now = input.now ?? new Date()
  const limit = input.limit ?? 100
  const where = {
    status: 'pending',
    nextAttemptAt: { lte: now },
    ...(input.batchId ? { batchId: input.batchId } : {}),
  }
  const query = { where, orderBy: [{ nextAttemptAt: 'asc' as const }, { id: 'asc' as const }], take: limit }
  const [emails, whatsapps] = await Promise.all([
    deps.prisma.emailMessage.findMany({ ...query, select: { id: true, batchId: true } }),
    deps.prisma.whatsAppMessage.findMany({ ...query, select: { id: true, batchId: true } }),
  ])
  const due = [
    ...emails.map((row) => ({ channel: 'email' as const, ...row })),
    ...whatsapps.map((row) => ({ channel: 'whatsapp' as const, ...row })),
  ]
  let attempted = 0
  // Without a provider there is nothing to wait for: the outbox takes its share in a few statements.
  for (const channel of ['email', 'whatsapp'] as const) {
    const sender = channel === 'email' ? deps.emailSender : deps.whatsAppSender
    if (sender.isConfigured) continue
    const ids = due.filter((message) => message.channel === channel).map((message) => message.id)
    if (ids.length > 0) attempted += await deliverManyToOutbox(deps, { channel, ids, now })
  }
  const toSend = due.filter((message) =>
    message.channel === 'email' ? deps.emailSender.isConfigured : deps.whatsAppSender.isConfigured,
  )
  for (let index = 0; index < toSend.length; index += SEND_CONCURRENCY) {
    const results = await Promise.all(
      toSend.slice(index, index + SEND_CONCURRENCY).map((message) =>
        attemptSend(deps, { channel: message.channel, id: message.id, now }).catch((error: unknown) => {
          deps.logger.error({ err: error, messageId: message.id }, 'invite send could not be recorded')
          return false
        }),
      ),
    )
    attempted += results.filter(Boolean).length
  }
  const batchIds = [...new Set(due.map((message) => message.batchId).filter((id) => id !== null))]
  return { attempted, batchIds }
}

/** Sends just-recorded messages now, without making the caller wait; the cron job catches whatever this misses. */
export function startSending(deps: SendDeps, messages: { channel: DeliveryChannel; id: string }[]): void {
  void (async () => {
    for (const message of messages) await attemptSend(deps, message)
  })().catch((error: unknown) => deps.logger.error({ err: error }, 'invite send could not start'))
}
