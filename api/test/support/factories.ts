import { randomUUID } from 'node:crypto'
import type { ApiKeyScope } from '../../src/domain/actor.js'
import type { ApprovalStatus, JobStatus } from '../../src/generated/prisma/enums.js'
import type { Services } from '../../src/infra/container.js'
import { API_KEY_DISPLAY_LENGTH, generateApiKey } from '../../src/lib/api-key-format.js'
import { sha256Hex } from '../../src/lib/crypto.js'
import { invalidateApiKeys } from '../../src/services/api-keys.js'
import { createInterviewLink } from '../../src/services/interview-links.js'
import { sampleFiles } from './file-fixtures.js'
import { APP_ORIGIN, uniqueEmail } from './http.js'

/**
 * The one place API tests make and change rows. Every factory gives its rows unique values, so test
 * files running at once never share or collide on a row; tests hold on to the ids they get back.
 * Route tests go through these helpers only, so a schema change is mended here, once.
 */

/** What the factories write through: a test's services (only the database is used). */
export type TestDb = Pick<Services, 'prisma'>

type Role = 'RECRUITER' | 'CANDIDATE' | 'ADMIN'

/** A short value no other call returns, for names and titles. */
export function uniqueName(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`
}

// Users and profiles

export async function createUser(
  { prisma }: TestDb,
  options: { role?: Role; email?: string; provider?: string; providerId?: string } = {},
) {
  const role = options.role ?? 'RECRUITER'
  const email = options.email ?? uniqueEmail(role.toLowerCase())
  return prisma.user.create({
    data: { email, role, provider: options.provider ?? 'dev', providerId: options.providerId ?? email },
    select: { id: true, email: true, role: true },
  })
}

/** How a user signs in, by email; null when no such user exists. */
export async function readUserByEmail({ prisma }: TestDb, email: string) {
  return prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, provider: true, providerId: true },
  })
}

/** Sets the recruiter's company; sign-in may have made the profile already, so this upserts. */
export async function createRecruiterProfile(
  { prisma }: TestDb,
  options: { userId: string; companyName?: string },
) {
  const data = { companyName: options.companyName ?? uniqueName('Company') }
  return prisma.recruiterProfile.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId, ...data },
    update: data,
    select: { id: true, userId: true, companyName: true },
  })
}

/** The recruiter profile of the user with this email, if any. */
export async function readRecruiterProfileByEmail({ prisma }: TestDb, email: string) {
  return prisma.recruiterProfile.findFirst({ where: { user: { email } }, select: { id: true, userId: true } })
}

export async function createCandidateProfile(
  { prisma }: TestDb,
  options: { userId: string; fullName?: string; resumeFileId?: string },
) {
  return prisma.candidateProfile.create({
    data: {
      userId: options.userId,
      fullName: options.fullName ?? uniqueName('Casey'),
      resumeFileId: options.resumeFileId,
    },
    select: { id: true, userId: true },
  })
}

/** The platform-wide recruiter sign-up code; only for tests on a database of their own. */
export async function setSignupCode({ prisma }: TestDb, code: string) {
  await prisma.adminSettings.create({ data: { secretSignupCode: code } })
}

// Jobs and applications

/**
 * Where a job stands with its recruiter and the admins: `draft` (not submitted), `waiting` (submitted,
 * awaiting approval), `live` (approved and open), `rejected`, `closed` (approved, then closed).
 */
export type JobStanding = 'draft' | 'waiting' | 'live' | 'rejected' | 'closed'

type StandingFields = {
  status: JobStatus
  approvalStatus: ApprovalStatus
  approvedAt: Date | null
  rejectionReason: string | null
}

const PENDING = { approvalStatus: 'PENDING', approvedAt: null, rejectionReason: null } as const
const STANDINGS: Record<JobStanding, () => StandingFields> = {
  draft: () => ({ status: 'DRAFT', ...PENDING }),
  waiting: () => ({ status: 'ACTIVE', ...PENDING }),
  live: () => ({
    status: 'ACTIVE',
    approvalStatus: 'APPROVED',
    approvedAt: new Date(),
    rejectionReason: null,
  }),
  rejected: () => ({
    status: 'ACTIVE',
    approvalStatus: 'REJECTED',
    approvedAt: null,
    rejectionReason: 'Not a fit.',
  }),
  closed: () => ({
    status: 'CLOSED',
    approvalStatus: 'APPROVED',
    approvedAt: new Date(),
    rejectionReason: null,
  }),
}

export async function createJob(
  { prisma }: TestDb,
  options: { recruiterId: string; standing?: JobStanding; title?: string },
) {
  return prisma.job.create({
    data: {
      recruiterId: options.recruiterId,
      title: options.title ?? uniqueName('Backend Engineer'),
      ...STANDINGS[options.standing ?? 'draft'](),
    },
    select: { id: true, recruiterId: true, title: true },
  })
}

/** Moves a job to another standing without going through the approval flow. */
export async function setJobStanding({ prisma }: TestDb, jobId: string, standing: JobStanding) {
  await prisma.job.update({ where: { id: jobId }, data: STANDINGS[standing]() })
}

export async function createApplication(
  { prisma }: TestDb,
  options: { jobId: string; candidateId: string; coverLetter?: string },
) {
  return prisma.jobApplication.create({
    data: { jobId: options.jobId, candidateId: options.candidateId, coverLetter: options.coverLetter },
    select: { id: true, jobId: true },
  })
}

/** A live job of `recruiterId` with one application from `candidateId`. */
export async function createJobApplication(
  db: TestDb,
  options: { recruiterId: string; candidateId: string },
) {
  const job = await createJob(db, { recruiterId: options.recruiterId, standing: 'live' })
  return createApplication(db, { jobId: job.id, candidateId: options.candidateId, coverLetter: 'Hello' })
}

/** Sends the application with this resume, as a candidate choosing a profile file does. */
export async function setApplicationResume({ prisma }: TestDb, applicationId: string, fileId: string) {
  await prisma.jobApplication.update({ where: { id: applicationId }, data: { resumeFileId: fileId } })
}

// Interviews

type InterviewStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'EXPIRED'

export async function createInterview(
  { prisma }: TestDb,
  options: { recruiterId: string; status?: InterviewStatus; expiresAt?: Date; jobId?: string },
) {
  return prisma.interview.create({
    data: {
      recruiterId: options.recruiterId,
      jobId: options.jobId,
      candidateEmail: uniqueEmail('candidate'),
      candidateName: 'Casey Candidate',
      jobRole: 'Backend Engineer',
      status: options.status ?? 'PENDING',
      expiresAt: options.expiresAt,
    },
    select: { id: true, recruiterId: true },
  })
}

/** Changes an interview's status or expiry behind the app's back, as time or a worker would. */
export async function setInterviewState(
  { prisma }: TestDb,
  interviewId: string,
  state: { status?: InterviewStatus; expiresAt?: Date | null },
) {
  await prisma.interview.update({ where: { id: interviewId }, data: state })
}

/** A finished conversation: its messages (oldest first) and the evaluation's score and summary. */
export async function recordInterviewResults(
  { prisma }: TestDb,
  interviewId: string,
  results: {
    messages: { role: 'user' | 'assistant'; content: string; createdAt: Date }[]
    score: number
    transcriptSummary: string
  },
) {
  await prisma.interviewMessage.createMany({
    data: results.messages.map((message) => ({ interviewId, ...message })),
  })
  await prisma.interview.update({
    where: { id: interviewId },
    data: { score: results.score, transcriptSummary: results.transcriptSummary },
  })
}

export async function readInterview({ prisma }: TestDb, interviewId: string) {
  return prisma.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: { id: true, status: true, expiresAt: true, interviewUrl: true },
  })
}

// Candidate links

/** `live` opens the interview; `revoked` and `expired` are refused, each with its own message. */
export type LinkState = 'live' | 'revoked' | 'expired'

/** A link to the interview; returns its id and the token the candidate's URL carries. */
export async function createLink(
  db: TestDb,
  options: { interviewId: string; state?: LinkState; expiresAt?: Date },
) {
  const link = await createInterviewLink(db.prisma, {
    frontendUrl: APP_ORIGIN,
    interviewId: options.interviewId,
    expiresAt: options.expiresAt,
  })
  if (options.state === 'revoked') await revokeLink(db, link.id)
  if (options.state === 'expired') await expireLink(db, link.id)
  return link
}

/** An interview with one candidate link (live unless `linkState` says otherwise). */
export async function createInterviewWithLink(
  db: TestDb,
  options: {
    recruiterId: string
    status?: InterviewStatus
    expiresAt?: Date
    linkState?: LinkState
    linkExpiresAt?: Date
  },
) {
  const interview = await createInterview(db, options)
  const link = await createLink(db, {
    interviewId: interview.id,
    state: options.linkState,
    expiresAt: options.linkExpiresAt,
  })
  return { interview, link }
}

export async function readLink({ prisma }: TestDb, linkId: string) {
  return prisma.interviewSession.findUniqueOrThrow({
    where: { id: linkId },
    select: { id: true, expiresAt: true, revokedAt: true, accessCount: true, lastAccessedAt: true },
  })
}

/** Moves the link's expiry a second into the past. */
export async function expireLink({ prisma }: TestDb, linkId: string) {
  await prisma.interviewSession.update({
    where: { id: linkId },
    data: { expiresAt: new Date(Date.now() - 1000) },
  })
}

export async function revokeLink({ prisma }: TestDb, linkId: string) {
  await prisma.interviewSession.update({ where: { id: linkId }, data: { revokedAt: new Date() } })
}

/** How many links the interview has, revoked and expired ones included. */
export async function countLinks({ prisma }: TestDb, interviewId: string) {
  return prisma.interviewSession.count({ where: { interviewId } })
}

// API keys

/**
 * A key of the user's, stored as the app stores keys (only its hash); returns the secret, as the
 * app shows it once.
 */
export async function createApiKey(
  { prisma }: TestDb,
  options: { userId: string; scopes: ApiKeyScope[]; name?: string; rateLimitPerDay?: number },
) {
  const key = generateApiKey()
  const apiKey = await prisma.apiKey.create({
    data: {
      userId: options.userId,
      name: options.name ?? uniqueName('key'),
      scopes: options.scopes,
      keyHash: sha256Hex(key),
      keyPrefix: key.slice(0, API_KEY_DISPLAY_LENGTH),
      rateLimitPerDay: options.rateLimitPerDay,
    },
    select: { id: true, name: true, keyPrefix: true, scopes: true },
  })
  return { apiKey, key }
}

export async function readApiKey({ prisma }: TestDb, apiKeyId: string) {
  return prisma.apiKey.findUniqueOrThrow({
    where: { id: apiKeyId },
    select: { id: true, keyHash: true, keyPrefix: true, rateLimitPerDay: true, expiresAt: true },
  })
}

type ApiKeyDeps = Pick<Services, 'prisma' | 'redis' | 'apiKeyCache'>

/** Changes a key's row as the services do: every instance reads it again before its next request. */
async function changeApiKey(
  deps: ApiKeyDeps,
  apiKeyId: string,
  data: { rateLimitPerDay?: number; expiresAt?: Date },
) {
  const { keyHash } = await deps.prisma.apiKey.update({
    where: { id: apiKeyId },
    data,
    select: { keyHash: true },
  })
  await invalidateApiKeys(deps, [keyHash])
}

export async function setApiKeyDailyLimit(deps: ApiKeyDeps, apiKeyId: string, rateLimitPerDay: number) {
  await changeApiKey(deps, apiKeyId, { rateLimitPerDay })
}

/** Moves the key's expiry a second into the past. */
export async function expireApiKey(deps: ApiKeyDeps, apiKeyId: string) {
  await changeApiKey(deps, apiKeyId, { expiresAt: new Date(Date.now() - 1000) })
}

/** The usage the key has logged so far, oldest first (logging happens after the answer). */
export async function readApiUsage({ prisma }: TestDb, apiKeyId: string) {
  return prisma.apiUsageLog.findMany({
    where: { apiKeyId },
    select: { endpoint: true, method: true, statusCode: true },
    orderBy: { createdAt: 'asc' },
  })
}

// Files

type FileCategory = 'LOGO' | 'RESUME' | 'SCREENSHOT' | 'DOCUMENT'

/** A stored file (a small PDF unless told otherwise), attached to whatever the options name. */
export async function createFile(
  { prisma }: TestDb,
  options: {
    uploadedBy?: string
    interviewId?: string
    jobApplicationId?: string
    category?: FileCategory
    name?: string
    mimeType?: string
    bytes?: Uint8Array
  } = {},
) {
  const bytes = options.bytes ?? sampleFiles.pdf()
  return prisma.file.create({
    data: {
      name: options.name ?? `${uniqueName('file').replace(' ', '-')}.pdf`,
      mimeType: options.mimeType ?? 'application/pdf',
      size: bytes.length,
      category: options.category ?? 'RESUME',
      uploadedBy: options.uploadedBy,
      interviewId: options.interviewId,
      jobApplicationId: options.jobApplicationId,
      data: Buffer.from(bytes),
    },
    select: { id: true },
  })
}

/** Who stored the file and what it is attached to. */
export async function readFile({ prisma }: TestDb, fileId: string) {
  return prisma.file.findUniqueOrThrow({
    where: { id: fileId },
    select: { uploadedBy: true, interviewId: true, jobApplicationId: true, category: true },
  })
}

/** Bytes stored for an uploader or an interview, as the quotas count them. */
export async function storedBytes(
  { prisma }: TestDb,
  where: { uploadedBy?: string | null; interviewId?: string },
) {
  const usage = await prisma.file.aggregate({ where, _sum: { size: true } })
  return usage._sum.size ?? 0
}

/** Messages of an interview's transcript, in order (`user` is the candidate, `assistant` the interviewer). */
export async function createTranscript(
  { prisma }: TestDb,
  options: { interviewId: string; messages: { role: 'user' | 'assistant'; content: string }[] },
) {
  for (const message of options.messages) {
    await prisma.interviewMessage.create({ data: { interviewId: options.interviewId, ...message } })
  }
}
