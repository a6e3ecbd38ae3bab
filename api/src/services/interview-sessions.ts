import { nanoid } from 'nanoid'
import type { Database } from '../lib/db.js'

/** Links live as long as the interview, or a week when the interview has no expiry. */
export const DEFAULT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

/** The address a candidate opens; the token is a 192-bit random `nanoid(32)`. */
export function buildInterviewUrl(frontendUrl: string, token: string): string {
  return new URL(`/interview/${token}`, frontendUrl).toString()
}

/**
 * Creates a candidate link for an interview and makes it the interview's current `interviewUrl`.
 * Both writes happen in one transaction so the URL never names a token that does not exist.
 */
export async function createInterviewSession(options: {
  prisma: Database
  frontendUrl: string
  interviewId: string
  expiresAt?: Date
}) {
  const { prisma, frontendUrl, interviewId } = options
  return prisma.$transaction(async (tx) => {
    const interview = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { expiresAt: true },
    })
    const token = nanoid(32)
    const expiresAt =
      options.expiresAt ?? interview.expiresAt ?? new Date(Date.now() + DEFAULT_LINK_LIFETIME_MS)
    const session = await tx.interviewSession.create({
      data: { interviewId, token, expiresAt },
      select: { id: true, token: true, expiresAt: true },
    })
    const interviewUrl = buildInterviewUrl(frontendUrl, token)
    await tx.interview.update({ where: { id: interviewId }, data: { interviewUrl } })
    return { ...session, interviewUrl }
  })
}
