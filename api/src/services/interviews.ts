import type { Actor } from '../domain/actor.js'
import type { DeliveryChannel } from '../domain/delivery-status.js'
import { type IntegritySignal, summarizeIntegrity } from '../domain/integrity.js'
import {
  canInterviewTransition,
  INTERVIEW_TRANSITIONS,
  type InterviewStatus,
} from '../domain/interview-status.js'
import { QUOTABLE_ROLES, type QuotableRole } from '../domain/transcript-quotes.js'
import type { VoicePace } from '../domain/voice-pace.js'
import { Prisma } from '../generated/prisma/client.js'
import type { InterviewType } from '../generated/prisma/enums.js'
import type { Services } from '../infra/container.js'
import { queryRows } from '../infra/db.js'
import { AppError } from '../lib/errors.js'
import { toPage } from '../schemas/pagination.js'
import { type Account, requireAccount } from './access.js'
import { appendEvidence } from './evidence.js'
import {
  alignLinkExpiry,
  assertManaged,
  type DatabaseClient,
  findManagedInterview,
  insertInterviewLink,
  presentLink,
} from './interview-links.js'
import { applyReportedStatus, publishMessageStatus } from './invite-sends.js'
import { afterCursorSql, allOf, likePattern, orderBySql, type SortKey } from './pages.js'
import { type SweepResult, sweepEach } from './sweeps.js'

const { sql } = Prisma

/** The interview as its recruiter sees it (`InterviewSchema`). */
export const RECRUITER_INTERVIEW_SELECT = {
  id: true,
  recruiterId: true,
  jobId: true,
  job: { select: { id: true, title: true } },
  candidateEmail: true,
  candidateName: true,
  candidateNotes: true,
  candidateResumeFileId: true,
  jobRole: true,
  type: true,
  voicePace: true,
  timeLimitMinutes: true,
  questions: true,
  status: true,
  interviewUrl: true,
  expiresAt: true,
  startedAt: true,
  completedAt: true,
  score: true,
  transcriptSummary: true,
  humanReviewRequestedAt: true,
  humanReviewReason: true,
  reviewedAt: true,
  reviewedBy: { select: { id: true, fullName: true } },
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.InterviewSelect

/** Whose interview a new one becomes, and whether admin rights apply to the job and resume it names. */
export type InterviewOwner = Pick<Account, 'userId' | 'isAdmin'>

async function assertOwnJob(db: DatabaseClient, jobId: string, owner: InterviewOwner) {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { recruiterId: true } })
  if (!job || (!owner.isAdmin && job.recruiterId !== owner.userId)) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'No such job among yours.',
      details: { field: 'jobId' },
    })
  }
}

/** A resume the recruiter uploaded, or (for interviews made from an application) the applicant's own. */
async function assertUsableResume(
  db: DatabaseClient,
  fileId: string,
  owner: InterviewOwner,
  resumeOwnerId?: string,
) {
  const file = await db.file.findUnique({
    where: { id: fileId },
    select: { uploadedBy: true, category: true },
  })
  const isUsable =
    owner.isAdmin ||
    file?.uploadedBy === owner.userId ||
    (resumeOwnerId !== undefined && file?.uploadedBy === resumeOwnerId)
  if (!file || !isUsable || file.category !== 'RESUME') {
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'No such resume among your uploads.',
      details: { field: 'candidateResumeFileId' },
    })
  }
}

export type NewInterview = {
  jobRole: string
  type: InterviewType
  voicePace?: VoicePace
  timeLimitMinutes: number
  expiresAt?: string
  candidateEmail: string
  candidateName?: string
  candidateNotes?: string
  jobId?: string
  candidateResumeFileId?: string
  questions: string[]
}

/**
 * Writes an interview and its first candidate link in the caller's transaction. Not a service: it
 * checks only the job and resume it is given, and the caller publishes `interview:created` once its
 * transaction has committed.
 */
export async function insertInterview(
  tx: Prisma.TransactionClient,
  input: {
    frontendUrl: string
    owner: InterviewOwner
    /** Set when the interview comes from a job application: the applicant's resume may be attached. */
    resumeOwnerId?: string
    interview: NewInterview
  },
) {
  const { frontendUrl, owner, interview: fields } = input
  if (fields.jobId) await assertOwnJob(tx, fields.jobId, owner)
  if (fields.candidateResumeFileId) {
    await assertUsableResume(tx, fields.candidateResumeFileId, owner, input.resumeOwnerId)
  }
  const candidate = await tx.user.findUnique({
    where: { email: fields.candidateEmail },
    select: { id: true, role: true },
  })
  const { id: interviewId } = await tx.interview.create({
    data: {
      recruiterId: owner.userId,
      jobRole: fields.jobRole,
      type: fields.type,
      voicePace: fields.voicePace,
      timeLimitMinutes: fields.timeLimitMinutes,
      expiresAt: fields.expiresAt ? new Date(fields.expiresAt) : undefined,
      candidateEmail: fields.candidateEmail,
      candidateName: fields.candidateName,
      candidateNotes: fields.candidateNotes,
      candidateUserId: candidate?.role === 'CANDIDATE' ? candidate.id : undefined,
      jobId: fields.jobId,
      candidateResumeFileId: fields.candidateResumeFileId,
      questions: fields.questions,
    },
    select: { id: true },
  })
  const link = await insertInterviewLink(tx, { frontendUrl, interviewId })
  // Read after the link, which set the interview's `interviewUrl`.
  const interview = await tx.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: RECRUITER_INTERVIEW_SELECT,
  })
  return { interview, link: presentLink(link, frontendUrl) }
}

/** Creates the interview and its first candidate link in one transaction; the caller's account owns it. */
export async function createInterview(
  deps: Pick<Services, 'prisma' | 'config' | 'realtime'>,
  actor: Actor,
  input: NewInterview,
) {
  const owner = requireAccount(actor)
  const created = await deps.prisma.$transaction((tx) =>
    insertInterview(tx, { frontendUrl: deps.config.FRONTEND_URL, owner, interview: input }),
  )
  deps.realtime.publish({ userIds: [created.interview.recruiterId] }, 'interview:created', {
    interview: created.interview,
  })
  return created
}

export async function getInterview(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const interview = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: RECRUITER_INTERVIEW_SELECT,
  })
  return assertManaged(interview, account)
}

const SORTS: Record<'newest' | 'oldest' | 'expiring' | 'candidate', SortKey[]> = {
  newest: [
    { column: 'createdAt', direction: 'desc' },
    { column: 'id', direction: 'desc' },
  ],
  oldest: [
    { column: 'createdAt', direction: 'asc' },
    { column: 'id', direction: 'asc' },
  ],
  expiring: [
    { column: 'expiresAt', direction: 'asc', isNullable: true },
    { column: 'id', direction: 'asc' },
  ],
  candidate: [
    { column: 'candidateName', direction: 'asc', isNullable: true },
    { column: 'candidateEmail', direction: 'asc' },
    { column: 'id', direction: 'asc' },
  ],
}

/** A listed interview as one flat row: its job's title and its reviewer's name joined in. */
type ListedInterview = Omit<RecruiterInterview, 'job' | 'reviewedBy'> & {
  reviewedById: string | null
  jobTitle: string | null
  reviewerName: string | null
}

type RecruiterInterview = Prisma.InterviewGetPayload<{ select: typeof RECRUITER_INTERVIEW_SELECT }>

/**
 * A recruiter's own interviews, or everyone's for an admin: one statement per page, its job and
 * reviewer joined in, the same fields as `RECRUITER_INTERVIEW_SELECT`.
 */
export async function listInterviews(
  deps: Pick<Services, 'pgPool'>,
  actor: Actor,
  input: {
    status?: InterviewStatus
    jobId?: string
    q?: string
    sort: keyof typeof SORTS
    cursor?: string
    limit: number
  },
) {
  const account = requireAccount(actor)
  const sort = SORTS[input.sort]
  const conditions: Prisma.Sql[] = []
  if (!account.isAdmin) conditions.push(sql`t."recruiterId" = ${account.userId}`)
  if (input.status) conditions.push(sql`t.status = ${input.status}::"InterviewStatus"`)
  if (input.jobId) conditions.push(sql`t."jobId" = ${input.jobId}`)
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(sql`(t."candidateEmail" ILIKE ${pattern} OR t."candidateName" ILIKE ${pattern})`)
  }
  if (input.cursor) conditions.push(afterCursorSql('Interview', sort, input.cursor))
  const rows = await queryRows<ListedInterview>(
    deps.pgPool,
    sql`
    SELECT t.id, t."recruiterId", t."jobId", j.title AS "jobTitle", t."candidateEmail", t."candidateName",
      t."candidateNotes", t."candidateResumeFileId", t."jobRole", t.type::text AS type,
      t."voicePace"::text AS "voicePace", t."timeLimitMinutes", t.questions, t.status::text AS status,
      t."interviewUrl", t."expiresAt", t."startedAt", t."completedAt", t.score, t."transcriptSummary",
      t."humanReviewRequestedAt", t."humanReviewReason", t."reviewedAt", t."reviewedById",
      r."fullName" AS "reviewerName", t."createdAt", t."updatedAt"
    FROM "Interview" t
      LEFT JOIN "Job" j ON j.id = t."jobId"
      LEFT JOIN "User" r ON r.id = t."reviewedById"
    WHERE ${allOf(conditions)}
    ORDER BY ${orderBySql(sort)}
    LIMIT ${input.limit + 1}`,
  )
  return toPage(
    rows,
    input.limit,
    ({ jobTitle, reviewedById, reviewerName, ...interview }): RecruiterInterview => ({
      ...interview,
      job: interview.jobId === null ? null : { id: interview.jobId, title: jobTitle ?? '' },
      reviewedBy: reviewedById === null ? null : { id: reviewedById, fullName: reviewerName },
    }),
  )
}

/** Edits while the interview has not started; notes may change at any time. */
export async function updateInterview(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: {
    interviewId: string
    changes: {
      jobRole?: string
      type?: InterviewType
      voicePace?: VoicePace
      timeLimitMinutes?: number
      expiresAt?: string | null
      candidateEmail?: string
      candidateName?: string | null
      candidateNotes?: string | null
      jobId?: string | null
      questions?: string[]
    }
  },
) {
  const account = requireAccount(actor)
  const { interviewId, changes } = input
  const { expiresAt, ...rest } = changes
  const nextExpiry = expiresAt ? new Date(expiresAt) : null
  const interview = await deps.prisma.$transaction(async (tx) => {
    const current = await findManagedInterview(tx, account, interviewId)
    const changesMoreThanNotes = Object.keys(changes).some((field) => field !== 'candidateNotes')
    if (changesMoreThanNotes && current.status !== 'PENDING') {
      throw new AppError({
        code: 'CONFLICT',
        message: `This interview is ${current.status.toLowerCase().replace('_', ' ')}; only its notes can change now.`,
      })
    }
    if (changes.jobId) await assertOwnJob(tx, changes.jobId, account)
    const changed = await tx.interview.update({
      where: { id: interviewId },
      data: { ...rest, ...(expiresAt !== undefined ? { expiresAt: nextExpiry } : {}) },
      select: RECRUITER_INTERVIEW_SELECT,
    })
    if (expiresAt !== undefined)
      await alignLinkExpiry(tx, { interviewId, previous: current.expiresAt, next: nextExpiry })
    return changed
  })
  deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:updated', { interview })
  return interview
}

/**
 * Marks a completed interview's results as reviewed by the caller, which takes it off the
 * dashboard's "waiting for your review" list. Marking it again keeps the first review; only a
 * completed interview has results to review (409 otherwise).
 */
export async function markInterviewReviewed(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const { interviewId } = input
  const current = await findManagedInterview(deps.prisma, account, interviewId)
  if (current.status !== 'COMPLETED') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'Only a completed interview has results to review.',
      details: { status: current.status },
    })
  }
  // The null in the WHERE clause keeps the first reviewer when two mark it at once.
  const result = await deps.prisma.interview.updateMany({
    where: { id: interviewId, reviewedAt: null },
    data: { reviewedAt: new Date(), reviewedById: account.userId },
  })
  const interview = await deps.prisma.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: RECRUITER_INTERVIEW_SELECT,
  })
  if (result.count > 0)
    deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:updated', { interview })
  return interview
}

/** Moves the interview along its allowed transitions only (409 otherwise), stamping start and completion. */
export async function changeInterviewStatus(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { interviewId: string; status: InterviewStatus },
) {
  const account = requireAccount(actor)
  const { interviewId, status } = input
  const now = new Date()
  const interview = await deps.prisma.$transaction(async (tx) => {
    const current = await findManagedInterview(tx, account, interviewId)
    if (!canInterviewTransition(current.status, status)) {
      throw new AppError({
        code: 'INVALID_TRANSITION',
        message: `An interview that is ${current.status} cannot become ${status}.`,
        details: { from: current.status, to: status, allowed: INTERVIEW_TRANSITIONS[current.status] },
      })
    }
    // The status in the WHERE clause makes a concurrent change lose instead of overwrite.
    const result = await tx.interview.updateMany({
      where: { id: interviewId, status: current.status },
      data: {
        status,
        ...(status === 'IN_PROGRESS' ? { startedAt: now } : {}),
        ...(status === 'COMPLETED' ? { completedAt: now } : {}),
      },
    })
    if (result.count === 0)
      throw new AppError({
        code: 'CONFLICT',
        message: 'The interview changed meanwhile; reload and try again.',
      })
    return tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: RECRUITER_INTERVIEW_SELECT })
  })
  const recipients = { userIds: [interview.recruiterId] }
  deps.realtime.publish(recipients, 'interview:updated', { interview })
  if (interview.status === 'COMPLETED' || interview.status === 'EXPIRED')
    deps.realtime.publishAccessChange({ interviewId, reason: 'interview_ended' })
  if (interview.status === 'IN_PROGRESS') {
    deps.realtime.publish(recipients, 'interview:started', {
      interviewId: interview.id,
      status: interview.status,
      startedAt: interview.startedAt,
    })
  }
  if (interview.status === 'COMPLETED') {
    deps.realtime.publish(recipients, 'interview:completed', {
      interviewId: interview.id,
      status: interview.status,
      completedAt: interview.completedAt,
    })
  }
  return interview
}

/** How many overdue interviews one run expires at most; the next run takes the rest. */
const EXPIRY_BATCH = 500

/**
 * Expires interviews nobody started before their `expiresAt` (PENDING → EXPIRED, the domain's
 * transition), revokes their links and fails their unsent invites in the same transaction, and tells
 * the recruiter and any open candidate page, as a recruiter's own status change does. An interview in progress is left to its
 * time limit, which ends it as completed so that its answers are scored. Idempotent: an interview
 * is expired once, and a second run finds nothing.
 */
export async function expireOverdueInterviews(
  deps: Pick<Services, 'prisma' | 'realtime' | 'logger'>,
  now = new Date(),
): Promise<SweepResult> {
  const overdue = await deps.prisma.interview.findMany({
    where: { status: 'PENDING', expiresAt: { lte: now } },
    select: { id: true },
    orderBy: { expiresAt: 'asc' },
    take: EXPIRY_BATCH,
  })
  const result = await sweepEach(
    {
      items: overdue,
      logger: deps.logger,
      describe: ({ id }) => ({ interviewId: id }),
      what: 'interview expiry',
    },
    async ({ id }) => {
      const expired = await expireInterview(deps, { interviewId: id, now })
      return expired
        ? { expired: 1, linksRevoked: expired.linksRevoked, invitesStopped: expired.invitesStopped.length }
        : undefined
    },
  )
  return { expired: 0, linksRevoked: 0, invitesStopped: 0, ...result }
}

async function expireInterview(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  input: { interviewId: string; now: Date },
) {
  const { interviewId, now } = input
  const changed = await deps.prisma.$transaction(async (tx) => {
    // The status in the WHERE clause: a candidate who started meanwhile keeps their interview.
    const result = await tx.interview.updateMany({
      where: { id: interviewId, status: 'PENDING', expiresAt: { lte: now } },
      data: { status: 'EXPIRED', interviewUrl: null },
    })
    if (result.count === 0) return null
    const links = await tx.interviewSession.updateMany({
      where: { interviewId, revokedAt: null },
      data: { revokedAt: now },
    })
    await appendEvidence(tx, {
      interviewId,
      kind: 'status',
      payload: { from: 'PENDING', to: 'EXPIRED', reason: 'expired' },
      occurredAt: now,
    })
    const invitesStopped = await stopPendingInvites(tx, { interviewId, now })
    const interview = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: RECRUITER_INTERVIEW_SELECT,
    })
    return { interview, linksRevoked: links.count, invitesStopped }
  })
  if (!changed) return null
  deps.realtime.publish({ userIds: [changed.interview.recruiterId] }, 'interview:updated', {
    interview: changed.interview,
  })
  for (const invite of changed.invitesStopped) await publishMessageStatus(deps, invite.channel, invite.id)
  deps.realtime.publishAccessChange({ interviewId, reason: 'interview_ended', endReason: 'expired' })
  return changed
}

/**
 * Invites still waiting to be sent (or retried) would carry a link that no longer opens anything:
 * they fail, saying why, by the delivery status rules.
 */
async function stopPendingInvites(tx: Prisma.TransactionClient, input: { interviewId: string; now: Date }) {
  const { interviewId, now } = input
  const where = { interviewId, status: 'pending' }
  const pending: { channel: DeliveryChannel; id: string }[] = [
    ...(await tx.emailMessage.findMany({ where, select: { id: true } })).map(({ id }) => ({
      channel: 'email' as const,
      id,
    })),
    ...(await tx.whatsAppMessage.findMany({ where, select: { id: true } })).map(({ id }) => ({
      channel: 'whatsapp' as const,
      id,
    })),
  ]
  const stopped: typeof pending = []
  for (const invite of pending) {
    const isChanged = await applyReportedStatus(tx, {
      ...invite,
      reported: 'failed',
      at: now,
      extraIfChanged: {
        errorMessage: 'The interview expired before this invite was sent.',
        nextAttemptAt: null,
      },
    })
    if (isChanged) stopped.push(invite)
  }
  return stopped
}

/** Deletes the interview with its transcript, links and files (the database cascades). */
export async function deleteInterview(
  deps: Pick<Services, 'prisma' | 'realtime'>,
  actor: Actor,
  input: { interviewId: string },
): Promise<void> {
  const account = requireAccount(actor)
  const { interviewId } = input
  const { recruiterId } = await deps.prisma.$transaction(async (tx) => {
    const interview = await findManagedInterview(tx, account, interviewId)
    await tx.interview.delete({ where: { id: interviewId } })
    return interview
  })
  deps.realtime.publish({ userIds: [recruiterId] }, 'interview:deleted', { interviewId })
  deps.realtime.publishAccessChange({ interviewId, reason: 'interview_deleted' })
}

/**
 * The transcript as it stands (the interviewer's instructions left out), the score and summary once
 * evaluated, how the interview ended, and the integrity signals summed up for a person to weigh.
 */
export async function getInterviewResults(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { interviewId: string },
) {
  const account = requireAccount(actor)
  const found = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: {
      id: true,
      recruiterId: true,
      status: true,
      score: true,
      transcriptSummary: true,
      endReason: true,
      messages: {
        where: { role: { in: [...QUOTABLE_ROLES] } },
        select: { id: true, role: true, content: true, createdAt: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
      evidence: {
        where: { kind: 'integrity_event' },
        select: { payload: true },
        orderBy: { sequence: 'asc' },
      },
    },
  })
  const interview = assertManaged(found, account)
  return {
    interviewId: interview.id,
    status: interview.status,
    score: interview.score,
    transcriptSummary: interview.transcriptSummary,
    endReason: interview.endReason,
    // The query keeps only these roles.
    messages: interview.messages.map((message) => ({ ...message, role: message.role as QuotableRole })),
    integrity: summarizeIntegrity(interview.evidence.map(({ payload }) => integritySignalOf(payload))),
  }
}

/** An `integrity_event` record's payload, as `recordIntegrityEvent` wrote it. */
function integritySignalOf(payload: unknown): IntegritySignal {
  const fields = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {}
  return {
    type: typeof fields.type === 'string' ? fields.type : '',
    clientAt: typeof fields.clientAt === 'string' ? fields.clientAt : null,
    detail: fields.detail ?? null,
  }
}
