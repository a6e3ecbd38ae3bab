import type { Actor } from '../domain/actor.js'
import {
  APPLICATION_TRANSITIONS,
  type ApplicationStatus,
  canApplicationTransition,
  canWithdrawApplication,
} from '../domain/application-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { AppError, isUniqueViolation } from '../lib/errors.js'
import { pageArgs, toPage } from '../schemas/pagination.js'
import { type Account, requireAccount } from './access.js'
import type { DatabaseClient } from './interview-links.js'
import { insertInterview, type NewInterview } from './interviews.js'
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
  withdrawnAt: true,
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
  }
}

export type PresentedApplication = ReturnType<typeof presentApplication>

function applicationRefused(message: string, field: string): AppError {
  return new AppError({
    code: 'VALIDATION_FAILED',
    message,
    details: { issues: [{ path: field, message }] },
  })
}

/**
 * A candidate applies to an open job, once, with a résumé (one they uploaded, or their profile's) or
 * a cover letter or both. Each refusal has its own code: JOB_CLOSED, JOB_NOT_APPROVED (submitted but
 * not yet approved, or rejected), ALREADY_APPLIED (its details name the application). Drafts are
 * private and answer 404 like a job that does not exist. An application the candidate withdrew is
 * replaced by the new one. The job's recruiter hears of it at once; the candidate gets the
 * application without notes.
 */
export async function applyToJob(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { jobId: string; coverLetter?: string; resumeFileId?: string; useProfileResume?: boolean },
) {
  const { userId: candidateId } = requireAccount(actor)
  const { prisma } = deps
  const { jobId } = input
  const coverLetter = input.coverLetter?.trim() ? input.coverLetter.trim() : undefined
  const job = await prisma.job.findUnique({
    where: { id: jobId },
    select: { status: true, approvalStatus: true },
  })
  if (!job || job.status === 'DRAFT')
    throw new AppError({ code: 'NOT_FOUND', message: 'This job is not open.' })
  if (job.status === 'CLOSED')
    throw new AppError({ code: 'JOB_CLOSED', message: 'This job is closed and takes no more applications.' })
  if (job.approvalStatus !== 'APPROVED')
    throw new AppError({
      code: 'JOB_NOT_APPROVED',
      message: 'This job is not approved for the job board yet, so it takes no applications.',
    })

  let resumeFileId = input.resumeFileId
  if (!resumeFileId && input.useProfileResume) {
    const profile = await prisma.candidateProfile.findUnique({
      where: { userId: candidateId },
      select: { resumeFileId: true },
    })
    if (!profile?.resumeFileId)
      throw applicationRefused(
        'Your profile has no résumé; upload one with this application.',
        'useProfileResume',
      )
    resumeFileId = profile.resumeFileId
  }
  if (!resumeFileId && !coverLetter)
    throw applicationRefused('Attach a résumé or write a cover letter (or both).', 'resumeFileId')
  if (resumeFileId) {
    const file = await prisma.file.findUnique({
      where: { id: resumeFileId },
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

  const alreadyApplied = (applicationId: string) =>
    new AppError({
      code: 'ALREADY_APPLIED',
      message: 'You have already applied to this job.',
      details: { applicationId },
    })
  const existing = await prisma.jobApplication.findUnique({
    where: { jobId_candidateId: { jobId, candidateId } },
    select: { id: true, status: true },
  })
  if (existing && existing.status !== 'WITHDRAWN') throw alreadyApplied(existing.id)

  let application: StoredApplication
  const fields = { coverLetter: coverLetter ?? null, resumeFileId: resumeFileId ?? null }
  if (existing) {
    // A fresh application in place of the withdrawn one; the status in the WHERE clause makes a
    // concurrent re-application lose.
    const result = await prisma.jobApplication.updateMany({
      where: { id: existing.id, status: 'WITHDRAWN' },
      data: {
        ...fields,
        status: 'PENDING',
        withdrawnAt: null,
        reviewedAt: null,
        appliedAt: new Date(),
      },
    })
    if (result.count === 0) throw alreadyApplied(existing.id)
    application = await prisma.jobApplication.findUniqueOrThrow({
      where: { id: existing.id },
      select: APPLICATION_SELECT,
    })
  } else {
    try {
      // One statement, so it commits on its own.
      application = await prisma.jobApplication.create({
        data: { jobId, candidateId, ...fields },
        select: APPLICATION_SELECT,
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      const winner = await prisma.jobApplication.findUniqueOrThrow({
        where: { jobId_candidateId: { jobId, candidateId } },
        select: { id: true },
      })
      throw alreadyApplied(winner.id)
    }
  }
  deps.realtime.publish({ userIds: [application.job.recruiterId] }, 'application:new', {
    application: presentApplication(application, { isRecruiterView: true }),
  })
  return presentApplication(application, { isRecruiterView: false })
}

/**
 * The caller's application to a job, or null when they have not applied: the job's page says so
 * before they fill in the form.
 */
export async function getMyApplicationToJob(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { jobId: string },
) {
  const { userId } = requireAccount(actor)
  const application = await deps.prisma.jobApplication.findUnique({
    where: { jobId_candidateId: { jobId: input.jobId, candidateId: userId } },
    select: APPLICATION_SELECT,
  })
  return application ? presentApplication(application, { isRecruiterView: false }) : null
}

/**
 * The candidate withdraws their application, until a decision on it is final (409 after). The
 * recruiter keeps it, marked WITHDRAWN, and hears of it at once; the candidate may apply again.
 */
export async function withdrawApplication(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { applicationId: string },
) {
  const { userId } = requireAccount(actor)
  const { applicationId } = input
  const { updated, previousStatus } = await deps.prisma.$transaction(async (tx) => {
    const application = await tx.jobApplication.findUnique({
      where: { id: applicationId },
      select: { candidateId: true, status: true },
    })
    if (!application || application.candidateId !== userId)
      throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
    if (!canWithdrawApplication(application.status))
      throw new AppError({
        code: 'CONFLICT',
        message:
          application.status === 'WITHDRAWN'
            ? 'You have already withdrawn this application.'
            : `This application is ${application.status.toLowerCase()}; it can no longer be withdrawn.`,
        details: { status: application.status },
      })
    const result = await tx.jobApplication.updateMany({
      where: { id: applicationId, status: application.status },
      data: { status: 'WITHDRAWN', withdrawnAt: new Date() },
    })
    if (result.count === 0)
      throw new AppError({
        code: 'CONFLICT',
        message: 'The application changed meanwhile; reload and try again.',
      })
    const updated = await tx.jobApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: APPLICATION_SELECT,
    })
    return { updated, previousStatus: application.status }
  })
  deps.realtime.publish({ userIds: [updated.job.recruiterId] }, 'application:updated', {
    application: presentApplication(updated, { isRecruiterView: true }),
    previousStatus,
  })
  const application = presentApplication(updated, { isRecruiterView: false })
  deps.realtime.publish({ userIds: [userId] }, 'application:updated', { application, previousStatus })
  return application
}

/** The application, if the account is its job's recruiter, an admin, or (with `allowCandidate`) its candidate. */
async function findVisibleApplication(
  db: DatabaseClient,
  account: Account,
  applicationId: string,
  allowCandidate: boolean,
) {
  const application = await db.jobApplication.findUnique({
    where: { id: applicationId },
    select: APPLICATION_SELECT,
  })
  const isRecruiter =
    application !== null && (account.isAdmin || application.job.recruiterId === account.userId)
  const isCandidate = allowCandidate && application?.candidate.id === account.userId
  if (!application || (!isRecruiter && !isCandidate))
    throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  return { application, isRecruiter }
}

/** For the job's recruiter (or an admin) only; its candidate is told it does not exist. */
async function findManagedApplication(db: DatabaseClient, account: Account, applicationId: string) {
  const { application, isRecruiter } = await findVisibleApplication(db, account, applicationId, false)
  if (!isRecruiter) throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  return application
}

/** The job's recruiter and admins see the notes; the candidate who applied sees the rest. */
export async function getApplication(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { applicationId: string },
) {
  const account = requireAccount(actor)
  const { application, isRecruiter } = await findVisibleApplication(
    deps.prisma,
    account,
    input.applicationId,
    true,
  )
  return presentApplication(application, { isRecruiterView: isRecruiter })
}

/** The caller's own applications, newest first. */
export async function listMyApplications(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { cursor?: string; limit: number },
) {
  const { userId } = requireAccount(actor)
  const rows = await deps.prisma.jobApplication.findMany({
    where: { candidateId: userId },
    orderBy: [{ appliedAt: 'desc' }, { id: 'desc' }],
    select: APPLICATION_SELECT,
    ...pageArgs(input),
  })
  return toPage(rows, input.limit, (row) => presentApplication(row, { isRecruiterView: false }))
}

export async function listJobApplications(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { jobId: string; status?: ApplicationStatus; cursor?: string; limit: number },
) {
  const account = requireAccount(actor)
  const { jobId, status } = input
  await findManagedJob(deps.prisma, jobId, account)
  const rows = await deps.prisma.jobApplication.findMany({
    where: { jobId, ...(status ? { status } : {}) },
    orderBy: [{ appliedAt: 'desc' }, { id: 'desc' }],
    select: APPLICATION_SELECT,
    ...pageArgs(input),
  })
  return toPage(rows, input.limit, (row) => presentApplication(row, { isRecruiterView: true }))
}

/**
 * Moves an application along its allowed steps (409 otherwise) and keeps the recruiter's notes. The
 * recruiter hears of every change; the candidate of status changes, without the notes.
 */
export async function updateApplication(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { applicationId: string; changes: { status?: ApplicationStatus; notes?: string | null } },
) {
  const account = requireAccount(actor)
  const { applicationId, changes } = input
  const { updated, previousStatus } = await deps.prisma.$transaction(async (tx) => {
    const application = await findManagedApplication(tx, account, applicationId)
    const isStatusChange = changes.status !== undefined && changes.status !== application.status
    if (isStatusChange && changes.status && !canApplicationTransition(application.status, changes.status)) {
      throw new AppError({
        code: 'CONFLICT',
        message: `An application that is ${application.status} cannot become ${changes.status}.`,
        details: {
          from: application.status,
          to: changes.status,
          allowed: APPLICATION_TRANSITIONS[application.status],
        },
      })
    }
    // The status in the WHERE clause makes a concurrent change lose instead of overwrite.
    const result = await tx.jobApplication.updateMany({
      where: { id: applicationId, status: application.status },
      data: {
        ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
        ...(isStatusChange
          ? { status: changes.status, reviewedAt: application.reviewedAt ?? new Date() }
          : {}),
      },
    })
    if (result.count === 0)
      throw new AppError({
        code: 'CONFLICT',
        message: 'The application changed meanwhile; reload and try again.',
      })
    const updated = await tx.jobApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: APPLICATION_SELECT,
    })
    return { updated, previousStatus: application.status }
  })
  const application = presentApplication(updated, { isRecruiterView: true })
  deps.realtime.publish({ userIds: [updated.job.recruiterId] }, 'application:updated', {
    application,
    previousStatus,
  })
  if (application.status !== previousStatus) {
    deps.realtime.publish({ userIds: [updated.candidate.id] }, 'application:updated', {
      application: presentApplication(updated, { isRecruiterView: false }),
      previousStatus,
    })
  }
  return application
}

/**
 * One step from an application to an interview: the candidate, the job and the resume carry over.
 * The interview belongs to the job's recruiter, also when an admin creates it for them.
 */
export async function createInterviewFromApplication(
  deps: Pick<Services, 'prisma' | 'config' | 'realtime'>,
  actor: Actor,
  input: { applicationId: string } & Pick<
    NewInterview,
    'type' | 'timeLimitMinutes' | 'expiresAt' | 'questions' | 'candidateNotes'
  >,
) {
  const account = requireAccount(actor)
  const { applicationId, ...fields } = input
  const created = await deps.prisma.$transaction(async (tx) => {
    const application = await findManagedApplication(tx, account, applicationId)
    return insertInterview(tx, {
      frontendUrl: deps.config.FRONTEND_URL,
      owner: { userId: application.job.recruiterId, isAdmin: account.isAdmin },
      resumeOwnerId: application.candidate.id,
      interview: {
        ...fields,
        jobRole: application.job.title,
        jobId: application.jobId,
        candidateEmail: application.candidate.email,
        candidateName: application.candidate.fullName ?? undefined,
        candidateResumeFileId: application.resumeFileId ?? undefined,
      },
    })
  })
  // Published here, after this transaction's commit: `insertInterview` ran inside it and cannot know when that is.
  deps.realtime.publish({ userIds: [created.interview.recruiterId] }, 'interview:created', {
    interview: created.interview,
  })
  return created
}
