import { nanoid } from 'nanoid'
import type { Actor, LinkedInterview } from '../domain/actor.js'
import { isInterviewExpired } from '../domain/interview-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import type { Database } from '../infra/db.js'
import { AppError } from '../lib/errors.js'
import { type Account, requireAccount } from './access.js'

/** Links live as long as the interview, or a week when the interview has no expiry. */
export const DEFAULT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

const LINK_TOKEN_LENGTH = 32
/** The shape of every token `nanoid(LINK_TOKEN_LENGTH)` makes (its default alphabet). */
const LINK_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${LINK_TOKEN_LENGTH}}$`)

/** A new link token: 192 random bits, `nanoid(32)`. */
export function generateLinkToken(): string {
  return nanoid(LINK_TOKEN_LENGTH)
}

/** The address a candidate opens; the token is a 192-bit random `nanoid(32)`. */
export function buildInterviewUrl(frontendUrl: string, token: string): string {
  return new URL(`/interview/${token}`, frontendUrl).toString()
}

/** A Prisma client or an open transaction: link writes can join a caller's transaction. */
export type DatabaseClient = Database | Prisma.TransactionClient

type LinkDeps = Pick<Services, 'prisma' | 'config'>
type RevokeDeps = Pick<Services, 'prisma' | 'config' | 'realtime'>

const LINK_SELECT = {
  id: true,
  token: true,
  expiresAt: true,
  revokedAt: true,
  lastAccessedAt: true,
  accessCount: true,
  createdAt: true,
} as const satisfies Prisma.InterviewSessionSelect

type StoredLink = Prisma.InterviewSessionGetPayload<{ select: typeof LINK_SELECT }>

export function presentLink(link: StoredLink, frontendUrl: string, now = new Date()) {
  return {
    id: link.id,
    url: buildInterviewUrl(frontendUrl, link.token),
    status: link.revokedAt
      ? ('REVOKED' as const)
      : link.expiresAt <= now
        ? ('EXPIRED' as const)
        : ('ACTIVE' as const),
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    lastAccessedAt: link.lastAccessedAt,
    accessCount: link.accessCount,
    createdAt: link.createdAt,
  }
}

export type PresentedLink = ReturnType<typeof presentLink>

/**
 * Creates a candidate link for an interview and makes it the interview's current `interviewUrl`.
 * Run it inside a transaction (see `createInterviewLink`) so the URL never names a missing token.
 * No access check: callers have made theirs.
 */
export async function insertInterviewLink(
  tx: DatabaseClient,
  input: { frontendUrl: string; interviewId: string; expiresAt?: Date },
) {
  const { frontendUrl, interviewId } = input
  const token = generateLinkToken()
  const interviewUrl = buildInterviewUrl(frontendUrl, token)
  // Writing the interview first locks its row, so links issued at once for one interview take turns.
  const interview = await tx.interview.update({
    where: { id: interviewId },
    data: { interviewUrl },
    select: { expiresAt: true },
  })
  const expiresAt = earliest(
    input.expiresAt ?? new Date(Date.now() + DEFAULT_LINK_LIFETIME_MS),
    interview.expiresAt,
  )
  const link = await tx.interviewSession.create({
    data: { interviewId, token, expiresAt },
    select: LINK_SELECT,
  })
  return { ...link, interviewUrl }
}

/**
 * `insertInterviewLink` in a transaction of its own, with no access check: for the seed, the test
 * fixtures, and services that have checked access already.
 */
export async function createInterviewLink(
  prisma: Database,
  input: { frontendUrl: string; interviewId: string; expiresAt?: Date },
) {
  return prisma.$transaction((tx) => insertInterviewLink(tx, input))
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
  input: { interviewId: string; previous: Date | null; next: Date | null },
) {
  const { interviewId, previous, next } = input
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

/**
 * The interview, if the account may manage it: its recruiter, or an admin. Anyone else is told it
 * does not exist, so interview ids cannot be probed.
 */
export async function findManagedInterview(db: DatabaseClient, account: Account, interviewId: string) {
  const interview = await db.interview.findUnique({
    where: { id: interviewId },
    select: { id: true, recruiterId: true, status: true, expiresAt: true, interviewUrl: true },
  })
  return assertManaged(interview, account)
}

/** The ownership check of `findManagedInterview`, for callers that read more of the interview in the same query. */
export function assertManaged<T extends { recruiterId: string }>(
  interview: T | null,
  account: Pick<Account, 'userId' | 'isAdmin'>,
): T {
  if (!interview || (!account.isAdmin && interview.recruiterId !== account.userId)) {
    throw new AppError({ code: 'NOT_FOUND', message: 'No such interview.' })
  }
  return interview
}

/** An interview's links, newest first, for its recruiter or an admin. */
export async function listInterviewLinks(deps: LinkDeps, actor: Actor, input: { interviewId: string }) {
  const account = requireAccount(actor)
  const interview = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: { recruiterId: true, sessions: { select: LINK_SELECT, orderBy: { createdAt: 'desc' } } },
  })
  const { sessions } = assertManaged(interview, account)
  return sessions.map((link) => presentLink(link, deps.config.FRONTEND_URL))
}

/** A new link, which becomes the interview's current one. */
export async function issueInterviewLink(
  deps: LinkDeps,
  actor: Actor,
  input: { interviewId: string; expiresAt?: string },
) {
  const account = requireAccount(actor)
  const frontendUrl = deps.config.FRONTEND_URL
  const link = await deps.prisma.$transaction(async (tx) => {
    await findManagedInterview(tx, account, input.interviewId)
    return insertInterviewLink(tx, {
      frontendUrl,
      interviewId: input.interviewId,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : undefined,
    })
  })
  return presentLink(link, frontendUrl)
}

/** Revokes one link at once; if it was the interview's current link, the interview has none until a new one is made. */
export async function revokeInterviewLink(
  deps: RevokeDeps,
  actor: Actor,
  input: { interviewId: string; linkId: string },
) {
  const account = requireAccount(actor)
  const { interviewId, linkId } = input
  const frontendUrl = deps.config.FRONTEND_URL
  const revoked = await deps.prisma.$transaction(async (tx) => {
    await findManagedInterview(tx, account, interviewId)
    const link = await tx.interviewSession.findFirst({
      where: { id: linkId, interviewId },
      select: { id: true, revokedAt: true, token: true },
    })
    if (!link) throw new AppError({ code: 'NOT_FOUND', message: 'No such link for this interview.' })
    const revoked = await tx.interviewSession.update({
      where: { id: link.id },
      data: { revokedAt: link.revokedAt ?? new Date() },
      select: LINK_SELECT,
    })
    await tx.interview.updateMany({
      where: { id: interviewId, interviewUrl: buildInterviewUrl(frontendUrl, link.token) },
      data: { interviewUrl: null },
    })
    return presentLink(revoked, frontendUrl)
  })
  deps.realtime.publishAccessChange({ interviewId, linkId, reason: 'link_revoked' })
  return revoked
}

/** Revokes every live link of an interview; returns how many were live. */
export async function revokeAllInterviewLinks(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { interviewId: string },
): Promise<number> {
  const account = requireAccount(actor)
  const { interviewId } = input
  const count = await deps.prisma.$transaction(async (tx) => {
    await findManagedInterview(tx, account, interviewId)
    const result = await tx.interviewSession.updateMany({
      where: { interviewId, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    await tx.interview.update({ where: { id: interviewId }, data: { interviewUrl: null } })
    return result.count
  })
  deps.realtime.publishAccessChange({ interviewId, reason: 'link_revoked' })
  return count
}

/** A link that opens its interview, as the link check found it. */
/** What the link check reads of its interview: exactly the fields of `LinkedInterview`. */
export const LINKED_INTERVIEW_SELECT = {
  id: true,
  status: true,
  type: true,
  jobRole: true,
  timeLimitMinutes: true,
  expiresAt: true,
  recruiterId: true,
  candidateName: true,
} as const

export type ValidLink = { linkId: string; interview: LinkedInterview }

export type LinkCheck =
  | { status: 'valid'; link: ValidLink }
  | { status: 'unknown' | 'revoked' | 'expired' | 'interview-expired' }

/**
 * The plan's checks, in its order: the token exists, is not revoked, has not expired, and its
 * interview has not expired. It decides who the caller is, so it takes no actor.
 */
export async function checkInterviewToken(
  deps: Pick<Services, 'prisma'>,
  input: { token: string; now?: Date },
): Promise<LinkCheck> {
  const { token, now = new Date() } = input
  // A token no link can have is unknown without a query. Prisma batches the lookups of concurrent
  // requests into one query, and a value Postgres refuses (a NUL) would fail every link in the batch.
  if (!LINK_TOKEN_PATTERN.test(token)) return { status: 'unknown' }
  const link = await deps.prisma.interviewSession.findUnique({ where: { token }, select: LINK_CHECK_SELECT })
  return judgeLink(link, now)
}

const LINK_CHECK_SELECT = {
  id: true,
  expiresAt: true,
  revokedAt: true,
  interview: { select: LINKED_INTERVIEW_SELECT },
} as const satisfies Prisma.InterviewSessionSelect

/** The same checks for a link already identified (by a voice ticket that names it). */
export async function checkInterviewLink(
  deps: Pick<Services, 'prisma'>,
  input: { linkId: string; now?: Date },
): Promise<LinkCheck> {
  const link = await deps.prisma.interviewSession.findUnique({
    where: { id: input.linkId },
    select: LINK_CHECK_SELECT,
  })
  return judgeLink(link, input.now ?? new Date())
}

function judgeLink(
  link: Prisma.InterviewSessionGetPayload<{ select: typeof LINK_CHECK_SELECT }> | null,
  now: Date,
): LinkCheck {
  if (!link) return { status: 'unknown' }
  if (link.revokedAt) return { status: 'revoked' }
  // Checked before the link's own expiry, which never outlives it, so the candidate hears the real reason.
  if (isInterviewExpired(link.interview, now)) return { status: 'interview-expired' }
  if (link.expiresAt <= now) return { status: 'expired' }
  return { status: 'valid', link: { linkId: link.id, interview: link.interview } }
}

/** Counts a use of the link; callers do not wait for it. */
export async function recordLinkAccess(
  deps: Pick<Services, 'prisma'>,
  input: { linkId: string },
): Promise<void> {
  await deps.prisma.interviewSession.update({
    where: { id: input.linkId },
    data: { lastAccessedAt: new Date(), accessCount: { increment: 1 } },
  })
}

/**
 * How long an ended link (expired or revoked) is kept: the recruiter's list shows it, and a candidate
 * who opens it hears why it no longer works. After that it is deleted.
 */
export const ENDED_LINK_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
const LINK_CLEANUP_BATCH = 500
/** Batches one run deletes at most; a backlog drains over the next runs. */
const LINK_CLEANUP_MAX_BATCHES = 20

/**
 * Deletes links that ended (expired or were revoked) longer than `ENDED_LINK_RETENTION_MS` ago, and
 * clears an interview's `interviewUrl` that still names one. Batches commit one by one; a batch that
 * fails is counted and the next goes on. Idempotent: a second run finds nothing new.
 */
export async function deleteEndedInterviewLinks(
  deps: Pick<Services, 'prisma' | 'config' | 'logger'>,
  now = new Date(),
) {
  const cutoff = new Date(now.getTime() - ENDED_LINK_RETENTION_MS)
  const ended: Prisma.InterviewSessionWhereInput = {
    OR: [{ expiresAt: { lte: cutoff } }, { revokedAt: { lte: cutoff } }],
  }
  let deleted = 0
  let failed = 0
  let afterId: string | undefined
  for (let batch = 0; batch < LINK_CLEANUP_MAX_BATCHES; batch++) {
    const links = await deps.prisma.interviewSession.findMany({
      where: { ...ended, ...(afterId ? { id: { gt: afterId } } : {}) },
      select: { id: true, token: true, interviewId: true },
      orderBy: { id: 'asc' },
      take: LINK_CLEANUP_BATCH,
    })
    if (links.length === 0) break
    afterId = links.at(-1)?.id
    try {
      const removed = await deps.prisma.$transaction(async (tx) => {
        // Read again in the transaction: a link whose expiry moved meanwhile (a new interview expiry) stays.
        const stillEnded = await tx.interviewSession.findMany({
          where: { id: { in: links.map((link) => link.id) }, ...ended },
          select: { id: true, token: true, interviewId: true },
        })
        await tx.interview.updateMany({
          where: {
            id: { in: [...new Set(stillEnded.map((link) => link.interviewId))] },
            interviewUrl: {
              in: stillEnded.map((link) => buildInterviewUrl(deps.config.FRONTEND_URL, link.token)),
            },
          },
          data: { interviewUrl: null },
        })
        return tx.interviewSession.deleteMany({ where: { id: { in: stillEnded.map((link) => link.id) } } })
      })
      deleted += removed.count
    } catch (error) {
      failed += links.length
      deps.logger.warn({ err: error, links: links.length }, 'ended interview links not deleted')
    }
    if (links.length < LINK_CLEANUP_BATCH) break
  }
  return { deleted, failed }
}
