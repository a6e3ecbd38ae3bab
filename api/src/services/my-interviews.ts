import type { Actor } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import { requireSignedInRole } from './access.js'

/** How many open interviews a candidate's page lists; nobody has more than a handful at once. */
const OPEN_INTERVIEWS_LIMIT = 50

/**
 * The interviews sent to the signed-in candidate (matched to their account by email) that they can
 * still take: pending or in progress and not past their expiry. Only what the invitation already
 * told them; the link itself stays in their email, since it opens the interview without an account.
 */
export async function listMyOpenInterviews(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { now?: Date } = {},
) {
  const { userId } = requireSignedInRole(actor, ['CANDIDATE'])
  const now = input.now ?? new Date()
  const rows = await deps.prisma.interview.findMany({
    where: {
      candidateUserId: userId,
      status: { in: ['PENDING', 'IN_PROGRESS'] },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: [{ expiresAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }],
    take: OPEN_INTERVIEWS_LIMIT,
    select: {
      id: true,
      jobRole: true,
      type: true,
      status: true,
      expiresAt: true,
      createdAt: true,
      recruiter: { select: { recruiterProfile: { select: { companyName: true } } } },
    },
  })
  return {
    items: rows.map((row) => ({
      id: row.id,
      jobRole: row.jobRole,
      companyName: row.recruiter.recruiterProfile?.companyName ?? null,
      type: row.type,
      status: row.status as 'PENDING' | 'IN_PROGRESS',
      expiresAt: row.expiresAt,
      invitedAt: row.createdAt,
    })),
  }
}
