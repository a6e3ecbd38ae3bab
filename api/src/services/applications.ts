import { APPLICATION_TRANSITIONS, canApplicationTransition } from '../domain/application-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { ApplicationStatus, InterviewType } from '../generated/prisma/enums.js'
import type { Actor } from '../lib/actor.js'
import type { Database } from '../lib/db.js'
import { AppError, isUniqueViolation } from '../lib/errors.js'
import { pageArgs, toPage } from '../schemas/pagination.js'
import { createInterview } from './interviews.js'
import { findManagedJob } from './jobs.js'

const APPLICATION_SELECT = {
  id: true,
  jobId: true,
  job: {
    select: {
      id: true,
      title: true,
      recruiterId: true,
      recruiter: { select: { recruiterProfile: { select: { companyName: true } } } },
    },
  },
  candidate: { select: { id: true, email: true, fullName: true } },
  coverLetter: true,
  resumeFileId: true,
  notes: true,
  status: true,
  reviewedAt: true,
  appliedAt: true,
  updatedAt: true,
} as const satisfies Prisma.JobApplicationSelect

type StoredApplication = Prisma.JobApplicationGetPayload<{ select: typeof APPLICATION_SELECT }>

function presentApplication(application: StoredApplication, options: { isRecruiterView: boolean }) {
  const { job, ...rest } = application
  return {
    ...rest,
    job: { id: job.id, title: job.title, companyName: job.recruiter.recruiterProfile?.companyName ?? null },
    // A recruiter's notes are theirs alone.
    notes: options.isRecruiterView ? application.notes : null,
    reviewedAt: application.reviewedAt?.toISOString() ?? null,
    appliedAt: application.appliedAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  }
}

export type PresentedApplication = ReturnType<typeof presentApplication>

/** A candidate applies to an open job, once. Closed or unapproved jobs take no applications. */
export async function applyToJob(options: {
  prisma: Database
  candidateId: string
  jobId: string
  data: { coverLetter?: string; resumeFileId?: string }
}) {
  const { prisma, candidateId, jobId, data } = options
  const job = await prisma.job.findUnique({
    where: { id: jobId },
    select: { status: true, approvalStatus: true },
  })
  if (job?.approvalStatus !== 'APPROVED' || job.status === 'DRAFT') {
    throw new AppError({ code: 'NOT_FOUND', message: 'This job is not open.' })
  }
  if (job.status === 'CLOSED')
    throw new AppError({ code: 'CONFLICT', message: 'This job is closed and takes no more applications.' })
  if (data.resumeFileId) {
    const file = await prisma.file.findUnique({
      where: { id: data.resumeFileId },
      select: { uploadedBy: true, category: true },
    })
    if (!file || file.uploadedBy !== candidateId || file.category !== 'RESUME') {
      throw new AppError({
        code: 'NOT_FOUND',
        message: 'No such resume among your uploads.',
        details: { field: 'resumeFileId' },
      })
    }
  }
  try {
    const application = await prisma.jobApplication.create({
      data: { jobId, candidateId, coverLetter: data.coverLetter, resumeFileId: data.resumeFileId },
      select: APPLICATION_SELECT,
    })
    return {
      application: presentApplication(application, { isRecruiterView: true }),
      recruiterId: application.job.recruiterId,
    }
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError({ code: 'CONFLICT', message: 'You have already applied to this job.' })
    }
    throw error
  }
}

/** The application, if the caller is its job's recruiter, an admin, or (with `allowCandidate`) its candidate. */
async function findVisibleApplication(
  prisma: Database,
  applicationId: string,
  actor: Actor,
  allowCandidate: boolean,
) {
  const application = await prisma.jobApplication.findUnique({
    where: { id: applicationId },
    select: APPLICATION_SELECT,
  })
  const isRecruiter = application !== null && (actor.isAdmin || application.job.recruiterId === actor.userId)
  const isCandidate = allowCandidate && application?.candidate.id === actor.userId
  if (!application || (!isRecruiter && !isCandidate))
    throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  return { application, isRecruiter }
}

export async function getApplication(options: { prisma: Database; actor: Actor; applicationId: string }) {
  const { application, isRecruiter } = await findVisibleApplication(
    options.prisma,
    options.applicationId,
    options.actor,
    true,
  )
  return presentApplication(application, { isRecruiterView: isRecruiter })
}

export async function listMyApplications(options: {
  prisma: Database
  candidateId: string
  query: { cursor?: string; limit: number }
}) {
  const rows = await options.prisma.jobApplication.findMany({
    where: { candidateId: options.candidateId },
    orderBy: [{ appliedAt: 'desc' }, { id: 'desc' }],
    select: APPLICATION_SELECT,
    ...pageArgs(options.query),
  })
  return toPage(rows, options.query.limit, (row) => presentApplication(row, { isRecruiterView: false }))
}

export async function listJobApplications(options: {
  prisma: Database
  actor: Actor
  jobId: string
  query: { status?: ApplicationStatus; cursor?: string; limit: number }
}) {
  const { prisma, actor, jobId, query } = options
  await findManagedJob(prisma, jobId, actor)
  const rows = await prisma.jobApplication.findMany({
    where: { jobId, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ appliedAt: 'desc' }, { id: 'desc' }],
    select: APPLICATION_SELECT,
    ...pageArgs(query),
  })
  return toPage(rows, query.limit, (row) => presentApplication(row, { isRecruiterView: true }))
}

/** Moves an application along its allowed steps (409 otherwise) and keeps the recruiter's notes. */
export async function updateApplication(options: {
  prisma: Database
  actor: Actor
  applicationId: string
  data: { status?: ApplicationStatus; notes?: string | null }
}) {
  const { prisma, actor, applicationId, data } = options
  const { application, isRecruiter } = await findVisibleApplication(prisma, applicationId, actor, false)
  if (!isRecruiter) throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  const isStatusChange = data.status !== undefined && data.status !== application.status
  if (isStatusChange && data.status && !canApplicationTransition(application.status, data.status)) {
    throw new AppError({
      code: 'CONFLICT',
      message: `An application that is ${application.status} cannot become ${data.status}.`,
      details: {
        from: application.status,
        to: data.status,
        allowed: APPLICATION_TRANSITIONS[application.status],
      },
    })
  }
  const result = await prisma.jobApplication.updateMany({
    where: { id: applicationId, status: application.status },
    data: {
      ...(data.notes !== undefined ? { notes: data.notes } : {}),
      ...(isStatusChange ? { status: data.status, reviewedAt: application.reviewedAt ?? new Date() } : {}),
    },
  })
  if (result.count === 0)
    throw new AppError({
      code: 'CONFLICT',
      message: 'The application changed meanwhile; reload and try again.',
    })
  const updated = await prisma.jobApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: APPLICATION_SELECT,
  })
  return {
    application: presentApplication(updated, { isRecruiterView: true }),
    candidateView: presentApplication(updated, { isRecruiterView: false }),
    recruiterId: updated.job.recruiterId,
    candidateId: updated.candidate.id,
    previousStatus: application.status,
  }
}

/** One step from an application to an interview: the candidate, the job and the resume carry over. */
export async function createInterviewFromApplication(options: {
  prisma: Database
  frontendUrl: string
  actor: Actor
  applicationId: string
  data: {
    type: InterviewType
    timeLimitMinutes: number
    expiresAt?: string
    questions: string[]
    candidateNotes?: string
  }
}) {
  const { prisma, actor, applicationId, data } = options
  const { application, isRecruiter } = await findVisibleApplication(prisma, applicationId, actor, false)
  if (!isRecruiter) throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  // The interview belongs to the job's recruiter, also when an admin creates it for them.
  const owner: Actor = { userId: application.job.recruiterId, isAdmin: actor.isAdmin }
  return createInterview({
    prisma,
    frontendUrl: options.frontendUrl,
    actor: owner,
    resumeOwnerId: application.candidate.id,
    data: {
      ...data,
      jobRole: application.job.title,
      jobId: application.jobId,
      candidateEmail: application.candidate.email,
      candidateName: application.candidate.fullName ?? undefined,
      candidateResumeFileId: application.resumeFileId ?? undefined,
    },
  })
}
