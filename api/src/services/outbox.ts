import type { Actor } from '../domain/actor.js'
import type { DeliveryChannel } from '../domain/delivery-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { pageArgs, toPage } from '../schemas/pagination.js'
import { requireAccount } from './access.js'
import { deliveryModes } from './invites.js'

/**
 * The messages kept instead of sent while no provider is configured, newest first: a recruiter's
 * own interviews' messages and those to the recruiter themselves, or everyone's for an admin.
 */
export async function listOutbox(
  deps: Pick<Services, 'prisma' | 'emailSender' | 'whatsAppSender'>,
  actor: Actor,
  input: { channel?: DeliveryChannel; cursor?: string; limit: number },
) {
  const account = requireAccount(actor)
  const where: Prisma.OutboxMessageWhereInput = {
    ...(account.isAdmin
      ? {}
      : { OR: [{ interview: { recruiterId: account.userId } }, { userId: account.userId }] }),
    ...(input.channel ? { channel: input.channel } : {}),
  }
  const rows = await deps.prisma.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      channel: true,
      interviewId: true,
      recipient: true,
      subject: true,
      textContent: true,
      htmlContent: true,
      createdAt: true,
      interview: { select: { candidateName: true, jobRole: true } },
    },
    ...pageArgs(input),
  })
  const page = toPage(rows, input.limit, ({ interview, channel, ...row }) => ({
    ...row,
    channel: channel === 'whatsapp' ? ('whatsapp' as const) : ('email' as const),
    candidateName: interview?.candidateName ?? null,
    jobRole: interview?.jobRole ?? null,
  }))
  return { ...page, delivery: deliveryModes(deps) }
}
