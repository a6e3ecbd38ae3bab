import { z } from 'zod'
import type { Actor } from '../domain/actor.js'
import { type DeliveryChannel, isDeliveryStatus } from '../domain/delivery-status.js'
import type { Services } from '../infra/container.js'
import type { CandidateCsvRow } from '../lib/candidate-csv.js'
import { AppError } from '../lib/errors.js'
import { renderInviteEmail, renderInviteWhatsApp } from '../lib/invite-message.js'
import { describeUnstorableText } from '../lib/storable-text.js'
import { E164_PATTERN } from '../schemas/invites.js'
import { requireAccount } from './access.js'
import { buildInterviewUrl, DEFAULT_LINK_LIFETIME_MS, generateLinkToken } from './interview-links.js'
import { processDueInviteSends, type SendDeps } from './invite-sends.js'
import { deliveryModes, inviteMessageRows, loadBranding } from './invites.js'
import { findManagedJob } from './jobs.js'

/** The time limit bulk-made interviews get (the interview form's default). */
const DEFAULT_TIME_LIMIT_MINUTES = 30
const MAX_NAME_LENGTH = 200
const MAX_NOTES_LENGTH = 2000
const EmailSchema = z.email()

export type RowError = { row: number; email: string | null; reason: string }

type ValidRow = {
  row: number
  name: string | null
  email: string
  phone: string | null
  notes: string | null
  channels: DeliveryChannel[]
}

/**
 * Checks each row on its own: a missing or invalid email, an invalid phone, an email already given
 * on an earlier row, or a WhatsApp-only invite without a phone refuse that row (with its number and
 * why) and nothing else. Rows are numbered from 1, a CSV's header not counted.
 */
export function checkBulkRows(
  rows: readonly CandidateCsvRow[],
  channels: readonly DeliveryChannel[],
): { valid: ValidRow[]; rejected: RowError[] } {
  const valid: ValidRow[] = []
  const rejected: RowError[] = []
  const firstRowOf = new Map<string, number>()
  rows.forEach((raw, index) => {
    const row = index + 1
    const checked = checkRow(raw, channels, firstRowOf)
    if ('reason' in checked) {
      rejected.push({ row, email: raw.email?.trim().toLowerCase() || null, reason: checked.reason })
      return
    }
    firstRowOf.set(checked.email, row)
    valid.push({ row, ...checked })
  })
  return { valid, rejected }
}

/** Why one row cannot be invited, or what it says once checked. */
function checkRow(
  raw: CandidateCsvRow,
  channels: readonly DeliveryChannel[],
  firstRowOf: ReadonlyMap<string, number>,
): { reason: string } | Omit<ValidRow, 'row'> {
  const unstorable = Object.entries(raw).find(([, value]) => value && describeUnstorableText(value))
  if (unstorable) return { reason: `${unstorable[0]} contains characters that cannot be stored` }
  const email = raw.email?.trim().toLowerCase() ?? ''
  if (!email) return { reason: 'email is missing' }
  if (!EmailSchema.safeParse(email).success || email.length > 320)
    return { reason: `email "${raw.email?.trim()}" is not a valid address` }
  const earlier = firstRowOf.get(email)
  if (earlier !== undefined) return { reason: `email is already on row ${earlier}` }
  const phone = raw.phone?.trim().replace(/[\s().-]/g, '') ?? ''
  if (phone && !E164_PATTERN.test(phone))
    return { reason: `phone "${raw.phone?.trim()}" is not in E.164 form (for example +14155550123)` }
  const name = raw.name?.trim() || null
  if (name && name.length > MAX_NAME_LENGTH)
    return { reason: `name is longer than ${MAX_NAME_LENGTH} characters` }
  const notes = raw.notes?.trim() || null
  if (notes && notes.length > MAX_NOTES_LENGTH)
    return { reason: `notes are longer than ${MAX_NOTES_LENGTH} characters` }
  const rowChannels = channels.filter((channel) => channel !== 'whatsapp' || phone !== '')
  if (rowChannels.length === 0) return { reason: 'phone is missing, and WhatsApp is the only channel chosen' }
  return { name, email, phone: phone || null, notes, channels: rowChannels }
}

type BatchDeps = SendDeps

/**
 * One interview (for the job: its title as the role, the default time limit) and its invites per
 * valid row, in one transaction; bad rows are reported and skipped. With `dryRun`, only the preview
 * and the row errors: nothing is written. The sends then go out in the background; their progress is
 * published as `invite:batch` and readable at GET /api/invite-batches/{id}.
 */
export async function createInviteBatch(
  deps: BatchDeps,
  actor: Actor,
  input: { jobId: string; rows: CandidateCsvRow[]; channels: DeliveryChannel[]; isDryRun: boolean },
) {
  const account = requireAccount(actor)
  const { channels } = input
  if (input.rows.length === 0)
    throw new AppError({ code: 'BAD_REQUEST', message: 'The list has no candidates.' })
  await findManagedJob(deps.prisma, input.jobId, account)
  const job = await deps.prisma.job.findUniqueOrThrow({
    where: { id: input.jobId },
    select: { id: true, title: true, recruiterId: true },
  })
  const { valid, rejected } = checkBulkRows(input.rows, channels)
  const frontendUrl = deps.config.FRONTEND_URL
  // Interviews belong to the job's recruiter, whoever (an admin) sends them.
  const recruiterId = job.recruiterId
  const branding = await loadBranding(deps.prisma, { recruiterId, publicOrigin: frontendUrl })
  const now = new Date()
  const expiresAt = new Date(now.getTime() + DEFAULT_LINK_LIFETIME_MS)
  const detailsFor = (row: ValidRow, url: string) => ({
    candidateName: row.name,
    jobRole: job.title,
    url,
    expiresAt,
    timeLimitMinutes: DEFAULT_TIME_LIMIT_MINUTES,
    type: 'TEXT' as const,
  })
  const first = valid[0]
  const sample = first && detailsFor(first, new URL('/interview/…', frontendUrl).toString())
  const summary = {
    totalRows: input.rows.length,
    validRows: valid.length,
    rejected,
    recipients: valid.map(({ row, name, email, phone, channels: rowChannels }) => ({
      row,
      name,
      email,
      phone,
      channels: rowChannels,
    })),
    preview:
      first && sample
        ? {
            email: first.channels.includes('email')
              ? (({ subject, textContent }) => ({ to: first.email, subject, textContent }))(
                  renderInviteEmail(branding, sample),
                )
              : null,
            whatsapp: first.channels.includes('whatsapp')
              ? { textContent: renderInviteWhatsApp(branding, sample).textContent }
              : null,
          }
        : null,
    delivery: deliveryModes(deps),
  }
  if (input.isDryRun || valid.length === 0) return { isDryRun: input.isDryRun, batchId: null, ...summary }

  const candidates = await deps.prisma.user.findMany({
    where: { email: { in: valid.map((row) => row.email) }, role: 'CANDIDATE' },
    select: { id: true, email: true },
  })
  const candidateIdOf = new Map(candidates.map((candidate) => [candidate.email, candidate.id]))
  const batchId = crypto.randomUUID()
  const planned = valid.map((row) => {
    const interviewId = crypto.randomUUID()
    const token = generateLinkToken()
    const url = buildInterviewUrl(frontendUrl, token)
    const messages = inviteMessageRows(deps.config, {
      interviewId,
      channels: row.channels,
      email: row.email,
      name: row.name,
      phone: row.phone,
      branding,
      details: detailsFor(row, url),
      batchId,
      now,
    })
    return { row, interviewId, token, url, messages }
  })
  await deps.prisma.$transaction(
    async (tx) => {
      await tx.inviteBatch.create({
        data: {
          id: batchId,
          jobId: job.id,
          recruiterId,
          channels,
          interviewCount: planned.length,
          rejectedRows: rejected,
        },
      })
      await tx.interview.createMany({
        data: planned.map(({ row, interviewId, url }) => ({
          id: interviewId,
          recruiterId,
          jobId: job.id,
          jobRole: job.title,
          type: 'TEXT' as const,
          timeLimitMinutes: DEFAULT_TIME_LIMIT_MINUTES,
          candidateEmail: row.email,
          candidateName: row.name,
          candidateNotes: row.notes,
          candidateUserId: candidateIdOf.get(row.email),
          interviewUrl: url,
        })),
      })
      await tx.interviewSession.createMany({
        data: planned.map(({ interviewId, token }) => ({ interviewId, token, expiresAt })),
      })
      const emails = planned.flatMap(({ messages }) => (messages.email ? [messages.email] : []))
      const whatsapps = planned.flatMap(({ messages }) => (messages.whatsapp ? [messages.whatsapp] : []))
      if (emails.length > 0) await tx.emailMessage.createMany({ data: emails })
      if (whatsapps.length > 0) await tx.whatsAppMessage.createMany({ data: whatsapps })
    },
    // A thousand rows are a few large inserts; the default five seconds is tight on a loaded machine.
    { timeout: 60_000 },
  )
  deps.logger.info(
    { batchId, jobId: job.id, interviews: planned.length, rejected: rejected.length },
    'invite batch created',
  )
  drainBatchInBackground(deps, { batchId })
  return { isDryRun: false, batchId, ...summary }
}

/** Sends a new batch's messages now, reporting progress as it goes; the cron job finishes what this leaves. */
function drainBatchInBackground(deps: BatchDeps, input: { batchId: string }) {
  void (async () => {
    await publishBatchProgress(deps, input.batchId)
    for (;;) {
      const { attempted } = await processDueInviteSends(deps, { batchId: input.batchId, limit: 50 })
      await publishBatchProgress(deps, input.batchId)
      if (attempted === 0) return
    }
  })().catch((error: unknown) =>
    deps.logger.error({ err: error, batchId: input.batchId }, 'invite batch could not be sent'),
  )
}

/** The cron job's work: every due message, then each touched batch's progress. */
export async function sendDueInvites(deps: BatchDeps) {
  const result = await processDueInviteSends(deps, { limit: 200 })
  for (const batchId of result.batchIds) await publishBatchProgress(deps, batchId)
  return { attempted: result.attempted }
}

async function countBatch(deps: Pick<Services, 'prisma'>, batchId: string) {
  const [emails, whatsapps] = await Promise.all([
    deps.prisma.emailMessage.groupBy({ by: ['status'], where: { batchId }, _count: { _all: true } }),
    deps.prisma.whatsAppMessage.groupBy({ by: ['status'], where: { batchId }, _count: { _all: true } }),
  ])
  const counts = { total: 0, pending: 0, sent: 0, delivered: 0, opened: 0, failed: 0 }
  for (const group of [...emails, ...whatsapps]) {
    const count = group._count._all
    counts.total += count
    const status = isDeliveryStatus(group.status) ? group.status : 'pending'
    if (status === 'read') counts.opened += count
    else if (status === 'bounced') counts.failed += count
    else counts[status] += count
  }
  return counts
}

export async function publishBatchProgress(deps: Pick<Services, 'prisma' | 'realtime'>, batchId: string) {
  const batch = await deps.prisma.inviteBatch.findUnique({
    where: { id: batchId },
    select: { jobId: true, recruiterId: true },
  })
  if (!batch) return
  const counts = await countBatch(deps, batchId)
  deps.realtime.publish({ userIds: [batch.recruiterId] }, 'invite:batch', {
    batchId,
    jobId: batch.jobId,
    counts,
    isComplete: counts.pending === 0,
  })
}

const RowErrorsSchema = z.array(
  z.object({ row: z.number(), email: z.string().nullable(), reason: z.string() }),
)

/** A batch and how far its sends have got, for the recruiter whose job it is, or an admin. */
export async function getInviteBatch(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { batchId: string },
) {
  const account = requireAccount(actor)
  const batch = await deps.prisma.inviteBatch.findUnique({
    where: { id: input.batchId },
    select: {
      id: true,
      jobId: true,
      recruiterId: true,
      channels: true,
      interviewCount: true,
      rejectedRows: true,
      createdAt: true,
    },
  })
  if (!batch || (!account.isAdmin && batch.recruiterId !== account.userId))
    throw new AppError({ code: 'NOT_FOUND', message: 'No such invite batch.' })
  const counts = await countBatch(deps, batch.id)
  return {
    id: batch.id,
    jobId: batch.jobId,
    channels: batch.channels.filter(
      (channel): channel is DeliveryChannel => channel === 'email' || channel === 'whatsapp',
    ),
    interviewCount: batch.interviewCount,
    rejected: RowErrorsSchema.catch([]).parse(batch.rejectedRows),
    counts,
    isComplete: counts.pending === 0,
    createdAt: batch.createdAt,
  }
}
