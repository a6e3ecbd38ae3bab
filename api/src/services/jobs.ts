import type { Prisma } from '../generated/prisma/client.js'
import type { ApprovalStatus, JobStatus } from '../generated/prisma/enums.js'
import type { Actor } from '../lib/actor.js'
import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'
import { pageArgs, toPage } from '../schemas/pagination.js'

const JOB_SELECT = {
  id: true,
  recruiterId: true,
  title: true,
  description: true,
  department: true,
  location: true,
  jobType: true,
  salaryRange: true,
  status: true,
  approvalStatus: true,
  approvedAt: true,
  rejectionReason: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { applications: true } },
} as const satisfies Prisma.JobSelect

type StoredJob = Prisma.JobGetPayload<{ select: typeof JOB_SELECT }>

function presentJob({ _count, ...job }: StoredJob) {
  return {
    ...job,
    applicationCount: _count.applications,
    approvedAt: job.approvedAt?.toISOString() ?? null,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  }
}

/** The job, if the caller may manage it (its recruiter or an admin); others are told it does not exist. */
export async function findManagedJob(prisma: Database, jobId: string, actor: Actor) {
  const job = await prisma.job.findUnique({
    where: { id: jobId },
    select: { id: true, recruiterId: true, status: true, approvalStatus: true },
  })
  if (!job || (!actor.isAdmin && job.recruiterId !== actor.userId))
    throw new AppError({ code: 'NOT_FOUND', message: 'No such job.' })
  return job
}

type JobFields = {
  title?: string
  description?: string | null
  department?: string | null
  location?: string | null
  jobType?: string | null
  salaryRange?: string | null
}

export async function createJob(options: {
  prisma: Database
  actor: Actor
  data: JobFields & { title: string }
}) {
  const job = await options.prisma.job.create({
    data: { ...options.data, recruiterId: options.actor.userId, status: 'DRAFT', approvalStatus: 'PENDING' },
    select: JOB_SELECT,
  })
  return presentJob(job)
}

export async function getJob(options: { prisma: Database; actor: Actor; jobId: string }) {
  await findManagedJob(options.prisma, options.jobId, options.actor)
  return presentJob(
    await options.prisma.job.findUniqueOrThrow({ where: { id: options.jobId }, select: JOB_SELECT }),
  )
}

export async function listJobs(options: {
  prisma: Database
  actor: Actor
  query: { status?: JobStatus; approvalStatus?: ApprovalStatus; cursor?: string; limit: number }
}) {
  const { prisma, actor, query } = options
  const rows = await prisma.job.findMany({
    where: {
      ...(actor.isAdmin ? {} : { recruiterId: actor.userId }),
      ...(query.status ? { status: query.status } : {}),
      ...(query.approvalStatus ? { approvalStatus: query.approvalStatus } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: JOB_SELECT,
    ...pageArgs(query),
  })
  return toPage(rows, query.limit, presentJob)
}

/**
 * Edits a job. A live job that changes goes back to the approval queue (off the public board until
 * approved again), so nothing reaches candidates unreviewed. Closed jobs do not change.
 */
export async function updateJob(options: { prisma: Database; actor: Actor; jobId: string; data: JobFields }) {
  const { prisma, actor, jobId, data } = options
  const job = await findManagedJob(prisma, jobId, actor)
  if (job.status === 'CLOSED')
    throw new AppError({ code: 'CONFLICT', message: 'This job is closed; it can no longer change.' })
  // A rejected job stays rejected while it is fixed; the recruiter resubmits it when ready.
  const needsReview = job.status === 'ACTIVE' && job.approvalStatus === 'APPROVED'
  const updated = await prisma.job.update({
    where: { id: jobId },
    data: {
      ...data,
      ...(needsReview ? { approvalStatus: 'PENDING', approvedAt: null, approvedBy: null } : {}),
    },
    select: JOB_SELECT,
  })
  return presentJob(updated)
}

/** Sends a draft (or a rejected job, once fixed) to the admins' approval queue. */
export async function submitJob(options: { prisma: Database; actor: Actor; jobId: string }) {
  const { prisma, actor, jobId } = options
  const job = await findManagedJob(prisma, jobId, actor)
  const isResubmission = job.status === 'ACTIVE' && job.approvalStatus === 'REJECTED'
  if (job.status !== 'DRAFT' && !isResubmission) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'Only drafts and rejected jobs can be submitted for approval.',
    })
  }
  const updated = await prisma.job.update({
    where: { id: jobId },
    data: { status: 'ACTIVE', approvalStatus: 'PENDING', rejectionReason: null },
    select: JOB_SELECT,
  })
  return presentJob(updated)
}

/** Closes a job: it leaves the public board and takes no more applications. Final. */
export async function closeJob(options: { prisma: Database; actor: Actor; jobId: string }) {
  const job = await findManagedJob(options.prisma, options.jobId, options.actor)
  if (job.status === 'CLOSED')
    throw new AppError({ code: 'CONFLICT', message: 'This job is already closed.' })
  const updated = await options.prisma.job.update({
    where: { id: options.jobId },
    data: { status: 'CLOSED' },
    select: JOB_SELECT,
  })
  return presentJob(updated)
}

/** Deletes a job nobody has applied to; one with applications can only be closed. */
export async function deleteJob(options: { prisma: Database; actor: Actor; jobId: string }) {
  await findManagedJob(options.prisma, options.jobId, options.actor)
  const applications = await options.prisma.jobApplication.count({ where: { jobId: options.jobId } })
  if (applications > 0) {
    throw new AppError({
      code: 'CONFLICT',
      message: `This job has ${applications} application(s); close it instead of deleting it.`,
    })
  }
  await options.prisma.job.delete({ where: { id: options.jobId } })
}

/** Approves a job waiting in the queue; it appears on the public board at once. */
export async function approveJob(options: { prisma: Database; adminId: string; jobId: string }) {
  return decideJob(options.prisma, options.jobId, {
    approvalStatus: 'APPROVED',
    approvedAt: new Date(),
    approvedBy: options.adminId,
    rejectionReason: null,
  })
}

export async function rejectJob(options: { prisma: Database; jobId: string; reason: string }) {
  return decideJob(options.prisma, options.jobId, {
    approvalStatus: 'REJECTED',
    approvedAt: null,
    approvedBy: null,
    rejectionReason: options.reason,
  })
}

async function decideJob(prisma: Database, jobId: string, decision: Prisma.JobUncheckedUpdateInput) {
  const job = await prisma.job.findUnique({
    where: { id: jobId },
    select: { status: true, approvalStatus: true },
  })
  if (!job) throw new AppError({ code: 'NOT_FOUND', message: 'No such job.' })
  if (job.status !== 'ACTIVE' || job.approvalStatus !== 'PENDING') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'Only submitted jobs waiting for approval can be approved or rejected.',
    })
  }
  return presentJob(await prisma.job.update({ where: { id: jobId }, data: decision, select: JOB_SELECT }))
}

/** The admins' queue: submitted jobs waiting for a decision, oldest first. */
export async function listPendingJobs(options: {
  prisma: Database
  query: { cursor?: string; limit: number }
}) {
  const rows = await options.prisma.job.findMany({
    where: { status: 'ACTIVE', approvalStatus: 'PENDING' },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    select: JOB_SELECT,
    ...pageArgs(options.query),
  })
  return toPage(rows, options.query.limit, presentJob)
}

// ─── The public job board ────────────────────────────────────────────────────

/** What makes a job public: approved and active. */
export const PUBLIC_JOB_WHERE = {
  status: 'ACTIVE',
  approvalStatus: 'APPROVED',
} as const satisfies Prisma.JobWhereInput

const PUBLIC_JOB_SELECT = {
  id: true,
  title: true,
  description: true,
  department: true,
  location: true,
  jobType: true,
  salaryRange: true,
  approvedAt: true,
  createdAt: true,
  recruiter: {
    select: { recruiterProfile: { select: { companyName: true, brandColor: true, logoFileId: true } } },
  },
} as const satisfies Prisma.JobSelect

function presentPublicJob(job: Prisma.JobGetPayload<{ select: typeof PUBLIC_JOB_SELECT }>) {
  const profile = job.recruiter.recruiterProfile
  return {
    id: job.id,
    title: job.title,
    description: job.description,
    department: job.department,
    location: job.location,
    jobType: job.jobType,
    salaryRange: job.salaryRange,
    company: {
      name: profile?.companyName ?? null,
      brandColor: profile?.brandColor ?? null,
      logoFileId: profile?.logoFileId ?? null,
    },
    postedAt: (job.approvedAt ?? job.createdAt).toISOString(),
  }
}

export async function listPublicJobs(options: {
  prisma: Database
  query: { q?: string; location?: string; jobType?: string; cursor?: string; limit: number }
}) {
  const { prisma, query } = options
  const rows = await prisma.job.findMany({
    where: {
      ...PUBLIC_JOB_WHERE,
      ...(query.q
        ? {
            OR: [
              { title: { contains: query.q, mode: 'insensitive' } },
              { department: { contains: query.q, mode: 'insensitive' } },
              { description: { contains: query.q, mode: 'insensitive' } },
            ],
          }
        : {}),
      ...(query.location ? { location: { contains: query.location, mode: 'insensitive' } } : {}),
      ...(query.jobType ? { jobType: { equals: query.jobType, mode: 'insensitive' } } : {}),
    },
    orderBy: [{ approvedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    select: PUBLIC_JOB_SELECT,
    ...pageArgs(query),
  })
  return toPage(rows, query.limit, presentPublicJob)
}

export async function getPublicJob(options: { prisma: Database; jobId: string }) {
  const job = await options.prisma.job.findFirst({
    where: { id: options.jobId, ...PUBLIC_JOB_WHERE },
    select: PUBLIC_JOB_SELECT,
  })
  if (!job)
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'This job is not open (it may have been filled or withdrawn).',
    })
  return presentPublicJob(job)
}
