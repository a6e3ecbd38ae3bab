import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'

const USER_SELECT = {
  id: true,
  email: true,
  role: true,
  fullName: true,
  avatarUrl: true,
  createdAt: true,
} as const
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

export async function getUser(options: { prisma: Database; userId: string }) {
  const user = await options.prisma.user.findUnique({ where: { id: options.userId }, select: USER_SELECT })
  if (!user) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  return user
}

export async function updateUser(options: {
  prisma: Database
  userId: string
  data: { fullName?: string | null }
}) {
  return options.prisma.user.update({
    where: { id: options.userId },
    data: options.data,
    select: USER_SELECT,
  })
}

/** The recruiter's company profile; made on first read for accounts that predate profiles. */
export async function getRecruiterProfile(options: { prisma: Database; userId: string }) {
  return options.prisma.recruiterProfile.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId },
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

export async function updateRecruiterProfile(options: {
  prisma: Database
  userId: string
  data: {
    logoFileId?: string | null
    companyName?: string | null
    brandColor?: string | null
    emailIntro?: string | null
    emailTips?: string | null
    emailCtaText?: string | null
  }
}) {
  if (options.data.logoFileId) {
    await assertOwnUpload(options.prisma, options.userId, options.data.logoFileId, 'LOGO', 'logoFileId')
  }
  return options.prisma.recruiterProfile.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId, ...options.data },
    update: options.data,
    select: RECRUITER_PROFILE_SELECT,
  })
}

export async function getCandidateProfile(options: { prisma: Database; userId: string }) {
  return options.prisma.candidateProfile.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId },
    update: {},
    select: CANDIDATE_PROFILE_SELECT,
  })
}

export async function updateCandidateProfile(options: {
  prisma: Database
  userId: string
  data: {
    resumeFileId?: string | null
    fullName?: string | null
    email?: string | null
    phone?: string | null
    bio?: string | null
    skills?: string[]
    experienceYears?: number | null
    linkedinUrl?: string | null
    portfolioUrl?: string | null
  }
}) {
  if (options.data.resumeFileId) {
    await assertOwnUpload(options.prisma, options.userId, options.data.resumeFileId, 'RESUME', 'resumeFileId')
  }
  return options.prisma.candidateProfile.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId, ...options.data },
    update: options.data,
    select: CANDIDATE_PROFILE_SELECT,
  })
}
