import type { Actor } from '../domain/actor.js'
import { INTERVIEW_STATUSES } from '../domain/interview-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { requireAccount } from './access.js'

/** How far ahead an unstarted interview counts as expiring soon. */
export const EXPIRING_SOON_MS = 48 * 60 * 60 * 1000
const WEEK_MS = 7 * 24 * 60 * 60 * 1000
/** How many of each list the dashboard shows; the count says how many more there are. */
const LIST_LIMIT = 5

const ATTENTION_SELECT = {
  id: true,
  candidateName: true,
  candidateEmail: true,
  jobRole: true,
  status: true,
  expiresAt: true,
  startedAt: true,
  completedAt: true,
  score: true,
} as const satisfies Prisma.InterviewSelect

/**
 * A recruiter's dashboard: the interviews that need them now, and totals counted across all their
 * interviews, applications and jobs. An admin's covers their own interviews and jobs too, like any
 * recruiter's: the platform's totals are the admin overview's (GET /api/admin/stats), and
 * every recruiter's interviews in one list would say nothing.
 */
export async function getDashboard(deps: Pick<Services, 'prisma'>, actor: Actor, input: { now?: Date } = {}) {
  const account = requireAccount(actor)
  const now = input.now ?? new Date()
  const { prisma } = deps
  const mine: Prisma.InterviewWhereInput = { recruiterId: account.userId }
  const myJobs: Prisma.JobWhereInput = { recruiterId: account.userId }

  const list = async (
    where: Prisma.InterviewWhereInput,
    orderBy: Prisma.InterviewOrderByWithRelationInput[],
  ) => {
    const scoped = { ...mine, ...where }
    const [count, items] = await Promise.all([
      prisma.interview.count({ where: scoped }),
      prisma.interview.findMany({ where: scoped, orderBy, take: LIST_LIMIT, select: ATTENTION_SELECT }),
    ])
    return { count, items }
  }

  const [needsReview, inProgress, expiringSoon, byStatus, applicationsThisWeek, openJobs] = await Promise.all(
    [
      list({ status: 'COMPLETED', reviewedAt: null }, [{ completedAt: 'asc' }, { id: 'asc' }]),
      list({ status: 'IN_PROGRESS' }, [{ startedAt: 'asc' }, { id: 'asc' }]),
      list({ status: 'PENDING', expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_SOON_MS) } }, [
        { expiresAt: 'asc' },
        { id: 'asc' },
      ]),
      prisma.interview.groupBy({ by: ['status'], where: mine, _count: { _all: true } }),
      prisma.jobApplication.count({
        where: { job: myJobs, appliedAt: { gte: new Date(now.getTime() - WEEK_MS) } },
      }),
      prisma.job.count({ where: { ...myJobs, status: 'ACTIVE', approvalStatus: 'APPROVED' } }),
    ],
  )

  const interviewsByStatus = Object.fromEntries(INTERVIEW_STATUSES.map((status) => [status, 0])) as Record<
    (typeof INTERVIEW_STATUSES)[number],
    number
  >
  for (const row of byStatus) interviewsByStatus[row.status] = row._count._all
  return {
    needsReview,
    inProgress,
    expiringSoon,
    totals: { interviewsByStatus, applicationsThisWeek, openJobs },
  }
}
