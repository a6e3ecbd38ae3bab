import type { ApiKeyScope } from '../../src/domain/actor.js'
import type { Services } from '../../src/infra/container.js'
import { createSignInSession } from '../../src/services/sign-in-sessions.js'
import {
  createApiKey,
  createApplication,
  createFile,
  createInterviewWithLink,
  createJob,
  createTranscript,
  createUser,
} from './factories.js'
import { sampleFiles } from './file-fixtures.js'

/** Every kind of caller the API knows, each with what it sends (see `createWorld`). */
export const CALLERS = [
  'anonymous',
  'candidate',
  'owner',
  'otherRecruiter',
  'admin',
  'keyWithScope',
  'keyWithoutScope',
  'linkToken',
] as const
export type Caller = (typeof CALLERS)[number]

/**
 * The people and things each request is made against, and the headers each caller sends. Make a
 * fresh one for requests that change state for good. `keyDailyLimit` is for callers that make more
 * requests with its keys than a key's default daily limit allows.
 */
export type World = Awaited<ReturnType<typeof createWorld>>

export async function createWorld(
  services: Pick<Services, 'prisma' | 'redis'>,
  options: { keyDailyLimit?: number } = {},
) {
  const { redis } = services
  const owner = await createUser(services, { role: 'RECRUITER' })
  const otherRecruiter = await createUser(services, { role: 'RECRUITER' })
  const admin = await createUser(services, { role: 'ADMIN' })
  const candidate = await createUser(services, { role: 'CANDIDATE' })
  const { interview, link } = await createInterviewWithLink(services, { recruiterId: owner.id })
  // A short transcript, so that routes which need the candidate to have answered (scoring) have it.
  await createTranscript(services, {
    interviewId: interview.id,
    messages: [
      { role: 'assistant', content: 'Tell me about a system you scaled.' },
      { role: 'user', content: 'I moved our queue to partitioned Postgres tables.' },
    ],
  })
  const openJob = await createJob(services, { recruiterId: owner.id, standing: 'live' })
  const secondOpenJob = await createJob(services, { recruiterId: owner.id, standing: 'live' })
  const draftJob = await createJob(services, { recruiterId: owner.id, standing: 'draft' })
  const submittedJob = await createJob(services, { recruiterId: owner.id, standing: 'waiting' })
  const closedJob = await createJob(services, { recruiterId: owner.id, standing: 'closed' })
  const application = await createApplication(services, { jobId: openJob.id, candidateId: candidate.id })
  const resume = await createFile(services, {
    uploadedBy: owner.id,
    interviewId: interview.id,
    category: 'RESUME',
    name: 'cv.pdf',
    bytes: sampleFiles.pdf(1024),
  })
  // An invite already sent, and a bulk invite of the job, for the routes that act on them.
  const inviteMessage = await services.prisma.emailMessage.create({
    data: {
      interviewId: interview.id,
      recipientEmail: 'candidate@example.com',
      status: 'sent',
      transport: 'outbox',
    },
    select: { id: true },
  })
  const inviteBatch = await services.prisma.inviteBatch.create({
    data: { jobId: openJob.id, recruiterId: owner.id, channels: ['email'], interviewCount: 0 },
    select: { id: true },
  })
  const key = (scopes: ApiKeyScope[]) =>
    createApiKey(services, { userId: owner.id, scopes, rateLimitPerDay: options.keyDailyLimit })
  const ownersKey = await key(['interviews:read'])
  const allScopes = await key(['interviews:read', 'interviews:write', 'results:read'])
  const noScopes = await key(['results:read'])
  const noScopesForResults = await key(['interviews:read', 'interviews:write'])
  const cookie = async (user: { id: string; role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN' }) =>
    `vh_session=${(await createSignInSession({ redis }, { userId: user.id, role: user.role })).token}`
  return {
    ids: {
      interview: interview.id,
      link: link.id,
      openJob: openJob.id,
      secondOpenJob: secondOpenJob.id,
      draftJob: draftJob.id,
      submittedJob: submittedJob.id,
      closedJob: closedJob.id,
      application: application.id,
      resume: resume.id,
      ownersKey: ownersKey.apiKey.id,
      otherRecruiter: otherRecruiter.id,
      inviteMessage: inviteMessage.id,
      inviteBatch: inviteBatch.id,
    },
    headers: {
      anonymous: {},
      candidate: { cookie: await cookie(candidate) },
      owner: { cookie: await cookie(owner) },
      otherRecruiter: { cookie: await cookie(otherRecruiter) },
      admin: { cookie: await cookie(admin) },
      keyWithScope: { authorization: `Bearer ${allScopes.key}` },
      keyWithoutScope: { authorization: `Bearer ${noScopes.key}` },
      linkToken: { 'x-interview-token': link.token },
    } satisfies Record<Caller, Record<string, string>>,
    /** For routes needing results:read, the key without it. */
    keyWithoutResults: { authorization: `Bearer ${noScopesForResults.key}` },
  }
}
