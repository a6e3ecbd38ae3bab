import { canInterviewTransition, INTERVIEW_TRANSITIONS } from '../domain/interview-status.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { InterviewStatus, InterviewType } from '../generated/prisma/enums.js'
import type { Actor } from '../lib/actor.js'
import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'
import { pageArgs, toPage } from '../schemas/pagination.js'
import {
  alignLinkExpiry,
  assertManaged,
  findManagedInterview,
  insertInterviewLink,
  listInterviewLinks,
} from './interview-links.js'

const INTERVIEW_SELECT = {
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
  timeLimitMinutes: true,
  questions: true,
  status: true,
  interviewUrl: true,
  expiresAt: true,
  startedAt: true,
  completedAt: true,
  score: true,
  transcriptSummary: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.InterviewSelect

type StoredInterview = Prisma.InterviewGetPayload<{ select: typeof INTERVIEW_SELECT }>

const iso = (date: Date | null) => date?.toISOString() ?? null

export function presentInterview(interview: StoredInterview) {
  return {
    ...interview,
    expiresAt: iso(interview.expiresAt),
    startedAt: iso(interview.startedAt),
    completedAt: iso(interview.completedAt),
    createdAt: interview.createdAt.toISOString(),
    updatedAt: interview.updatedAt.toISOString(),
  }
}

export type PresentedInterview = ReturnType<typeof presentInterview>

async function assertOwnJob(prisma: Database, jobId: string, actor: Actor) {
  const job = await prisma.job.findUnique({ where: { id: jobId }, select: { recruiterId: true } })
  if (!job || (!actor.isAdmin && job.recruiterId !== actor.userId)) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'No such job among yours.',
      details: { field: 'jobId' },
    })
  }
}

/** A resume the recruiter uploaded, or (for interviews made from an application) the applicant's own. */
async function assertUsableResume(prisma: Database, fileId: string, actor: Actor, resumeOwnerId?: string) {
  const file = await prisma.file.findUnique({
    where: { id: fileId },
    select: { uploadedBy: true, category: true },
  })
  const isUsable =
    actor.isAdmin ||
    file?.uploadedBy === actor.userId ||
    (resumeOwnerId !== undefined && file?.uploadedBy === resumeOwnerId)
  if (!file || !isUsable || file.category !== 'RESUME') {
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'No such resume among your uploads.',
      details: { field: 'candidateResumeFileId' },
    })
  }
}

/** Creates the interview and its first candidate link in one transaction. */
export async function createInterview(options: {
  prisma: Database
  frontendUrl: string
  actor: Actor
  /** Set when the interview comes from a job application: the applicant's resume may be attached. */
  resumeOwnerId?: string
  data: {
    jobRole: string
    type: InterviewType
    timeLimitMinutes: number
    expiresAt?: string
    candidateEmail: string
    candidateName?: string
    candidateNotes?: string
    jobId?: string
    candidateResumeFileId?: string
    questions: string[]
  }
}) {
  const { prisma, actor, data } = options
  if (data.jobId) await assertOwnJob(prisma, data.jobId, actor)
  if (data.candidateResumeFileId) {
    await assertUsableResume(prisma, data.candidateResumeFileId, actor, options.resumeOwnerId)
  }
  const candidate = await prisma.user.findUnique({
    where: { email: data.candidateEmail },
    select: { id: true, role: true },
  })
  const interviewId = await prisma.$transaction(async (tx) => {
    const interview = await tx.interview.create({
      data: {
        recruiterId: actor.userId,
        jobRole: data.jobRole,
        type: data.type,
        timeLimitMinutes: data.timeLimitMinutes,
        expiresAt: data.expiresAt ? new Date(data.expiresAt) : undefined,
        candidateEmail: data.candidateEmail,
        candidateName: data.candidateName,
        candidateNotes: data.candidateNotes,
        candidateUserId: candidate?.role === 'CANDIDATE' ? candidate.id : undefined,
        jobId: data.jobId,
        candidateResumeFileId: data.candidateResumeFileId,
        questions: data.questions,
      },
      select: { id: true },
    })
    await insertInterviewLink(tx, { frontendUrl: options.frontendUrl, interviewId: interview.id })
    return interview.id
  })
  const [link] = await listInterviewLinks({ prisma, frontendUrl: options.frontendUrl, interviewId })
  if (!link) throw new Error(`interview ${interviewId} was created without its link`)
  return { interview: await getInterview({ prisma, actor, interviewId }), link }
}

export async function getInterview(options: { prisma: Database; actor: Actor; interviewId: string }) {
  const { prisma, actor, interviewId } = options
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    select: INTERVIEW_SELECT,
  })
  return presentInterview(assertManaged(interview, actor))
}

const SORTS: Record<
  'newest' | 'oldest' | 'expiring' | 'candidate',
  Prisma.InterviewOrderByWithRelationInput[]
> = {
  newest: [{ createdAt: 'desc' }, { id: 'desc' }],
  oldest: [{ createdAt: 'asc' }, { id: 'asc' }],
  expiring: [{ expiresAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  candidate: [{ candidateName: { sort: 'asc', nulls: 'last' } }, { candidateEmail: 'asc' }, { id: 'asc' }],
}

export async function listInterviews(options: {
  prisma: Database
  actor: Actor
  query: {
    status?: InterviewStatus
    jobId?: string
    q?: string
    sort: keyof typeof SORTS
    cursor?: string
    limit: number
  }
}) {
  const { prisma, actor, query } = options
  const where: Prisma.InterviewWhereInput = {
    ...(actor.isAdmin ? {} : { recruiterId: actor.userId }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.jobId ? { jobId: query.jobId } : {}),
    ...(query.q
      ? {
          OR: [
            { candidateEmail: { contains: query.q, mode: 'insensitive' } },
            { candidateName: { contains: query.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  }
  const rows = await prisma.interview.findMany({
    where,
    orderBy: SORTS[query.sort],
    select: INTERVIEW_SELECT,
    ...pageArgs(query),
  })
  return toPage(rows, query.limit, presentInterview)
}

/** Edits while the interview has not started; notes may change at any time. */
export async function updateInterview(options: {
  prisma: Database
  actor: Actor
  interviewId: string
  data: {
    jobRole?: string
    type?: InterviewType
    timeLimitMinutes?: number
    expiresAt?: string | null
    candidateEmail?: string
    candidateName?: string | null
    candidateNotes?: string | null
    jobId?: string | null
    questions?: string[]
  }
}) {
  const { prisma, actor, interviewId, data } = options
  const current = await findManagedInterview({ prisma, interviewId, ...actor })
  const changesMoreThanNotes = Object.keys(data).some((field) => field !== 'candidateNotes')
  if (changesMoreThanNotes && current.status !== 'PENDING') {
    throw new AppError({
      code: 'CONFLICT',
      message: `This interview is ${current.status.toLowerCase().replace('_', ' ')}; only its notes can change now.`,
    })
  }
  if (data.jobId) await assertOwnJob(prisma, data.jobId, actor)
  const { expiresAt, ...rest } = data
  const nextExpiry = expiresAt ? new Date(expiresAt) : null
  const updated = await prisma.$transaction(async (tx) => {
    const previous = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { expiresAt: true },
    })
    const changed = await tx.interview.update({
      where: { id: interviewId },
      data: { ...rest, ...(expiresAt !== undefined ? { expiresAt: nextExpiry } : {}) },
      select: INTERVIEW_SELECT,
    })
    if (expiresAt !== undefined)
      await alignLinkExpiry(tx, { interviewId, previous: previous.expiresAt, next: nextExpiry })
    return changed
  })
  return presentInterview(updated)
}

/** Moves the interview along its allowed transitions only (409 otherwise), stamping start and completion. */
export async function changeInterviewStatus(options: {
  prisma: Database
  actor: Actor
  interviewId: string
  status: InterviewStatus
}) {
  const { prisma, actor, interviewId, status } = options
  await findManagedInterview({ prisma, interviewId, ...actor })
  const now = new Date()
  const updated = await prisma.$transaction(async (tx) => {
    const current = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { status: true },
    })
    if (!canInterviewTransition(current.status, status)) {
      throw new AppError({
        code: 'CONFLICT',
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
    return tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: INTERVIEW_SELECT })
  })
  return presentInterview(updated)
}

export async function deleteInterview(options: { prisma: Database; actor: Actor; interviewId: string }) {
  const { prisma, actor, interviewId } = options
  const { recruiterId } = await findManagedInterview({ prisma, interviewId, ...actor })
  await prisma.interview.delete({ where: { id: interviewId } })
  return { recruiterId }
}

export async function getInterviewResults(options: { prisma: Database; actor: Actor; interviewId: string }) {
  await findManagedInterview({ prisma: options.prisma, interviewId: options.interviewId, ...options.actor })
  const interview = await options.prisma.interview.findUniqueOrThrow({
    where: { id: options.interviewId },
    select: {
      id: true,
      status: true,
      score: true,
      transcriptSummary: true,
      messages: { select: { role: true, content: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
    },
  })
  return {
    interviewId: interview.id,
    status: interview.status,
    score: interview.score,
    transcriptSummary: interview.transcriptSummary,
    messages: interview.messages.map((message) => ({
      ...message,
      createdAt: message.createdAt.toISOString(),
    })),
  }
}
