import { type Actor, USER_ROLES, type UserRole } from '../domain/actor.js'
import { AWAITING_APPROVAL, JOB_STATUSES } from '../domain/job-status.js'
import { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { type Database, queryRows } from '../infra/db.js'
import { AppError } from '../lib/errors.js'
import { toPage } from '../schemas/pagination.js'
import { requireSignedInRole } from './access.js'
import { invalidateUserApiKeys } from './api-keys.js'
import { afterCursorSql, allOf, likePattern, orderBySql, type SortKey } from './pages.js'
import { revokeUserSignInSessions } from './sign-in-sessions.js'

type ReadDeps = Pick<Services, 'prisma'>

const { sql } = Prisma

/** The admin area is for admins signed in through the app; API keys never reach it. */
const requireAdmin = (actor: Actor) => requireSignedInRole(actor, ['ADMIN'])

const ADMIN_USER_SELECT = {
  id: true,
  email: true,
  role: true,
  fullName: true,
  provider: true,
  disabledAt: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect

const NEWEST_USERS: SortKey[] = [
  { column: 'createdAt', direction: 'desc' },
  { column: 'id', direction: 'desc' },
]

/** Every account, newest first, searched by email or name and filtered by role; one statement per page. */
export async function listUsers(
  deps: Pick<Services, 'pgPool'>,
  actor: Actor,
  input: { q?: string; role?: UserRole; cursor?: string; limit: number },
) {
  requireAdmin(actor)
  const conditions: Prisma.Sql[] = []
  if (input.role) conditions.push(sql`t.role = ${input.role}::"UserRole"`)
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(sql`(t.email ILIKE ${pattern} OR t."fullName" ILIKE ${pattern})`)
  }
  if (input.cursor) conditions.push(afterCursorSql('User', NEWEST_USERS, input.cursor))
  const rows = await queryRows<Prisma.UserGetPayload<{ select: typeof ADMIN_USER_SELECT }>>(
    deps.pgPool,
    sql`
    SELECT t.id, t.email, t.role::text AS role, t."fullName", t.provider, t."disabledAt", t."createdAt"
    FROM "User" t
    WHERE ${allOf(conditions)}
    ORDER BY ${orderBySql(NEWEST_USERS)}
    LIMIT ${input.limit + 1}`,
  )
  return toPage(rows, input.limit, (user) => user)
}

/**
 * Changes a user's role or disables them. Either change ends all their sign-in sessions and closes
 * their open pages' sockets, so new rights (or none) apply at once; a disabled user's API keys stop
 * working too. Admins cannot lock themselves out.
 */
export async function updateUserAccess(
  deps: Pick<Services, 'prisma' | 'redis' | 'realtime' | 'logger' | 'apiKeyCache'>,
  actor: Actor,
  input: { userId: string; role?: UserRole; isDisabled?: boolean },
) {
  const admin = requireAdmin(actor)
  const { userId, role, isDisabled } = input
  if (userId === admin.userId)
    throw new AppError({ code: 'CONFLICT', message: 'You cannot change your own role or disable yourself.' })
  // The user's API keys carry their role and access: every instance reads them again (see revokeApiKey).
  const isAccessChange = role !== undefined || isDisabled !== undefined
  if (isAccessChange) await invalidateUserApiKeys(deps, { userId })
  const { updated, isRoleChange, isDisabling } = await deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { role: true, disabledAt: true },
    })
    if (!user) throw new AppError({ code: 'NOT_FOUND', message: 'No such user.' })
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        ...(role ? { role } : {}),
        ...(isDisabled === undefined
          ? {}
          : { disabledAt: isDisabled ? (user.disabledAt ?? new Date()) : null }),
      },
      select: ADMIN_USER_SELECT,
    })
    // Every recruiter and candidate has a profile; a new role must not leave the account without one.
    if (role === 'RECRUITER')
      await tx.recruiterProfile.upsert({ where: { userId }, create: { userId }, update: {} })
    if (role === 'CANDIDATE')
      await tx.candidateProfile.upsert({ where: { userId }, create: { userId }, update: {} })
    return {
      updated,
      isRoleChange: role !== undefined && role !== user.role,
      isDisabling: isDisabled === true && !user.disabledAt,
    }
  })
  if (isAccessChange) await invalidateUserApiKeys(deps, { userId })
  const endedSessions = isRoleChange || isDisabling ? await revokeUserSignInSessions(deps, { userId }) : 0
  // New rights, or none, apply to open pages too: their sockets close and must sign in again.
  if (endedSessions > 0 || isDisabling) deps.realtime.disconnectUser(userId)
  deps.logger.info(
    {
      adminId: admin.userId,
      userId,
      role: updated.role,
      isDisabled: updated.disabledAt !== null,
      endedSessions,
    },
    'user access changed',
  )
  return updated
}

/** The platform settings row; there is one, made on first use. */
async function settingsRow(prisma: Database) {
  const existing = await prisma.adminSettings.findFirst({
    orderBy: { createdAt: 'asc' },
    select: { id: true, secretSignupCode: true },
  })
  return existing ?? prisma.adminSettings.create({ data: {}, select: { id: true, secretSignupCode: true } })
}

export async function getAdminSettings(deps: ReadDeps, actor: Actor) {
  requireAdmin(actor)
  const { secretSignupCode } = await settingsRow(deps.prisma)
  return { secretSignupCode }
}

/** Sets or clears the code new recruiters must give to sign up. */
export async function updateAdminSettings(
  deps: ReadDeps,
  actor: Actor,
  input: { secretSignupCode: string | null },
) {
  requireAdmin(actor)
  const row = await settingsRow(deps.prisma)
  return deps.prisma.adminSettings.update({
    where: { id: row.id },
    data: { secretSignupCode: input.secretSignupCode },
    select: { secretSignupCode: true },
  })
}

function tally<K extends string>(keys: readonly K[], rows: { key: K; count: number }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
  for (const row of rows) counts[row.key] = row.count
  return counts
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Figures for the admin dashboard: totals across every account, each a grouped count, and the
 * platform's activity in the last seven days. No one recruiter's list, only counts.
 */
export async function getPlatformStats(deps: ReadDeps, actor: Actor, input: { now?: Date } = {}) {
  requireAdmin(actor)
  const { prisma } = deps
  const since = { gte: new Date((input.now ?? new Date()).getTime() - WEEK_MS) }
  const [
    users,
    disabled,
    interviews,
    jobs,
    awaitingApproval,
    applications,
    newUsers,
    jobsCreated,
    recentApplications,
    interviewsCompleted,
  ] = await Promise.all([
    prisma.user.groupBy({ by: ['role'], _count: { _all: true } }),
    prisma.user.count({ where: { disabledAt: { not: null } } }),
    prisma.interview.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.job.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.job.count({ where: AWAITING_APPROVAL }),
    prisma.jobApplication.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.user.count({ where: { createdAt: since } }),
    prisma.job.count({ where: { createdAt: since } }),
    prisma.jobApplication.count({ where: { appliedAt: since } }),
    prisma.interview.count({ where: { completedAt: since } }),
  ])
  return {
    users: {
      ...tally(
        USER_ROLES,
        users.map((row) => ({ key: row.role, count: row._count._all })),
      ),
      disabled,
    },
    interviews: tally(
      ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED'] as const,
      interviews.map((row) => ({ key: row.status, count: row._count._all })),
    ),
    jobs: {
      ...tally(
        JOB_STATUSES,
        jobs.map((row) => ({ key: row.status, count: row._count._all })),
      ),
      awaitingApproval,
    },
    applications: tally(
      ['PENDING', 'REVIEWED', 'SHORTLISTED', 'REJECTED', 'HIRED'] as const,
      applications.map((row) => ({ key: row.status, count: row._count._all })),
    ),
    lastSevenDays: { newUsers, jobsCreated, applications: recentApplications, interviewsCompleted },
  }
}
