import type { Redis } from 'ioredis'
import type { Prisma } from '../generated/prisma/client.js'
import type { UserRole } from '../generated/prisma/enums.js'
import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'
import { pageArgs, toPage } from '../schemas/pagination.js'
import { revokeUserSignInSessions } from './sign-in-sessions.js'

const ADMIN_USER_SELECT = {
  id: true,
  email: true,
  role: true,
  fullName: true,
  provider: true,
  disabledAt: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect

function presentUser(user: Prisma.UserGetPayload<{ select: typeof ADMIN_USER_SELECT }>) {
  return {
    ...user,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  }
}

export async function listUsers(options: {
  prisma: Database
  query: { q?: string; role?: UserRole; cursor?: string; limit: number }
}) {
  const { prisma, query } = options
  const rows = await prisma.user.findMany({
    where: {
      ...(query.role ? { role: query.role } : {}),
      ...(query.q
        ? {
            OR: [
              { email: { contains: query.q, mode: 'insensitive' } },
              { fullName: { contains: query.q, mode: 'insensitive' } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: ADMIN_USER_SELECT,
    ...pageArgs(query),
  })
  return toPage(rows, query.limit, presentUser)
}

/**
 * Changes a user's role or disables them. Either change ends all their sessions, so new rights (or
 * none) apply at once; a disabled user's API keys stop working too. Admins cannot lock themselves out.
 */
export async function updateUserAccess(options: {
  prisma: Database
  redis: Redis
  adminId: string
  userId: string
  data: { role?: UserRole; isDisabled?: boolean }
}) {
  const { prisma, redis, adminId, userId, data } = options
  if (userId === adminId)
    throw new AppError({ code: 'CONFLICT', message: 'You cannot change your own role or disable yourself.' })
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { role: true, disabledAt: true },
  })
  if (!user) throw new AppError({ code: 'NOT_FOUND', message: 'No such user.' })
  const isRoleChange = data.role !== undefined && data.role !== user.role
  const isDisabling = data.isDisabled === true && !user.disabledAt
  const updated = await prisma.user.update({
    where: { id: userId },
    data: {
      ...(data.role ? { role: data.role } : {}),
      ...(data.isDisabled === undefined
        ? {}
        : { disabledAt: data.isDisabled ? (user.disabledAt ?? new Date()) : null }),
    },
    select: ADMIN_USER_SELECT,
  })
  if (data.role === 'RECRUITER')
    await prisma.recruiterProfile.upsert({ where: { userId }, create: { userId }, update: {} })
  if (data.role === 'CANDIDATE')
    await prisma.candidateProfile.upsert({ where: { userId }, create: { userId }, update: {} })
  const endedSessions =
    isRoleChange || isDisabling ? await revokeUserSignInSessions({ redis }, { userId }) : 0
  return { user: presentUser(updated), endedSessions, isDisabling }
}

/** The platform settings row; there is one, made on first use. */
async function settingsRow(prisma: Database) {
  const existing = await prisma.adminSettings.findFirst({
    orderBy: { createdAt: 'asc' },
    select: { id: true, secretSignupCode: true },
  })
  return existing ?? prisma.adminSettings.create({ data: {}, select: { id: true, secretSignupCode: true } })
}

export async function getAdminSettings(prisma: Database) {
  const { secretSignupCode } = await settingsRow(prisma)
  return { secretSignupCode }
}

export async function updateAdminSettings(prisma: Database, data: { secretSignupCode: string | null }) {
  const row = await settingsRow(prisma)
  const updated = await prisma.adminSettings.update({
    where: { id: row.id },
    data,
    select: { secretSignupCode: true },
  })
  return updated
}

function tally<K extends string>(keys: readonly K[], rows: { key: K; count: number }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
  for (const row of rows) counts[row.key] = row.count
  return counts
}

/** Figures for the admin dashboard, each a grouped count. */
export async function getPlatformStats(prisma: Database) {
  const [users, disabled, interviews, jobs, awaitingApproval, applications] = await Promise.all([
    prisma.user.groupBy({ by: ['role'], _count: { _all: true } }),
    prisma.user.count({ where: { disabledAt: { not: null } } }),
    prisma.interview.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.job.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.job.count({ where: { status: 'ACTIVE', approvalStatus: 'PENDING' } }),
    prisma.jobApplication.groupBy({ by: ['status'], _count: { _all: true } }),
  ])
  return {
    users: {
      ...tally(
        ['RECRUITER', 'CANDIDATE', 'ADMIN'] as const,
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
        ['DRAFT', 'ACTIVE', 'CLOSED'] as const,
        jobs.map((row) => ({ key: row.status, count: row._count._all })),
      ),
      awaitingApproval,
    },
    applications: tally(
      ['PENDING', 'REVIEWED', 'SHORTLISTED', 'REJECTED', 'HIRED'] as const,
      applications.map((row) => ({ key: row.status, count: row._count._all })),
    ),
  }
}
