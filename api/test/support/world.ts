import type { Services } from '../../src/infra/container.js'
import { createApiKey } from '../../src/services/api-keys.js'
import { createInterviewLink } from '../../src/services/interview-links.js'
import { createSignInSession } from '../../src/services/sign-in-sessions.js'
import { signedInActor } from './actors.js'
import { createUser } from './factories.js'
import { sampleFiles } from './file-fixtures.js'
import { APP_ORIGIN, uniqueEmail } from './http.js'

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
 * fresh one for requests that change state for good.
 */
export type World = Awaited<ReturnType<typeof createWorld>>

export async function createWorld(services: Pick<Services, 'prisma' | 'redis' | 'logger'>) {
  const { prisma, redis } = services
  const owner = await createUser(prisma, { role: 'RECRUITER' })
  const otherRecruiter = await createUser(prisma, { role: 'RECRUITER' })
  const admin = await createUser(prisma, { role: 'ADMIN' })
  const candidate = await createUser(prisma, { role: 'CANDIDATE' })
  const interview = await prisma.interview.create({
    data: { recruiterId: owner.id, candidateEmail: uniqueEmail('candidate'), jobRole: 'Backend Engineer' },
  })
  // A short transcript, so that routes which need the candidate to have answered (scoring) have it.
  await prisma.interviewMessage.createMany({
    data: [
      { interviewId: interview.id, role: 'assistant', content: 'Tell me about a system you scaled.' },
      {
        interviewId: interview.id,
        role: 'user',
        content: 'I moved our queue to partitioned Postgres tables.',
      },
    ],
  })
  const link = await createInterviewLink(prisma, { frontendUrl: APP_ORIGIN, interviewId: interview.id })
  const openJob = await prisma.job.create({
    data: {
      recruiterId: owner.id,
      title: 'Open role',
      status: 'ACTIVE',
      approvalStatus: 'APPROVED',
      approvedAt: new Date(),
    },
  })
  const secondOpenJob = await prisma.job.create({
    data: {
      recruiterId: owner.id,
      title: 'Another open role',
      status: 'ACTIVE',
      approvalStatus: 'APPROVED',
      approvedAt: new Date(),
    },
  })
  const draftJob = await prisma.job.create({ data: { recruiterId: owner.id, title: 'Draft role' } })
  const submittedJob = await prisma.job.create({
    data: { recruiterId: owner.id, title: 'Submitted role', status: 'ACTIVE', approvalStatus: 'PENDING' },
  })
  const application = await prisma.jobApplication.create({
    data: { jobId: openJob.id, candidateId: candidate.id },
  })
  const resume = await prisma.file.create({
    data: {
      name: 'cv.pdf',
      mimeType: 'application/pdf',
      size: 1024,
      category: 'RESUME',
      uploadedBy: owner.id,
      interviewId: interview.id,
      data: Buffer.from(sampleFiles.pdf(1024)),
    },
  })
  const ownerActor = signedInActor(owner)
  const ownersKey = await createApiKey(services, ownerActor, {
    name: 'owner key',
    scopes: ['interviews:read'],
  })
  const allScopes = await createApiKey(services, ownerActor, {
    name: 'all scopes',
    scopes: ['interviews:read', 'interviews:write', 'results:read'],
  })
  const noScopes = await createApiKey(services, ownerActor, {
    name: 'no useful scope',
    scopes: ['results:read'],
  })
  const noScopesForResults = await createApiKey(services, ownerActor, {
    name: 'interviews only',
    scopes: ['interviews:read', 'interviews:write'],
  })
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
      application: application.id,
      resume: resume.id,
      ownersKey: ownersKey.apiKey.id,
      otherRecruiter: otherRecruiter.id,
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
