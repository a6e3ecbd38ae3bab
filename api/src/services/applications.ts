import type { Actor } from '../domain/actor.js'
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  type ApplicationStatus,
  canApplicationTransition,
  canWithdrawApplication,
  nextApplicationStatuses,
} from '../domain/application-status.js'
import { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { queryRows } from '../infra/db.js'
import { csvLine } from '../lib/csv.js'
import { AppError, isUniqueViolation } from '../lib/errors.js'
import type { ApplicationSort } from '../schemas/applications.js'
import { toPage } from '../schemas/pagination.js'
import { type Account, requireAccount } from './access.js'
import type { DatabaseClient } from './interview-links.js'
import { insertInterview, type NewInterview } from './interviews.js'
import { findManagedJob } from './jobs.js'
import { afterCursorSql, allOf, likePattern, orderBySql, type SortKey } from './pages.js'

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

function presentApplication(
  application: StoredApplication,
  options: { isRecruiterView: boolean; interviewScore?: number | null },
) {
  const { job, ...rest } = application
  return {
    ...rest,
    job: { id: job.id, title: job.title, companyName: job.recruiter.recruiterProfile?.companyName ?? null },
    // A recruiter's notes and the interview scores are theirs alone.
    notes: options.isRecruiterView ? application.notes : null,
    interviewScore: options.isRecruiterView ? (options.interviewScore ?? null) : null,
    nextStatuses: nextApplicationStatuses(
      application.status,
      options.isRecruiterView ? 'recruiter' : 'candidate',
    ),
  }
}

/**
 * The best score of the candidate's scored AI interviews for this job (an interview belongs to an
 * application by its job and the candidate's account), or null.
 */
async function interviewScoreOf(db: DatabaseClient, application: StoredApplication): Promise<number | null> {
  const best = await db.interview.aggregate({
    where: { jobId: application.jobId, candidateUserId: application.candidate.id, score: { not: null } },
    _max: { score: true },
  })
  return best._max.score
}

/** The recruiter's view of one application, with its interview score. */
async function presentForRecruiter(db: DatabaseClient, application: StoredApplication) {
  return presentApplication(application, {
    isRecruiterView: true,
    interviewScore: await interviewScoreOf(db, application),
  })
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
    application: await presentForRecruiter(prisma, application),
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
    application: await presentForRecruiter(deps.prisma, updated),
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
  return isRecruiter
    ? presentForRecruiter(deps.prisma, application)
    : presentApplication(application, { isRecruiterView: false })
}

/**
 * An application's columns (aliased `t`) with its job, the job's company and its candidate joined
 * in: the fields of `APPLICATION_SELECT` as one flat row (`storedApplication` nests them again).
 */
const LISTED_APPLICATION_COLUMNS = Prisma.sql`t.id, t."jobId", j.title AS "jobTitle",
  j."recruiterId" AS "jobRecruiterId", p."companyName", t."candidateId", u.email AS "candidateEmail",
  u."fullName" AS "candidateName", t."coverLetter", t."resumeFileId", t.notes, t.status::text AS status,
  t."reviewedAt", t."withdrawnAt", t."appliedAt", t."updatedAt"`

const LISTED_APPLICATION_JOINS = Prisma.sql`JOIN "Job" j ON j.id = t."jobId"
  JOIN "User" u ON u.id = t."candidateId"
  LEFT JOIN "RecruiterProfile" p ON p."userId" = j."recruiterId"`

type ListedApplication = Omit<StoredApplication, 'job' | 'candidate'> & {
  jobTitle: string
  jobRecruiterId: string
  companyName: string | null
  candidateId: string
  candidateEmail: string
  candidateName: string | null
}

function storedApplication(row: ListedApplication): StoredApplication {
  const { jobTitle, jobRecruiterId, companyName, candidateId, candidateEmail, candidateName, ...rest } = row
  return {
    ...rest,
    job: {
      id: row.jobId,
      title: jobTitle,
      recruiterId: jobRecruiterId,
      recruiter: { recruiterProfile: { companyName } },
    },
    candidate: { id: candidateId, email: candidateEmail, fullName: candidateName },
  }
}

const NEWEST_APPLICATIONS: SortKey[] = [
  { column: 'appliedAt', direction: 'desc' },
  { column: 'id', direction: 'desc' },
]

/** The caller's own applications, newest first, and how many there are in all: one statement per page. */
export async function listMyApplications(
  deps: Pick<Services, 'pgPool'>,
  actor: Actor,
  input: { cursor?: string; limit: number },
) {
  const { userId } = requireAccount(actor)
  const conditions = [Prisma.sql`t."candidateId" = ${userId}`]
  if (input.cursor) conditions.push(afterCursorSql('JobApplication', NEWEST_APPLICATIONS, input.cursor))
  // One row even when the page is empty, so the total always arrives.
  const rows = await queryRows<{ total: number } & Partial<ListedApplication>>(
    deps.pgPool,
    Prisma.sql`
    SELECT counted.total, listed.* FROM
      (SELECT count(*)::int AS total FROM "JobApplication" WHERE "candidateId" = ${userId}) counted
      LEFT JOIN LATERAL (
        SELECT ${LISTED_APPLICATION_COLUMNS} FROM "JobApplication" t ${LISTED_APPLICATION_JOINS}
        WHERE ${allOf(conditions)}
        ORDER BY ${orderBySql(NEWEST_APPLICATIONS)}
        LIMIT ${input.limit + 1}
      ) listed ON true
    ORDER BY ${orderBySql(NEWEST_APPLICATIONS, 'listed')}`,
  )
  const total = rows[0]?.total ?? 0
  const listed = rows.flatMap(({ total: _total, ...row }) =>
    row.id === null || row.id === undefined ? [] : [row as ListedApplication],
  )
  return {
    ...toPage(listed, input.limit, (row) =>
      presentApplication(storedApplication(row), { isRecruiterView: false }),
    ),
    total,
  }
}

export type ApplicationFilters = {
  q?: string
  status?: ApplicationStatus
  hasResume?: boolean
  scored?: boolean
  sort: ApplicationSort
}

/**
 * A job's applications as the filters select them, each with its candidate's best interview score:
 * the score comes from another table, so the order and the filters on it are SQL's. Every filter but
 * `status` applies here; `status` is left to the caller, so counts per status can share this.
 */
function filteredApplicationsSql(jobIds: Prisma.Sql, filters: ApplicationFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`a."jobId" IN ${jobIds}`]
  for (const word of (filters.q ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word)
    conditions.push(Prisma.sql`(u.email ILIKE ${pattern} OR u."fullName" ILIKE ${pattern})`)
  }
  if (filters.hasResume !== undefined)
    conditions.push(
      filters.hasResume ? Prisma.sql`a."resumeFileId" IS NOT NULL` : Prisma.sql`a."resumeFileId" IS NULL`,
    )
  const scoredCondition =
    filters.scored === undefined
      ? Prisma.empty
      : filters.scored
        ? Prisma.sql`WHERE score IS NOT NULL`
        : Prisma.sql`WHERE score IS NULL`
  return Prisma.sql`
    SELECT * FROM (
      SELECT a.id, a.status::text AS status, a."appliedAt",
        (SELECT max(i.score) FROM "Interview" i
          WHERE i."jobId" = a."jobId" AND i."candidateUserId" = a."candidateId") AS score
      FROM "JobApplication" a JOIN "User" u ON u.id = a."candidateId"
      WHERE ${Prisma.join(conditions, ' AND ')}
    ) filtered ${scoredCondition}`
}

/** Each sort's order, and the keyset condition that continues it after the cursor's row. */
const SORT_SQL: Record<ApplicationSort, { orderBy: Prisma.Sql; after: (cursor: string) => Prisma.Sql }> = {
  newest: {
    orderBy: Prisma.sql`"appliedAt" DESC, id DESC`,
    after: (cursor) =>
      Prisma.sql`("appliedAt", id) < (SELECT "appliedAt", id FROM "JobApplication" WHERE id = ${cursor})`,
  },
  oldest: {
    orderBy: Prisma.sql`"appliedAt" ASC, id ASC`,
    after: (cursor) =>
      Prisma.sql`("appliedAt", id) > (SELECT "appliedAt", id FROM "JobApplication" WHERE id = ${cursor})`,
  },
  // Unscored last: -1 is below every score (0–100).
  score: {
    orderBy: Prisma.sql`COALESCE(score, -1) DESC, "appliedAt" DESC, id DESC`,
    after: (cursor) => Prisma.sql`(COALESCE(score, -1), "appliedAt", id) < (
      SELECT COALESCE((SELECT max(i.score) FROM "Interview" i
          WHERE i."jobId" = c."jobId" AND i."candidateUserId" = c."candidateId"), -1), c."appliedAt", c.id
      FROM "JobApplication" c WHERE c.id = ${cursor})`,
  },
}

/**
 * One page of a job's applications as the filters select them, in the sort's order, plus one row to
 * tell if more follow; with `isCounted`, how many match per status (ignoring the status filter) —
 * all in one statement, which also checks that `account` manages the job (NOT_FOUND otherwise).
 */
async function findApplicationPage(
  pool: Services['pgPool'],
  account: Pick<Account, 'userId' | 'isAdmin'>,
  input: { jobId: string; filters: ApplicationFilters; cursor?: string; limit: number; isCounted: boolean },
) {
  const { jobId, filters } = input
  const sort = SORT_SQL[filters.sort]
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`]
  if (filters.status) conditions.push(Prisma.sql`status = ${filters.status}`)
  if (input.cursor) conditions.push(sort.after(input.cursor))
  const manager = account.isAdmin ? Prisma.empty : Prisma.sql`AND "recruiterId" = ${account.userId}`
  const counts = input.isCounted
    ? Prisma.sql`SELECT COALESCE(json_object_agg(status, count), '{}'::json) AS "statusCounts"
        FROM (SELECT status, count(*)::int AS count FROM filtered GROUP BY status) per_status`
    : Prisma.sql`SELECT NULL::json AS "statusCounts"`
  const rows = await queryRows<
    { isManaged: boolean; statusCounts: Record<string, number> | null } & Partial<
      ListedApplication & { score: number | null; position: string }
    >
  >(
    pool,
    Prisma.sql`
    WITH managed AS (SELECT id FROM "Job" WHERE id = ${jobId} ${manager}),
    filtered AS (${filteredApplicationsSql(Prisma.sql`(SELECT id FROM managed)`, filters)}),
    listed AS (
      SELECT id, score, row_number() OVER (ORDER BY ${sort.orderBy}) AS position FROM filtered
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY ${sort.orderBy}
      LIMIT ${input.limit + 1}
    ),
    counts AS (${counts})
    SELECT EXISTS (SELECT FROM managed) AS "isManaged", counts."statusCounts", page.*
    FROM counts LEFT JOIN LATERAL (
      SELECT listed.position, listed.score, ${LISTED_APPLICATION_COLUMNS}
      FROM listed JOIN "JobApplication" t ON t.id = listed.id ${LISTED_APPLICATION_JOINS}
    ) page ON true
    ORDER BY page.position`,
  )
  if (!rows[0]?.isManaged) throw new AppError({ code: 'NOT_FOUND', message: 'No such job.' })
  const statusCounts = Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, 0])) as Record<
    ApplicationStatus,
    number
  >
  const counted = rows[0].statusCounts
  Object.assign(statusCounts, counted)
  const listed = rows.flatMap(
    ({ isManaged: _isManaged, statusCounts: _counts, position: _position, score, ...row }) =>
      row.id === null || row.id === undefined
        ? []
        : [
            presentApplication(storedApplication(row as ListedApplication), {
              isRecruiterView: true,
              interviewScore: score ?? null,
            }),
          ],
  )
  return { listed, statusCounts }
}

/**
 * A job's applications for its recruiter (or an admin): searched by the candidate's name or email,
 * filtered by status, résumé and interview score, sorted by date or best interview score, a page at
 * a time. Each page carries how many match in all (`total`) and per status (`statusCounts`,
 * ignoring the status filter, for the board's columns). One statement per page.
 */
export async function listJobApplications(
  deps: Pick<Services, 'pgPool'>,
  actor: Actor,
  input: ApplicationFilters & { jobId: string; cursor?: string; limit: number },
) {
  const account = requireAccount(actor)
  const { jobId, cursor, limit, ...filters } = input
  const { listed, statusCounts } = await findApplicationPage(deps.pgPool, account, {
    jobId,
    filters,
    cursor,
    limit,
    isCounted: true,
  })
  const total = filters.status
    ? statusCounts[filters.status]
    : Object.values(statusCounts).reduce((sum, count) => sum + count, 0)
  const items = listed.slice(0, limit)
  const nextCursor = listed.length > limit ? (items.at(-1)?.id ?? null) : null
  return { items, nextCursor, total, statusCounts }
}

const EXPORT_BATCH = 200
const CSV_HEADER = [
  'name',
  'email',
  'status',
  'applied_at',
  'reviewed_at',
  'interview_score',
  'resume_url',
  'cover_letter',
  'notes',
] as const

/**
 * A job's applications as CSV, with the same filters and order as the list, for its recruiter (or an
 * admin). Checked before the first byte; then read a batch at a time as the client takes the bytes,
 * so memory stays flat however many applications the job has.
 */
export async function exportJobApplications(
  deps: Pick<Services, 'prisma' | 'pgPool' | 'config' | 'logger'>,
  actor: Actor,
  input: ApplicationFilters & { jobId: string },
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const account = requireAccount(actor)
  const { jobId, ...filters } = input
  await findManagedJob(deps.prisma, jobId, account)
  const job = await deps.prisma.job.findUniqueOrThrow({ where: { id: jobId }, select: { title: true } })
  const encoder = new TextEncoder()
  const resumeUrl = (fileId: string | null) =>
    fileId ? new URL(`/files/${fileId}/view`, deps.config.FRONTEND_URL).href : ''
  let cursor: string | undefined
  let isHeaderSent = false
  let isDone = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true
        // A byte-order mark, so spreadsheets read the names as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`))
        return
      }
      if (isDone) return controller.close()
      try {
        const { listed } = await findApplicationPage(deps.pgPool, account, {
          jobId,
          filters,
          cursor,
          limit: EXPORT_BATCH,
          isCounted: false,
        })
        const rows = listed.slice(0, EXPORT_BATCH)
        isDone = listed.length <= EXPORT_BATCH
        cursor = rows.at(-1)?.id
        const text = rows
          .map((row) =>
            csvLine([
              row.candidate.fullName ?? '',
              row.candidate.email,
              row.status,
              row.appliedAt.toISOString(),
              row.reviewedAt?.toISOString() ?? '',
              row.interviewScore === null ? '' : String(row.interviewScore),
              resumeUrl(row.resumeFileId),
              row.coverLetter ?? '',
              row.notes ?? '',
            ]),
          )
          .join('')
        if (text) controller.enqueue(encoder.encode(text))
        if (isDone) controller.close()
      } catch (error) {
        deps.logger.error({ err: error, jobId }, 'application export failed mid-stream')
        controller.error(error)
      }
    },
  })
  return { fileName: `applications-${job.title}.csv`, stream }
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
        code: 'INVALID_TRANSITION',
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
  const application = await presentForRecruiter(deps.prisma, updated)
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
