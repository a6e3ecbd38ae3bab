import type { Actor } from '../domain/actor.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import type { Database } from '../infra/db.js'
import { AppError } from '../lib/errors.js'
import { requireSignedInRole, requireSignedInUser } from './access.js'

// Each function acts on the caller's own account, signed in through the app: API keys never manage
// accounts, so there is no one else's account to reach.
type Deps = Pick<Services, 'prisma'>

const USER_SELECT = {
  id: true,
  email: true,
  role: true,
  fullName: true,
  avatarUrl: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect
const RECRUITER_PROFILE_SELECT = {
  companyName: true,
  logoFileId: true,
  brandColor: true,
  emailIntro: true,
  emailTips: true,
  emailCtaText: true,
  subscriptionStatus: true,
} as const
const CANDIDATE_PROFILE_SELECT = {
  fullName: true,
  email: true,
  phone: true,
  bio: true,
  skills: true,
  experienceYears: true,
  resumeFileId: true,
  linkedinUrl: true,
  portfolioUrl: true,
} as const

export async function getUser(deps: Deps, actor: Actor) {
  const { userId } = requireSignedInUser(actor)
  const user = await deps.prisma.user.findUnique({ where: { id: userId }, select: USER_SELECT })
  if (!user) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  return user
}

/**
 * A person has one name: the account's. A candidate's profile carries the same name (recruiters read
 * it there), so changing either changes both, in one transaction.
 */
export async function updateUser(deps: Deps, actor: Actor, input: { fullName?: string | null }) {
  const { userId } = requireSignedInUser(actor)
  return deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { fullName: input.fullName },
      select: USER_SELECT,
    })
    if (input.fullName !== undefined)
      await tx.candidateProfile.updateMany({ where: { userId }, data: { fullName: input.fullName } })
    return user
  })
}

/** The recruiter's company profile; made on first read for accounts that predate profiles. */
export async function getRecruiterProfile(deps: Deps, actor: Actor) {
  const { userId } = requireSignedInRole(actor, ['RECRUITER'])
  return deps.prisma.recruiterProfile.upsert({
    where: { userId },
    create: { userId },
    update: {},
    select: RECRUITER_PROFILE_SELECT,
  })
}

/** A file the user uploaded themselves, of the given category; anything else is reported as missing. */
async function assertOwnUpload(
  prisma: Database,
  userId: string,
  fileId: string,
  category: 'LOGO' | 'RESUME',
  field: string,
) {
  const file = await prisma.file.findUnique({
    where: { id: fileId },
    select: { uploadedBy: true, category: true },
  })
  if (!file || file.uploadedBy !== userId || file.category !== category) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `No such ${category === 'LOGO' ? 'logo' : 'resume'} among your uploads.`,
      details: { field },
    })
  }
}

/** Fields left out stay as they are; a logo must be one of the recruiter's own uploads. */
export async function updateRecruiterProfile(
  deps: Deps,
  actor: Actor,
  input: {
    logoFileId?: string | null
    companyName?: string | null
    brandColor?: string | null
    emailIntro?: string | null
    emailTips?: string | null
    emailCtaText?: string | null
  },
) {
  const { userId } = requireSignedInRole(actor, ['RECRUITER'])
  if (input.logoFileId) await assertOwnUpload(deps.prisma, userId, input.logoFileId, 'LOGO', 'logoFileId')
  return deps.prisma.recruiterProfile.upsert({
    where: { userId },
    create: { userId, ...input },
    update: input,
    select: RECRUITER_PROFILE_SELECT,
  })
}

export async function getCandidateProfile(deps: Deps, actor: Actor) {
  const { userId } = requireSignedInRole(actor, ['CANDIDATE'])
  return deps.prisma.candidateProfile.upsert({
    where: { userId },
    create: { userId },
    update: {},
    select: CANDIDATE_PROFILE_SELECT,
  })
}

/** Fields left out stay as they are; a resume must be one of the candidate's own uploads. */
export async function updateCandidateProfile(
  deps: Deps,
  actor: Actor,
  input: {
    resumeFileId?: string | null
    fullName?: string | null
    email?: string | null
    phone?: string | null
    bio?: string | null
    skills?: string[]
    experienceYears?: number | null
    linkedinUrl?: string | null
    portfolioUrl?: string | null
  },
) {
  const { userId } = requireSignedInRole(actor, ['CANDIDATE'])
  if (input.resumeFileId)
    await assertOwnUpload(deps.prisma, userId, input.resumeFileId, 'RESUME', 'resumeFileId')
  return deps.prisma.$transaction(async (tx) => {
    // The one name: the account's follows the profile's (see updateUser).
    if (input.fullName !== undefined)
      await tx.user.update({ where: { id: userId }, data: { fullName: input.fullName } })
    return tx.candidateProfile.upsert({
      where: { userId },
      create: { userId, ...input },
      update: input,
      select: CANDIDATE_PROFILE_SELECT,
    })
  })
}
