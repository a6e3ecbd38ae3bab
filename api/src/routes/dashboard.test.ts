import { afterAll, describe, expect, it } from 'vitest'
import {
  createApplication,
  createInterview,
  createJob,
  createUser,
  setInterviewState,
} from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

const HOUR = 60 * 60 * 1000

async function signedInRecruiter() {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail('dashboard'), 'RECRUITER')
  return { client, user }
}

describe('GET /api/dashboard', () => {
  it('lists the interviews that need the recruiter, counts their totals, and shows nobody else’s', async () => {
    const { client, user } = await signedInRecruiter()
    const recruiterId = user.id
    const now = Date.now()

    const finished = await createInterview(services, { recruiterId, status: 'COMPLETED' })
    await services.prisma.interview.update({
      where: { id: finished.id },
      data: { completedAt: new Date(now - 2 * HOUR), score: 82 },
    })
    const reviewed = await createInterview(services, { recruiterId, status: 'COMPLETED' })
    await services.prisma.interview.update({
      where: { id: reviewed.id },
      data: { completedAt: new Date(now - 3 * HOUR), reviewedAt: new Date(), reviewedById: recruiterId },
    })
    const running = await createInterview(services, { recruiterId, status: 'IN_PROGRESS' })
    const soon = await createInterview(services, { recruiterId, expiresAt: new Date(now + 5 * HOUR) })
    await createInterview(services, { recruiterId, expiresAt: new Date(now + 72 * HOUR) })
    await createInterview(services, { recruiterId })
    await createInterview(services, { recruiterId, status: 'EXPIRED' })

    const liveJob = await createJob(services, { recruiterId, standing: 'live' })
    await createJob(services, { recruiterId, standing: 'draft' })
    await createJob(services, { recruiterId, standing: 'closed' })
    const candidate = await createUser(services, { role: 'CANDIDATE' })
    const other = await createUser(services, { role: 'CANDIDATE' })
    await createApplication(services, { jobId: liveJob.id, candidateId: candidate.id })
    const old = await createApplication(services, { jobId: liveJob.id, candidateId: other.id })
    await services.prisma.jobApplication.update({
      where: { id: old.id },
      data: { appliedAt: new Date(now - 8 * 24 * HOUR) },
    })

    // Another recruiter's interviews and jobs count for them, not here.
    const stranger = await createUser(services, { role: 'RECRUITER' })
    await createInterview(services, { recruiterId: stranger.id, status: 'COMPLETED' })
    await createJob(services, { recruiterId: stranger.id, standing: 'live' })

    const response = await client.request('/api/dashboard')
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const { needsReview, inProgress, expiringSoon, totals } = response.body
    expect(needsReview.count).toBe(1)
    expect(needsReview.items).toEqual([
      expect.objectContaining({
        id: finished.id,
        status: 'COMPLETED',
        score: 82,
        jobRole: 'Backend Engineer',
      }),
    ])
    expect(inProgress).toEqual({ count: 1, items: [expect.objectContaining({ id: running.id })] })
    expect(expiringSoon).toEqual({ count: 1, items: [expect.objectContaining({ id: soon.id })] })
    expect(totals).toEqual({
      interviewsByStatus: { PENDING: 3, IN_PROGRESS: 1, COMPLETED: 2, EXPIRED: 1 },
      applicationsThisWeek: 1,
      openJobs: 1,
    })
  })

  it('shows an admin their own interviews and jobs, not every recruiter’s mixed into one list', async () => {
    const client = new TestClient(app)
    const admin = await client.signIn(uniqueEmail('dashboard-admin'), 'ADMIN')
    const own = await createInterview(services, { recruiterId: admin.id, status: 'COMPLETED' })
    await createJob(services, { recruiterId: admin.id, standing: 'live' })
    const recruiter = await createUser(services, { role: 'RECRUITER' })
    await createInterview(services, { recruiterId: recruiter.id, status: 'COMPLETED' })
    await createInterview(services, { recruiterId: recruiter.id, status: 'IN_PROGRESS' })
    await createJob(services, { recruiterId: recruiter.id, standing: 'live' })

    const response = await client.request('/api/dashboard')
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.needsReview).toEqual({ count: 1, items: [expect.objectContaining({ id: own.id })] })
    expect(response.body.inProgress).toEqual({ count: 0, items: [] })
    expect(response.body.totals).toEqual({
      interviewsByStatus: { PENDING: 0, IN_PROGRESS: 0, COMPLETED: 1, EXPIRED: 0 },
      applicationsThisWeek: 0,
      openJobs: 1,
    })
  })

  it('is for recruiters', async () => {
    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('not-recruiter'), 'CANDIDATE')
    expect((await candidate.request('/api/dashboard')).status).toBe(403)
    expect((await new TestClient(app).request('/api/dashboard')).status).toBe(401)
  })
})

describe('POST /api/interviews/{id}/review', () => {
  it('marks a completed interview reviewed once, which takes it off the review list', async () => {
    const { client, user } = await signedInRecruiter()
    const interview = await createInterview(services, { recruiterId: user.id, status: 'COMPLETED' })
    expect((await client.request('/api/dashboard')).body.needsReview.count).toBe(1)

    const marked = await client.request(`/api/interviews/${interview.id}/review`, { method: 'POST' })
    expect(marked.status, JSON.stringify(marked.body)).toBe(200)
    expect(marked.body.interview.reviewedAt).toEqual(expect.any(String))
    expect(marked.body.interview.reviewedBy).toEqual({ id: user.id, fullName: null })
    expect((await client.request('/api/dashboard')).body.needsReview).toEqual({ count: 0, items: [] })

    // Again: the first review stands.
    const again = await client.request(`/api/interviews/${interview.id}/review`, { method: 'POST' })
    expect(again.status).toBe(200)
    expect(again.body.interview.reviewedAt).toBe(marked.body.interview.reviewedAt)
    const read = await client.request(`/api/interviews/${interview.id}`)
    expect(read.body.interview.reviewedAt).toBe(marked.body.interview.reviewedAt)
  })

  it('refuses an interview that has not finished, and another recruiter’s', async () => {
    const { client, user } = await signedInRecruiter()
    const pending = await createInterview(services, { recruiterId: user.id })
    const refused = await client.request(`/api/interviews/${pending.id}/review`, { method: 'POST' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('CONFLICT')

    await setInterviewState(services, pending.id, { status: 'COMPLETED' })
    const { client: stranger } = await signedInRecruiter()
    expect((await stranger.request(`/api/interviews/${pending.id}/review`, { method: 'POST' })).status).toBe(
      404,
    )
    expect((await client.request(`/api/interviews/${pending.id}`)).body.interview.reviewedAt).toBeNull()
  })
})
