import type { Actor } from '../domain/actor.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import { requireSignedInRole } from './access.js'

/**
 * Merging an account imported from the old platform (`provider = "legacy"`) into a VantaHire account
 * of the same person: their interviews, jobs, applications, API keys, files, reminders, invite
 * batches, outbox messages and profiles move to the target in one transaction, the old account is
 * deleted, and an `AccountMerge` row records what moved. The preview says the same without moving
 * anything. What the target already has of a kind that allows one (a recruiter or candidate profile,
 * an application to the same job) stays, and the old one is left behind — the preview lists it.
 */

type Deps = Pick<Services, 'prisma' | 'logger'>
type Tx = Prisma.TransactionClient

export type MergePlan = {
  source: { id: string; email: string; role: string }
  target: { id: string; email: string; role: string; provider: string }
  moves: Record<string, number>
  leftBehind: { kind: string; id: string; reason: string }[]
}

const requireAdmin = (actor: Actor) => requireSignedInRole(actor, ['ADMIN'])

async function plan(tx: Tx, sourceId: string, targetId: string): Promise<MergePlan> {
  if (sourceId === targetId)
    throw new AppError({ code: 'BAD_REQUEST', message: 'An account cannot be merged into itself.' })
  const select = { id: true, email: true, role: true, provider: true } as const
  const [source, target] = await Promise.all([
    tx.user.findUnique({ where: { id: sourceId }, select }),
    tx.user.findUnique({ where: { id: targetId }, select }),
  ])
  if (!source || !target) throw new AppError({ code: 'NOT_FOUND', message: 'No such user.' })
  if (source.provider !== 'legacy')
    throw new AppError({
      code: 'CONFLICT',
      message:
        'Only an account imported from the old platform, not yet signed in to, can be merged into another.',
    })
  const [applications, targetApplications, recruiterProfiles, candidateProfiles] = await Promise.all([
    tx.jobApplication.findMany({ where: { candidateId: sourceId }, select: { id: true, jobId: true } }),
    tx.jobApplication.findMany({ where: { candidateId: targetId }, select: { jobId: true } }),
    tx.recruiterProfile.findMany({
      where: { userId: { in: [sourceId, targetId] } },
      select: { id: true, userId: true },
    }),
    tx.candidateProfile.findMany({
      where: { userId: { in: [sourceId, targetId] } },
      select: { id: true, userId: true },
    }),
  ])
  const appliedByTarget = new Set(targetApplications.map((application) => application.jobId))
  const leftBehind: MergePlan['leftBehind'] = []
  for (const application of applications)
    if (appliedByTarget.has(application.jobId))
      leftBehind.push({
        kind: 'application',
        id: application.id,
        reason: 'the account already applied to this job',
      })
  for (const [kind, profiles] of [
    ['recruiter profile', recruiterProfiles],
    ['candidate profile', candidateProfiles],
  ] as const) {
    const own = profiles.find((profile) => profile.userId === sourceId)
    if (own && profiles.some((profile) => profile.userId === targetId))
      leftBehind.push({ kind, id: own.id, reason: 'the account has its own' })
  }
  const moves = {
    interviewsAsRecruiter: await tx.interview.count({ where: { recruiterId: sourceId } }),
    interviewsAsCandidate: await tx.interview.count({ where: { candidateUserId: sourceId } }),
    interviewsReviewed: await tx.interview.count({ where: { reviewedById: sourceId } }),
    jobs: await tx.job.count({ where: { recruiterId: sourceId } }),
    jobsApproved: await tx.job.count({ where: { approvedBy: sourceId } }),
    applications: applications.length - leftBehind.filter((item) => item.kind === 'application').length,
    apiKeys: await tx.apiKey.count({ where: { userId: sourceId } }),
    files: await tx.file.count({ where: { uploadedBy: sourceId } }),
    onboardingReminders: await tx.onboardingReminder.count({ where: { userId: sourceId, period: null } }),
    inviteBatches: await tx.inviteBatch.count({ where: { recruiterId: sourceId } }),
    outboxMessages: await tx.outboxMessage.count({ where: { userId: sourceId } }),
    recruiterProfile:
      recruiterProfiles.some((profile) => profile.userId === sourceId) &&
      !recruiterProfiles.some((profile) => profile.userId === targetId)
        ? 1
        : 0,
    candidateProfile:
      candidateProfiles.some((profile) => profile.userId === sourceId) &&
      !candidateProfiles.some((profile) => profile.userId === targetId)
        ? 1
        : 0,
  }
  if (target.role === 'CANDIDATE' && moves.interviewsAsRecruiter + moves.jobs + moves.inviteBatches > 0)
    throw new AppError({
      code: 'CONFLICT',
      message: 'The old account recruited, and the target account is a candidate: make it a recruiter first.',
    })
  return {
    source: { id: source.id, email: source.email, role: source.role },
    target: { id: target.id, email: target.email, role: target.role, provider: target.provider },
    moves,
    leftBehind,
  }
}

/** What a merge would move, and what it would leave behind; nothing changes. */
export async function previewAccountMerge(
  deps: Deps,
  actor: Actor,
  input: { sourceId: string; targetId: string },
) {
  requireAdmin(actor)
  return deps.prisma.$transaction((tx) => plan(tx, input.sourceId, input.targetId))
}

/** Moves everything of the old account to the target, deletes the old account, and records it. */
export async function mergeAccounts(deps: Deps, actor: Actor, input: { sourceId: string; targetId: string }) {
  const admin = requireAdmin(actor)
  const { sourceId: from, targetId: to } = input
  const result = await deps.prisma.$transaction(
    async (tx) => {
      // Lock both accounts first, so a sign-in linking the old one cannot run halfway through.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id IN (${from}, ${to}) ORDER BY id FOR UPDATE`
      const merge = await plan(tx, from, to)
      const leftApplications = merge.leftBehind
        .filter((item) => item.kind === 'application')
        .map((item) => item.id)
      await tx.interview.updateMany({ where: { recruiterId: from }, data: { recruiterId: to } })
      await tx.interview.updateMany({ where: { candidateUserId: from }, data: { candidateUserId: to } })
      await tx.interview.updateMany({ where: { reviewedById: from }, data: { reviewedById: to } })
      await tx.job.updateMany({ where: { recruiterId: from }, data: { recruiterId: to } })
      await tx.job.updateMany({ where: { approvedBy: from }, data: { approvedBy: to } })
      await tx.jobApplication.updateMany({
        where: { candidateId: from, id: { notIn: leftApplications } },
        data: { candidateId: to },
      })
      await tx.apiKey.updateMany({ where: { userId: from }, data: { userId: to } })
      await tx.file.updateMany({ where: { uploadedBy: from }, data: { uploadedBy: to } })
      await tx.onboardingReminder.updateMany({ where: { userId: from, period: null }, data: { userId: to } })
      await tx.inviteBatch.updateMany({ where: { recruiterId: from }, data: { recruiterId: to } })
      await tx.outboxMessage.updateMany({ where: { userId: from }, data: { userId: to } })
      if (merge.moves.recruiterProfile)
        await tx.recruiterProfile.update({ where: { userId: from }, data: { userId: to } })
      if (merge.moves.candidateProfile)
        await tx.candidateProfile.update({ where: { userId: from }, data: { userId: to } })
      // What is left (a second profile, a duplicate application) goes with the old account.
      await tx.user.delete({ where: { id: from } })
      const record = await tx.accountMerge.create({
        data: {
          sourceUserId: from,
          sourceEmail: merge.source.email,
          targetUserId: to,
          mergedById: admin.userId,
          moved: { moves: merge.moves, leftBehind: merge.leftBehind },
        },
        select: { id: true, createdAt: true },
      })
      return { ...merge, mergeId: record.id, mergedAt: record.createdAt }
    },
    { timeout: 30_000 },
  )
  deps.logger.info(
    { mergeId: result.mergeId, sourceUserId: from, targetUserId: to, adminId: admin.userId },
    'accounts merged',
  )
  return result
}
