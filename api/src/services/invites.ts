import type { Actor } from '../domain/actor.js'
import type { DeliveryChannel } from '../domain/delivery-status.js'
import { isInterviewExpired } from '../domain/interview-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import {
  type InviteBranding,
  type InviteDetails,
  renderInviteEmail,
  renderInviteWhatsApp,
} from '../lib/invite-message.js'
import { requireAccount } from './access.js'
import {
  assertManaged,
  buildInterviewUrl,
  type DatabaseClient,
  DEFAULT_LINK_LIFETIME_MS,
  insertInterviewLink,
} from './interview-links.js'
import {
  EMAIL_MESSAGE_SELECT,
  type PresentedMessage,
  presentEmailMessage,
  presentWhatsAppMessage,
  type SendDeps,
  startSending,
  WHATSAPP_MESSAGE_SELECT,
} from './invite-sends.js'

/** Whether invites really leave, or stay in the local outbox because no provider is configured. */
export function deliveryModes(deps: Pick<Services, 'emailSender' | 'whatsAppSender'>) {
  return {
    email: deps.emailSender.isConfigured ? ('brevo' as const) : ('outbox' as const),
    whatsapp: deps.whatsAppSender.isConfigured ? ('whatsapp' as const) : ('outbox' as const),
  }
}

/** The recruiter's branding as invites use it; the logo is linked at its public address. */
export async function loadBranding(
  db: DatabaseClient,
  input: { recruiterId: string; publicOrigin: string },
): Promise<InviteBranding> {
  const profile = await db.recruiterProfile.findUnique({
    where: { userId: input.recruiterId },
    select: {
      companyName: true,
      logoFileId: true,
      brandColor: true,
      emailIntro: true,
      emailTips: true,
      emailCtaText: true,
    },
  })
  return {
    companyName: profile?.companyName ?? null,
    // Logos are public files (services/file-access.ts), so a mail client can load them.
    logoUrl: profile?.logoFileId
      ? new URL(`/api/files/${profile.logoFileId}`, input.publicOrigin).toString()
      : null,
    brandColor: profile?.brandColor ?? null,
    emailIntro: profile?.emailIntro ?? null,
    emailTips: profile?.emailTips ?? null,
    emailCtaText: profile?.emailCtaText ?? null,
  }
}

const INVITABLE_SELECT = {
  id: true,
  recruiterId: true,
  status: true,
  expiresAt: true,
  interviewUrl: true,
  candidateEmail: true,
  candidateName: true,
  jobRole: true,
  type: true,
  timeLimitMinutes: true,
} as const satisfies Prisma.InterviewSelect

type InvitableInterview = Prisma.InterviewGetPayload<{ select: typeof INVITABLE_SELECT }>

function assertInvitable(interview: InvitableInterview, now: Date) {
  if (interview.status === 'COMPLETED' || isInterviewExpired(interview, now)) {
    throw new AppError({
      code: 'CONFLICT',
      message: `This interview is ${interview.status === 'COMPLETED' ? 'completed' : 'expired'}; there is nothing to invite the candidate to.`,
    })
  }
}

/** The interview's current link if it still opens the interview; null otherwise. */
async function findActiveLink(db: DatabaseClient, interview: InvitableInterview, now: Date) {
  if (!interview.interviewUrl) return null
  const token = new URL(interview.interviewUrl).pathname.split('/').at(-1) ?? ''
  const link = await db.interviewSession.findUnique({
    where: { token },
    select: { token: true, expiresAt: true, revokedAt: true, interviewId: true },
  })
  if (!link || link.interviewId !== interview.id || link.revokedAt || link.expiresAt <= now) return null
  return link
}

/** The current link, or a new one when none is active; call it inside the transaction that records the invite. */
async function ensureActiveLink(
  tx: Prisma.TransactionClient,
  input: { interview: InvitableInterview; frontendUrl: string; now: Date },
) {
  const { interview, frontendUrl, now } = input
  const active = await findActiveLink(tx, interview, now)
  if (active) return { url: buildInterviewUrl(frontendUrl, active.token), expiresAt: active.expiresAt }
  const created = await insertInterviewLink(tx, { frontendUrl, interviewId: interview.id })
  return { url: created.interviewUrl, expiresAt: created.expiresAt }
}

function detailsOf(interview: InvitableInterview, link: { url: string; expiresAt: Date }): InviteDetails {
  return {
    candidateName: interview.candidateName,
    jobRole: interview.jobRole,
    url: link.url,
    expiresAt: link.expiresAt,
    timeLimitMinutes: interview.timeLimitMinutes,
    type: interview.type,
  }
}

/** The rows that record invites before they are sent: `pending`, due now. */
export function inviteMessageRows(
  config: Services['config'],
  input: {
    interviewId: string
    channels: readonly DeliveryChannel[]
    email: string
    name: string | null
    phone: string | null
    branding: InviteBranding
    details: InviteDetails
    batchId?: string
    now: Date
  },
) {
  const { interviewId, channels, branding, details, now } = input
  const common = {
    interviewId,
    status: 'pending',
    nextAttemptAt: now,
    linkExpiresAt: details.expiresAt,
    batchId: input.batchId,
  }
  const email = channels.includes('email')
    ? {
        id: crypto.randomUUID(),
        ...common,
        recipientEmail: input.email,
        recipientName: input.name,
        ...renderInviteEmail(branding, details),
      }
    : null
  const whatsapp =
    channels.includes('whatsapp') && input.phone
      ? (() => {
          const rendered = renderInviteWhatsApp(branding, details)
          return {
            id: crypto.randomUUID(),
            ...common,
            candidatePhone: input.phone,
            templateName: config.WHATSAPP_TEMPLATE_NAME,
            templateLanguage: config.WHATSAPP_TEMPLATE_LANGUAGE,
            templateParams: rendered.bodyParameters,
            textContent: rendered.textContent,
          }
        })()
      : null
  return { email, whatsapp }
}

type InviteDeps = SendDeps

/**
 * Records the invite (one message per channel, `pending`, with the interview's active link — a new
 * one if none is active) and starts sending it. The answer comes before the provider's: the
 * messages' statuses follow live (`email:status`, `whatsapp:status`) and at GET …/invites.
 */
export async function sendInvites(
  deps: InviteDeps,
  actor: Actor,
  input: { interviewId: string; channels: DeliveryChannel[]; phone?: string },
) {
  const account = requireAccount(actor)
  const now = new Date()
  const frontendUrl = deps.config.FRONTEND_URL
  const recorded = await deps.prisma.$transaction(async (tx) => {
    const interview = assertManaged(
      await tx.interview.findUnique({ where: { id: input.interviewId }, select: INVITABLE_SELECT }),
      account,
    )
    assertInvitable(interview, now)
    const link = await ensureActiveLink(tx, { interview, frontendUrl, now })
    const branding = await loadBranding(tx, { recruiterId: interview.recruiterId, publicOrigin: frontendUrl })
    const rows = inviteMessageRows(deps.config, {
      interviewId: interview.id,
      channels: input.channels,
      email: interview.candidateEmail,
      name: interview.candidateName,
      phone: input.phone ?? null,
      branding,
      details: detailsOf(interview, link),
      now,
    })
    if (rows.email) await tx.emailMessage.create({ data: rows.email })
    if (rows.whatsapp) await tx.whatsAppMessage.create({ data: rows.whatsapp })
    return { link, emailId: rows.email?.id, whatsappId: rows.whatsapp?.id }
  })
  const queued = [
    ...(recorded.emailId ? [{ channel: 'email' as const, id: recorded.emailId }] : []),
    ...(recorded.whatsappId ? [{ channel: 'whatsapp' as const, id: recorded.whatsappId }] : []),
  ]
  const messages = await readMessages(deps.prisma, queued)
  startSending(deps, queued)
  return { messages, link: recorded.link }
}

async function readMessages(
  db: DatabaseClient,
  ids: { channel: DeliveryChannel; id: string }[],
): Promise<PresentedMessage[]> {
  const emailIds = ids.filter((entry) => entry.channel === 'email').map((entry) => entry.id)
  const whatsappIds = ids.filter((entry) => entry.channel === 'whatsapp').map((entry) => entry.id)
  const [emails, whatsapps] = await Promise.all([
    db.emailMessage.findMany({ where: { id: { in: emailIds } }, select: EMAIL_MESSAGE_SELECT }),
    db.whatsAppMessage.findMany({ where: { id: { in: whatsappIds } }, select: WHATSAPP_MESSAGE_SELECT }),
  ])
  return [...emails.map(presentEmailMessage), ...whatsapps.map(presentWhatsAppMessage)]
}

/** Every invite sent for the interview, newest first, with where each stands. */
export async function listInvites(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const interview = assertManaged(
    await deps.prisma.interview.findUnique({
      where: { id: input.interviewId },
      select: {
        recruiterId: true,
        emailMessages: { select: EMAIL_MESSAGE_SELECT },
        whatsappMessages: { select: WHATSAPP_MESSAGE_SELECT },
      },
    }),
    account,
  )
  return [
    ...interview.emailMessages.map(presentEmailMessage),
    ...interview.whatsappMessages.map(presentWhatsAppMessage),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
}

/**
 * Sends a message again, to the same recipient on the same channel, as a new message (the old one
 * keeps its own history), with the interview's active link.
 */
export async function resendInvite(
  deps: InviteDeps,
  actor: Actor,
  input: { interviewId: string; messageId: string },
) {
  const account = requireAccount(actor)
  const { interviewId, messageId } = input
  assertManaged(
    await deps.prisma.interview.findUnique({ where: { id: interviewId }, select: { recruiterId: true } }),
    account,
  )
  const [email, whatsapp] = await Promise.all([
    deps.prisma.emailMessage.findFirst({ where: { id: messageId, interviewId }, select: { id: true } }),
    deps.prisma.whatsAppMessage.findFirst({
      where: { id: messageId, interviewId },
      select: { candidatePhone: true },
    }),
  ])
  if (!email && !whatsapp)
    throw new AppError({ code: 'NOT_FOUND', message: 'No such message for this interview.' })
  const sent = await sendInvites(deps, actor, {
    interviewId,
    channels: email ? ['email'] : ['whatsapp'],
    phone: whatsapp?.candidatePhone,
  })
  const message = sent.messages[0]
  if (!message) throw new Error('A resend recorded no message')
  return message
}

/** How the invite will read, before anything is sent or any link is made. */
export async function previewInvite(
  deps: Pick<Services, 'prisma' | 'config' | 'emailSender' | 'whatsAppSender'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const now = new Date()
  const interview = assertManaged(
    await deps.prisma.interview.findUnique({ where: { id: input.interviewId }, select: INVITABLE_SELECT }),
    account,
  )
  const frontendUrl = deps.config.FRONTEND_URL
  const active = await findActiveLink(deps.prisma, interview, now)
  const link = active
    ? { url: buildInterviewUrl(frontendUrl, active.token), expiresAt: active.expiresAt }
    : null
  const shown = link ?? {
    url: new URL('/interview/…', frontendUrl).toString(),
    expiresAt:
      interview.expiresAt && interview.expiresAt.getTime() < now.getTime() + DEFAULT_LINK_LIFETIME_MS
        ? interview.expiresAt
        : new Date(now.getTime() + DEFAULT_LINK_LIFETIME_MS),
  }
  const branding = await loadBranding(deps.prisma, {
    recruiterId: interview.recruiterId,
    publicOrigin: frontendUrl,
  })
  const details = detailsOf(interview, shown)
  const whatsapp = renderInviteWhatsApp(branding, details)
  return {
    email: { to: interview.candidateEmail, ...renderInviteEmail(branding, details) },
    whatsapp: {
      templateName: deps.config.WHATSAPP_TEMPLATE_NAME,
      templateLanguage: deps.config.WHATSAPP_TEMPLATE_LANGUAGE,
      ...whatsapp,
    },
    link: { url: link?.url ?? null, expiresAt: shown.expiresAt },
    delivery: deliveryModes(deps),
  }
}
