import type { Actor } from '../domain/actor.js'
import {
  type ApprovalStatus,
  AWAITING_APPROVAL,
  canCloseJob,
  canDecideOnJob,
  canEditJob,
  canReopenJob,
  canSubmitJob,
  changedMaterialFields,
  isSentBackForApprovalByEdit,
  type JobStatus,
  LIVE_JOB,
  type MaterialJobField,
  reopenedStanding,
} from '../domain/job-status.js'
import type { JobType } from '../domain/job-types.js'
import { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { type Database, queryRows } from '../infra/db.js'
import { AppError } from '../lib/errors.js'
import { toPage } from '../schemas/pagination.js'
import { type Account, requireSignedInRole } from './access.js'
import { afterCursorSql, allOf, likePattern, orderBySql, type SortKey } from './pages.js'

const { sql } = Prisma

/** Reads need the database only; changes also tell the people watching and leave a log line. */
type ReadDeps = Pick<Services, 'prisma'>
/** The lists read with hand-written SQL from the pool. */
type ListDeps = Pick<Services, 'pgPool'>
type ChangeDeps = Pick<Services, 'prisma' | 'realtime' | 'logger'>
type Client = Database | Prisma.TransactionClient

const JOB_SELECT = {
  id: true,
  recruiterId: true,
  title: true,
  description: true,
  requirements: true,
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
  }
}

export type PresentedJob = ReturnType<typeof presentJob>

/** Recruiters manage their own jobs; admins manage everyone's. API keys have no scope for jobs. */
const manageJobs = (actor: Actor) => requireSignedInRole(actor, ['RECRUITER'])
const decideOnJobs = (actor: Actor) => requireSignedInRole(actor, ['ADMIN'])

/** The recruiter's page and every admin's queue show the change as it happens. */
function publishJobUpdated(deps: Pick<Services, 'realtime'>, job: PresentedJob) {
  deps.realtime.publish({ userIds: [job.recruiterId], admins: true }, 'job:updated', { job })
}

/**
 * The job, if `account` may manage it (its recruiter or an admin); others are told it does not
 * exist. A building block for services that act on a job (its applications too), not an entry point.
 */
export async function findManagedJob(
  prisma: Client,
  jobId: string,
  account: Pick<Account, 'userId' | 'isAdmin'>,
) {
  const job = await prisma.job.findUnique({
    where: { id: jobId },
    select: { id: true, recruiterId: true, status: true, approvalStatus: true },
  })
  if (!job || (!account.isAdmin && job.recruiterId !== account.userId))
    throw new AppError({ code: 'NOT_FOUND', message: 'No such job.' })
  return job
}

/**
 * Moves a job from the standing it was read in, in one transaction. The standing in the WHERE
 * clause makes a concurrent change lose (409) instead of silently overwriting it.
 */
async function changeJobStanding(
  prisma: Database,
  options: {
    jobId: string
    /** Only a job this account manages; the admins' queue decisions reach every job. */
    manager?: Account
    /** Why the job may not move from where it stands; null when it may. */
    refusal: (job: StoredJob) => string | null
    data: (job: StoredJob) => Prisma.JobUncheckedUpdateManyInput
  },
): Promise<PresentedJob> {
  const { jobId } = options
  const stored = await prisma.$transaction(async (tx) => {
    if (options.manager) await findManagedJob(tx, jobId, options.manager)
    const job = await tx.job.findUnique({ where: { id: jobId }, select: JOB_SELECT })
    if (!job) throw new AppError({ code: 'NOT_FOUND', message: 'No such job.' })
    const refusal = options.refusal(job)
    if (refusal) throw new AppError({ code: 'CONFLICT', message: refusal })
    const result = await tx.job.updateMany({
      where: { id: jobId, status: job.status, approvalStatus: job.approvalStatus },
      data: options.data(job),
    })
    if (result.count === 0)
      throw new AppError({ code: 'CONFLICT', message: 'This job changed meanwhile; reload and try again.' })
    return tx.job.findUniqueOrThrow({ where: { id: jobId }, select: JOB_SELECT })
  })
  return presentJob(stored)
}

type JobFields = {
  title?: string
  description?: string | null
  requirements?: string | null
  department?: string | null
  location?: string | null
  jobType?: JobType | null
  salaryRange?: string | null
}

/** A new job starts as a private draft of the recruiter (or admin) who creates it. */
export async function createJob(deps: ReadDeps, actor: Actor, input: JobFields & { title: string }) {
  const { userId } = manageJobs(actor)
  const job = await deps.prisma.job.create({
    data: { ...input, recruiterId: userId, status: 'DRAFT', approvalStatus: 'PENDING' },
    select: JOB_SELECT,
  })
  return presentJob(job)
}

export async function getJob(deps: ReadDeps, actor: Actor, input: { jobId: string }) {
  await findManagedJob(deps.prisma, input.jobId, manageJobs(actor))
  return presentJob(
    await deps.prisma.job.findUniqueOrThrow({ where: { id: input.jobId }, select: JOB_SELECT }),
  )
}

/** `JOB_SELECT`'s columns of a job aliased `t`, its application count counted in the same statement. */
const LISTED_JOB_COLUMNS = sql`t.id, t."recruiterId", t.title, t.description, t.requirements, t.department,
  t.location, t."jobType"::text AS "jobType", t."salaryRange", t.status::text AS status,
  t."approvalStatus"::text AS "approvalStatus", t."approvedAt", t."rejectionReason", t."createdAt",
  t."updatedAt",
  (SELECT count(*)::int FROM "JobApplication" a WHERE a."jobId" = t.id) AS "applicationCount"`

type ListedJob = Omit<StoredJob, '_count'> & { applicationCount: number }

const NEWEST_JOBS: SortKey[] = [
  { column: 'createdAt', direction: 'desc' },
  { column: 'id', direction: 'desc' },
]

/** The recruiter's jobs (an admin's list holds every job), newest first; one statement per page. */
export async function listJobs(
  deps: ListDeps,
  actor: Actor,
  input: { status?: JobStatus; approvalStatus?: ApprovalStatus; cursor?: string; limit: number },
) {
  const account = manageJobs(actor)
  const conditions: Prisma.Sql[] = []
  if (!account.isAdmin) conditions.push(sql`t."recruiterId" = ${account.userId}`)
  if (input.status) conditions.push(sql`t.status = ${input.status}::"JobStatus"`)
  if (input.approvalStatus)
    conditions.push(sql`t."approvalStatus" = ${input.approvalStatus}::"ApprovalStatus"`)
  if (input.cursor) conditions.push(afterCursorSql('Job', NEWEST_JOBS, input.cursor))
  const rows = await queryRows<ListedJob>(
    deps.pgPool,
    sql`
    SELECT ${LISTED_JOB_COLUMNS} FROM "Job" t
    WHERE ${allOf(conditions)}
    ORDER BY ${orderBySql(NEWEST_JOBS)}
    LIMIT ${input.limit + 1}`,
  )
  return toPage(rows, input.limit, (job): PresentedJob => job)
}

/**
 * Edits a job. A live job whose title, description, requirements or pay changes goes back to the
 * approval queue (off the public board until approved again), so nothing that matters reaches
 * candidates unreviewed; other edits keep it live. The answer names the fields that sent it back.
 * Closed jobs do not change.
 */
export async function updateJob(
  deps: ChangeDeps,
  actor: Actor,
  input: { jobId: string; changes: JobFields },
): Promise<{ job: PresentedJob; sentBackForApproval: MaterialJobField[] }> {
  let sentBackForApproval: MaterialJobField[] = []
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    manager: manageJobs(actor),
    refusal: (current) => (canEditJob(current) ? null : 'This job is closed; reopen it before changing it.'),
    data: (current) => {
      const changed = changedMaterialFields(current, input.changes)
      const isSentBack = isSentBackForApprovalByEdit(current, changed)
      sentBackForApproval = isSentBack ? changed : []
      return {
        ...input.changes,
        ...(isSentBack ? { approvalStatus: 'PENDING', approvedAt: null, approvedBy: null } : {}),
      }
    },
  })
  publishJobUpdated(deps, job)
  return { job, sentBackForApproval }
}

/** Sends a draft (or a rejected job, once fixed) to the admins' approval queue. */
export async function submitJob(deps: ChangeDeps, actor: Actor, input: { jobId: string }) {
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    manager: manageJobs(actor),
    refusal: (current) =>
      canSubmitJob(current) ? null : 'Only drafts and rejected jobs can be submitted for approval.',
    data: () => ({ ...AWAITING_APPROVAL, rejectionReason: null }),
  })
  publishJobUpdated(deps, job)
  return job
}

/** Closes a job: it leaves the public board and takes no more applications, until reopened. */
export async function closeJob(deps: ChangeDeps, actor: Actor, input: { jobId: string }) {
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    manager: manageJobs(actor),
    refusal: (current) => (canCloseJob(current) ? null : 'This job is already closed.'),
    data: () => ({ status: 'CLOSED' }),
  })
  publishJobUpdated(deps, job)
  return job
}

/** Reopens a closed job where it stood before (see `reopenedStanding`): an approved job is live again. */
export async function reopenJob(deps: ChangeDeps, actor: Actor, input: { jobId: string }) {
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    manager: manageJobs(actor),
    refusal: (current) => (canReopenJob(current) ? null : 'Only a closed job can be reopened.'),
    data: (current) => reopenedStanding(current),
  })
  publishJobUpdated(deps, job)
  return job
}

/** Deletes a job nobody has applied to; one with applications can only be closed. */
export async function deleteJob(deps: ReadDeps, actor: Actor, input: { jobId: string }) {
  const account = manageJobs(actor)
  await deps.prisma.$transaction(async (tx) => {
    await findManagedJob(tx, input.jobId, account)
    const applications = await tx.jobApplication.count({ where: { jobId: input.jobId } })
    if (applications > 0) {
      throw new AppError({
        code: 'CONFLICT',
        message: `This job has ${applications} application(s); close it instead of deleting it.`,
      })
    }
    await tx.job.delete({ where: { id: input.jobId } })
  })
}

const DECISION_REFUSAL = 'Only submitted jobs waiting for approval can be approved or rejected.'

/** Approves a job waiting in the queue; it appears on the public board at once. Admins only. */
export async function approveJob(deps: ChangeDeps, actor: Actor, input: { jobId: string }) {
  const admin = decideOnJobs(actor)
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    refusal: (current) => (canDecideOnJob(current) ? null : DECISION_REFUSAL),
    data: () => ({
      approvalStatus: 'APPROVED',
      approvedAt: new Date(),
      approvedBy: admin.userId,
      rejectionReason: null,
    }),
  })
  deps.logger.info({ jobId: job.id, adminId: admin.userId }, 'job approved')
  publishJobUpdated(deps, job)
  return job
}

/** Rejects a job waiting in the queue, saying why, so the recruiter can fix and resubmit it. Admins only. */
export async function rejectJob(deps: ChangeDeps, actor: Actor, input: { jobId: string; reason: string }) {
  const admin = decideOnJobs(actor)
  const job = await changeJobStanding(deps.prisma, {
    jobId: input.jobId,
    refusal: (current) => (canDecideOnJob(current) ? null : DECISION_REFUSAL),
    data: () => ({
      approvalStatus: 'REJECTED',
      approvedAt: null,
      approvedBy: null,
      rejectionReason: input.reason,
    }),
  })
  deps.logger.info({ jobId: job.id, adminId: admin.userId }, 'job rejected')
  publishJobUpdated(deps, job)
  return job
}

const OLDEST_CHANGE_FIRST: SortKey[] = [
  { column: 'updatedAt', direction: 'asc' },
  { column: 'id', direction: 'asc' },
]

/**
 * The admins' queue: submitted jobs waiting for a decision, oldest first, each with who submitted it
 * and their company, so an admin can decide without looking them up. One statement per page.
 */
export async function listPendingJobs(
  deps: ListDeps,
  actor: Actor,
  input: { cursor?: string; limit: number },
) {
  decideOnJobs(actor)
  const conditions = [
    sql`t.status = ${AWAITING_APPROVAL.status}::"JobStatus"`,
    sql`t."approvalStatus" = ${AWAITING_APPROVAL.approvalStatus}::"ApprovalStatus"`,
  ]
  if (input.cursor) conditions.push(afterCursorSql('Job', OLDEST_CHANGE_FIRST, input.cursor))
  const rows = await queryRows<
    ListedJob & { submitterName: string | null; submitterEmail: string; companyName: string | null }
  >(
    deps.pgPool,
    sql`
    SELECT ${LISTED_JOB_COLUMNS}, u."fullName" AS "submitterName", u.email AS "submitterEmail",
      p."companyName"
    FROM "Job" t
      JOIN "User" u ON u.id = t."recruiterId"
      LEFT JOIN "RecruiterProfile" p ON p."userId" = u.id
    WHERE ${allOf(conditions)}
    ORDER BY ${orderBySql(OLDEST_CHANGE_FIRST)}
    LIMIT ${input.limit + 1}`,
  )
  return toPage(rows, input.limit, ({ submitterName, submitterEmail, companyName, ...job }) => ({
    ...(job satisfies PresentedJob),
    submittedBy: { id: job.recruiterId, fullName: submitterName, email: submitterEmail, companyName },
  }))
}

// ─── The public job board ────────────────────────────────────────────────────

// The public board takes `(deps, input)`: anyone may read it, so there is no actor to check.

/** Only live jobs are public. */
const PUBLIC_JOB_WHERE = LIVE_JOB satisfies Prisma.JobWhereInput

const PUBLIC_JOB_SELECT = {
  id: true,
  title: true,
  description: true,
  requirements: true,
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

type PublicJob = Prisma.JobGetPayload<{ select: typeof PUBLIC_JOB_SELECT }>

function presentPublicJob(job: PublicJob) {
  const profile = job.recruiter.recruiterProfile
  return {
    id: job.id,
    title: job.title,
    description: job.description,
    requirements: job.requirements,
    department: job.department,
    location: job.location,
    jobType: job.jobType,
    salaryRange: job.salaryRange,
    company: {
      name: profile?.companyName ?? null,
      brandColor: profile?.brandColor ?? null,
      logoFileId: profile?.logoFileId ?? null,
    },
    postedAt: job.approvedAt ?? job.createdAt,
  }
}

/** `PUBLIC_JOB_SELECT`'s columns of a job aliased `t`, and its recruiter for the company. */
const PUBLIC_JOB_COLUMNS = sql`t.id, t."recruiterId", t.title, t.description, t.requirements, t.department,
  t.location, t."jobType"::text AS "jobType", t."salaryRange", t."approvedAt", t."createdAt"`

/**
 * The public board, newest approval first (jobs never approved last), the company joined in; one
 * statement per page. An index cannot hand out `approvedAt DESC NULLS LAST` directly, so the page
 * is read in two index-ordered parts, approved jobs and then the others, each after the cursor.
 */
export async function listPublicJobs(
  deps: ListDeps,
  input: { q?: string; location?: string; jobType?: JobType; cursor?: string; limit: number },
) {
  const conditions = [
    sql`t.status = ${PUBLIC_JOB_WHERE.status}::"JobStatus"`,
    sql`t."approvalStatus" = ${PUBLIC_JOB_WHERE.approvalStatus}::"ApprovalStatus"`,
  ]
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(
      sql`(t.title ILIKE ${pattern} OR t.department ILIKE ${pattern} OR t.description ILIKE ${pattern})`,
    )
  }
  if (input.location) conditions.push(sql`t.location ILIKE ${likePattern(input.location)}`)
  if (input.jobType) conditions.push(sql`t."jobType" = ${input.jobType}::"JobType"`)
  const { cursor } = input
  const approved = [...conditions, sql`t."approvedAt" IS NOT NULL`]
  const unapproved = [...conditions, sql`t."approvedAt" IS NULL`]
  if (cursor) {
    // After an approved job: the approved jobs below it, then all unapproved ones; after an
    // unapproved job, the unapproved ones below it.
    approved.push(
      sql`(t."approvedAt", t.id) < (SELECT c."approvedAt", c.id FROM "Job" c WHERE c.id = ${cursor})`,
    )
    unapproved.push(
      sql`EXISTS (SELECT FROM "Job" c WHERE c.id = ${cursor} AND (c."approvedAt" IS NOT NULL OR t.id < c.id))`,
    )
  }
  const limit = input.limit + 1
  const rows = await queryRows<
    Omit<PublicJob, 'recruiter'> & {
      companyName: string | null
      brandColor: string | null
      logoFileId: string | null
    }
  >(
    deps.pgPool,
    sql`
    SELECT page.*, p."companyName", p."brandColor", p."logoFileId"
    FROM (
      (SELECT ${PUBLIC_JOB_COLUMNS} FROM "Job" t WHERE ${allOf(approved)}
        ORDER BY t."approvedAt" DESC, t.id DESC LIMIT ${limit})
      UNION ALL
      (SELECT ${PUBLIC_JOB_COLUMNS} FROM "Job" t WHERE ${allOf(unapproved)}
        ORDER BY t.id DESC LIMIT ${limit})
    ) page LEFT JOIN "RecruiterProfile" p ON p."userId" = page."recruiterId"
    ORDER BY page."approvedAt" DESC NULLS LAST, page.id DESC
    LIMIT ${limit}`,
  )
  return toPage(rows, input.limit, ({ companyName, brandColor, logoFileId, ...job }) =>
    presentPublicJob({ ...job, recruiter: { recruiterProfile: { companyName, brandColor, logoFileId } } }),
  )
}

export async function getPublicJob(deps: ReadDeps, input: { jobId: string }) {
  const job = await deps.prisma.job.findFirst({
    where: { id: input.jobId, ...PUBLIC_JOB_WHERE },
    select: PUBLIC_JOB_SELECT,
  })
  if (!job)
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'This job is not open (it may have been filled or withdrawn).',
    })
  return presentPublicJob(job)
}
