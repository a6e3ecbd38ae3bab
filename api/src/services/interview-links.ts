import { nanoid } from 'nanoid'
import { isInterviewExpired } from '../domain/interview-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'

/** Links live as long as the interview, or a week when the interview has no expiry. */
export const DEFAULT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

const LINK_TOKEN_LENGTH = 32
/** The shape of every token `nanoid(LINK_TOKEN_LENGTH)` makes (its default alphabet). */
const LINK_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${LINK_TOKEN_LENGTH}}$`)

/** The address a candidate opens; the token is a 192-bit random `nanoid(32)`. */
export function buildInterviewUrl(frontendUrl: string, token: string): string {
  return new URL(`/interview/${token}`, frontendUrl).toString()
}

/** A Prisma client or an open transaction: link writes can join a caller's transaction. */
export type DatabaseClient = Database | Prisma.TransactionClient

/**
 * Creates a candidate link for an interview and makes it the interview's current `interviewUrl`.
 * Run it inside a transaction (see `createInterviewLink`) so the URL never names a missing token.
 */
export async function insertInterviewLink(
  tx: DatabaseClient,
  options: { frontendUrl: string; interviewId: string; expiresAt?: Date },
) {
  const { frontendUrl, interviewId } = options
  const interview = await tx.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: { expiresAt: true },
  })
  const token = nanoid(LINK_TOKEN_LENGTH)
  const expiresAt = earliest(
    options.expiresAt ?? new Date(Date.now() + DEFAULT_LINK_LIFETIME_MS),
    interview.expiresAt,
  )
  const session = await tx.interviewSession.create({
    data: { interviewId, token, expiresAt },
    select: { id: true, token: true, expiresAt: true },
  })
  const interviewUrl = buildInterviewUrl(frontendUrl, token)
  await tx.interview.update({ where: { id: interviewId }, data: { interviewUrl } })
  return { ...session, interviewUrl }
}

/** A link never outlives its interview. */
function earliest(date: Date, limit: Date | null): Date {
  return limit && limit < date ? limit : date
}

/**
 * Keeps links within a changed interview expiry: none may outlive the interview, and links that
 * ended with the old expiry follow it to the new one. Run it in the transaction that changes it.
 */
export async function alignLinkExpiry(
  tx: DatabaseClient,
  options: { interviewId: string; previous: Date | null; next: Date | null },
) {
  const { interviewId, previous, next } = options
  if (!next) return
  if (previous && next > previous) {
    await tx.interviewSession.updateMany({
      where: { interviewId, expiresAt: previous, revokedAt: null },
      data: { expiresAt: next },
    })
  }
  await tx.interviewSession.updateMany({
    where: { interviewId, expiresAt: { gt: next } },
    data: { expiresAt: next },
  })
}

/** `insertInterviewLink` in a transaction of its own. */
export async function createInterviewLink(options: {
  prisma: Database
  frontendUrl: string
  interviewId: string
  expiresAt?: Date
}) {
  const { prisma, ...rest } = options
  return prisma.$transaction((tx) => insertInterviewLink(tx, rest))
}

const LINK_SELECT = {
  id: true,
  token: true,
  expiresAt: true,
  revokedAt: true,
  lastAccessedAt: true,
  accessCount: true,
  createdAt: true,
} as const

type StoredLink = {
  id: string
  token: string
  expiresAt: Date
  revokedAt: Date | null
  lastAccessedAt: Date | null
  accessCount: number
  createdAt: Date
}

function presentLink(link: StoredLink, frontendUrl: string, now = new Date()) {
  return {
    id: link.id,
    url: buildInterviewUrl(frontendUrl, link.token),
    status: link.revokedAt
      ? ('REVOKED' as const)
      : link.expiresAt <= now
        ? ('EXPIRED' as const)
        : ('ACTIVE' as const),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    lastAccessedAt: link.lastAccessedAt?.toISOString() ?? null,
    accessCount: link.accessCount,
    createdAt: link.createdAt.toISOString(),
  }
}

/**
 * The interview, if the caller may manage it: its recruiter, or an admin. Anyone else is told it
 * does not exist, so interview ids cannot be probed.
 */
export async function findManagedInterview(options: {
  prisma: Database
  interviewId: string
  userId: string
  isAdmin: boolean
}) {
  const interview = await options.prisma.interview.findUnique({
    where: { id: options.interviewId },
    select: { id: true, recruiterId: true, status: true, interviewUrl: true },
  })
  return assertManaged(interview, options)
}

/** The ownership check of `findManagedInterview`, for callers that read more of the interview in the same query. */
export function assertManaged<T extends { recruiterId: string }>(
  interview: T | null,
  actor: { userId: string; isAdmin: boolean },
): T {
  if (!interview || (!actor.isAdmin && interview.recruiterId !== actor.userId)) {
    throw new AppError({ code: 'NOT_FOUND', message: 'No such interview.' })
  }
  return interview
}

export async function listInterviewLinks(options: {
  prisma: Database
  frontendUrl: string
  interviewId: string
}) {
  const links = await options.prisma.interviewSession.findMany({
    where: { interviewId: options.interviewId },
    select: LINK_SELECT,
    orderBy: { createdAt: 'desc' },
  })
  return links.map((link) => presentLink(link, options.frontendUrl))
}

export async function issueInterviewLink(options: {
  prisma: Database
  frontendUrl: string
  interviewId: string
  expiresAt?: Date
}) {
  const created = await createInterviewLink(options)
  const link = await options.prisma.interviewSession.findUniqueOrThrow({
    where: { id: created.id },
    select: LINK_SELECT,
  })
  return presentLink(link, options.frontendUrl)
}

/** Revokes one link at once; if it was the interview's current link, the interview has none until a new one is made. */
export async function revokeInterviewLink(options: {
  prisma: Database
  frontendUrl: string
  interviewId: string
  sessionId: string
}) {
  const { prisma, interviewId, sessionId } = options
  return prisma.$transaction(async (tx) => {
    const link = await tx.interviewSession.findFirst({
      where: { id: sessionId, interviewId },
      select: { id: true, revokedAt: true, token: true },
    })
    if (!link) throw new AppError({ code: 'NOT_FOUND', message: 'No such link for this interview.' })
    const revoked = await tx.interviewSession.update({
      where: { id: link.id },
      data: { revokedAt: link.revokedAt ?? new Date() },
      select: LINK_SELECT,
    })
    await tx.interview.updateMany({
      where: { id: interviewId, interviewUrl: buildInterviewUrl(options.frontendUrl, link.token) },
      data: { interviewUrl: null },
    })
    return presentLink(revoked, options.frontendUrl)
  })
}

/** Revokes every live link of an interview; returns how many were live. */
export async function revokeAllInterviewLinks(options: {
  prisma: Database
  interviewId: string
}): Promise<number> {
  const { prisma, interviewId } = options
  const [result] = await prisma.$transaction([
    prisma.interviewSession.updateMany({
      where: { interviewId, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    prisma.interview.update({ where: { id: interviewId }, data: { interviewUrl: null } }),
  ])
  return result.count
}

export type LinkedInterview = {
  sessionId: string
  interview: {
    id: string
    status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'EXPIRED'
    type: 'TEXT' | 'VOICE'
    jobRole: string
    timeLimitMinutes: number
    expiresAt: Date | null
    recruiterId: string
    candidateName: string | null
  }
}

export type LinkCheck =
  | { status: 'valid'; link: LinkedInterview }
  | { status: 'unknown' | 'revoked' | 'expired' | 'interview-expired' }

/** The plan's checks, in its order: the token exists, is not revoked, has not expired, and its interview has not expired. */
export async function checkInterviewToken(
  prisma: Database,
  token: string,
  now = new Date(),
): Promise<LinkCheck> {
  // A token no link can have is unknown without a query. Prisma batches the lookups of concurrent
  // requests into one query, and a value Postgres refuses (a NUL) would fail every link in the batch.
  if (!LINK_TOKEN_PATTERN.test(token)) return { status: 'unknown' }
  const session = await prisma.interviewSession.findUnique({
    where: { token },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      interview: {
        select: {
          id: true,
          status: true,
          type: true,
          jobRole: true,
          timeLimitMinutes: true,
          expiresAt: true,
          recruiterId: true,
          candidateName: true,
        },
      },
    },
  })
  if (!session) return { status: 'unknown' }
  if (session.revokedAt) return { status: 'revoked' }
  // Expiry is a time, not only a status: the status may not have caught up with the clock yet. It is
  // checked before the link's own expiry, which never outlives it, so the candidate hears the real reason.
  if (isInterviewExpired(session.interview, now)) return { status: 'interview-expired' }
  if (session.expiresAt <= now) return { status: 'expired' }
  return { status: 'valid', link: { sessionId: session.id, interview: session.interview } }
}

/** Counts a use of the link; callers do not wait for it. */
export async function recordLinkAccess(prisma: Database, sessionId: string): Promise<void> {
  await prisma.interviewSession.update({
    where: { id: sessionId },
    data: { lastAccessedAt: new Date(), accessCount: { increment: 1 } },
  })
}
