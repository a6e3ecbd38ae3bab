import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import {
  createApiKey,
  createApplication,
  createInterview,
  createJob,
  createRecruiterProfile,
  createUser,
} from './support/factories.js'
import { TestClient, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'

/**
 * Admins merge an account imported from the old platform into the same person's VantaHire account:
 * a preview that changes nothing, then one transaction that moves everything, deletes the old
 * account and records the merge.
 */
let services: ReturnType<typeof createTestServices>
let app: ReturnType<typeof createApp>['app']
let admin: TestClient
let adminId: string

beforeAll(async () => {
  services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
  app = createApp(services).app
  admin = new TestClient(app)
  adminId = (await admin.signIn(uniqueEmail('merge-admin'), 'ADMIN')).id
})
afterAll(() => services.close())

async function legacyRecruiterWithData() {
  const legacy = await createUser(services, {
    role: 'RECRUITER',
    provider: 'legacy',
    providerId: crypto.randomUUID(),
  })
  await createRecruiterProfile(services, { userId: legacy.id, companyName: 'Société Ancienne' })
  const job = await createJob(services, { recruiterId: legacy.id, standing: 'live' })
  const interview = await createInterview(services, { recruiterId: legacy.id, jobId: job.id })
  const key = await createApiKey(services, { userId: legacy.id, scopes: ['interviews:read'] })
  return { legacy, job, interview, key }
}

describe('merging an old-platform account', () => {
  it('previews what moves without changing anything, then moves it all in one go and records it', async () => {
    const { legacy, job, interview, key } = await legacyRecruiterWithData()
    const target = await createUser(services, { role: 'RECRUITER', provider: 'google' })

    const preview = await admin.request(`/api/admin/users/${legacy.id}/merge?into=${target.id}`)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.moves).toMatchObject({
      jobs: 1,
      interviewsAsRecruiter: 1,
      apiKeys: 1,
      recruiterProfile: 1,
    })
    expect(preview.body.leftBehind).toEqual([])
    expect(await services.prisma.user.count({ where: { id: legacy.id } })).toBe(1)

    const merged = await admin.request(`/api/admin/users/${legacy.id}/merge`, {
      method: 'POST',
      json: { into: target.id },
    })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    expect(merged.body.moves).toEqual(preview.body.moves)
    expect(await services.prisma.user.count({ where: { id: legacy.id } })).toBe(0)
    expect((await services.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).recruiterId).toBe(
      target.id,
    )
    expect(
      (await services.prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).recruiterId,
    ).toBe(target.id)
    expect((await services.prisma.apiKey.findUniqueOrThrow({ where: { id: key.apiKey.id } })).userId).toBe(
      target.id,
    )
    expect(
      (await services.prisma.recruiterProfile.findUniqueOrThrow({ where: { userId: target.id } }))
        .companyName,
    ).toBe('Société Ancienne')
    const record = await services.prisma.accountMerge.findUniqueOrThrow({
      where: { id: merged.body.mergeId },
    })
    expect(record).toMatchObject({
      sourceUserId: legacy.id,
      sourceEmail: legacy.email,
      targetUserId: target.id,
      mergedById: adminId,
    })
  })

  it('leaves behind what the target already has one of, and says so first', async () => {
    const legacy = await createUser(services, {
      role: 'CANDIDATE',
      provider: 'legacy',
      providerId: crypto.randomUUID(),
    })
    const target = await createUser(services, { role: 'CANDIDATE', provider: 'linkedin' })
    const recruiter = await createUser(services, { role: 'RECRUITER' })
    const sharedJob = await createJob(services, { recruiterId: recruiter.id, standing: 'live' })
    const otherJob = await createJob(services, { recruiterId: recruiter.id, standing: 'live' })
    const duplicate = await createApplication(services, {
      jobId: sharedJob.id,
      candidateId: legacy.id,
      coverLetter: 'old',
    })
    await createApplication(services, { jobId: sharedJob.id, candidateId: target.id, coverLetter: 'new' })
    const moving = await createApplication(services, { jobId: otherJob.id, candidateId: legacy.id })

    const preview = await admin.request(`/api/admin/users/${legacy.id}/merge?into=${target.id}`)
    expect(preview.body.leftBehind).toEqual([
      expect.objectContaining({ kind: 'application', id: duplicate.id }),
    ])
    expect(preview.body.moves.applications).toBe(1)
    const merged = await admin.request(`/api/admin/users/${legacy.id}/merge`, {
      method: 'POST',
      json: { into: target.id },
    })
    expect(merged.status).toBe(200)
    expect(
      (await services.prisma.jobApplication.findUniqueOrThrow({ where: { id: moving.id } })).candidateId,
    ).toBe(target.id)
    expect(await services.prisma.jobApplication.count({ where: { id: duplicate.id } })).toBe(0)
    expect(
      await services.prisma.jobApplication.count({ where: { jobId: sharedJob.id, candidateId: target.id } }),
    ).toBe(1)
  })

  it('refuses an account that is not from the old platform, a recruiter into a candidate, and itself', async () => {
    const signedUp = await createUser(services, { role: 'RECRUITER', provider: 'google' })
    const target = await createUser(services, { role: 'RECRUITER', provider: 'linkedin' })
    const notLegacy = await admin.request(`/api/admin/users/${signedUp.id}/merge`, {
      method: 'POST',
      json: { into: target.id },
    })
    expect(notLegacy.status).toBe(409)
    expect(notLegacy.body.error.code).toBe('CONFLICT')

    const { legacy } = await legacyRecruiterWithData()
    const candidate = await createUser(services, { role: 'CANDIDATE', provider: 'google' })
    const intoCandidate = await admin.request(`/api/admin/users/${legacy.id}/merge?into=${candidate.id}`)
    expect(intoCandidate.status).toBe(409)
    expect(intoCandidate.body.error.message).toContain('make it a recruiter first')

    const intoItself = await admin.request(`/api/admin/users/${legacy.id}/merge`, {
      method: 'POST',
      json: { into: legacy.id },
    })
    expect(intoItself.status).toBe(400)
    const badId = await admin.request(`/api/admin/users/${legacy.id}/merge?into=nope`)
    expect(badId.status).toBe(400)
    expect(await services.prisma.user.count({ where: { id: legacy.id } })).toBe(1)
  })
})
