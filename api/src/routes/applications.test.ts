import { afterAll, describe, expect, it } from 'vitest'
import { createJob, setJobStanding } from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

async function signedIn(role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN' = 'RECRUITER') {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail(role.toLowerCase()), role)
  return { client, user }
}

/** A recruiter with an approved, active job on the board. */
async function openJob() {
  const recruiter = await signedIn()
  const job = await createJob(services, {
    recruiterId: recruiter.user.id,
    title: 'Site Reliability Engineer',
    standing: 'live',
  })
  return { recruiter, job }
}

describe('applying', () => {
  it('lets a candidate apply once to an open job and follow the status', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'I keep systems calm at 3 a.m.' },
    })
    expect(applied.status, JSON.stringify(applied.body)).toBe(201)
    expect(applied.body.application).toMatchObject({
      status: 'PENDING',
      job: { id: job.id, title: 'Site Reliability Engineer' },
    })

    const again = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: {},
    })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toBe('You have already applied to this job.')

    await recruiter.client.request(`/api/applications/${applied.body.application.id}`, {
      method: 'PATCH',
      json: { status: 'REVIEWED', notes: 'Call back Tuesday.' },
    })
    const mine = await candidate.client.request('/api/applications/mine')
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: applied.body.application.id, status: 'REVIEWED', notes: null }),
    ])
  })

  it('is refused for closed, unapproved and draft jobs, and for non-candidates', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    await setJobStanding(services, job.id, 'closed')
    const closed = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: {},
    })
    expect(closed.status).toBe(409)
    expect(closed.body.error.message).toBe('This job is closed and takes no more applications.')

    const draft = await createJob(services, { recruiterId: recruiter.user.id, standing: 'draft' })
    expect(
      (await candidate.client.request(`/api/jobs/${draft.id}/applications`, { method: 'POST', json: {} }))
        .status,
    ).toBe(404)
    expect(
      (await recruiter.client.request(`/api/jobs/${job.id}/applications`, { method: 'POST', json: {} }))
        .status,
    ).toBe(403)
    expect(
      (await new TestClient(app).request(`/api/jobs/${job.id}/applications`, { method: 'POST', json: {} }))
        .status,
    ).toBe(401)
  })
})

describe('reviewing applications', () => {
  async function applicationFor() {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: {},
    })
    return { recruiter, job, candidate, application: applied.body.application }
  }

  it('moves through PENDING → REVIEWED → SHORTLISTED → HIRED and nowhere else', async () => {
    const { recruiter, application } = await applicationFor()
    const path = `/api/applications/${application.id}`
    const skip = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'HIRED' } })
    expect(skip.status).toBe(409)
    expect(skip.body.error.details).toEqual({
      from: 'PENDING',
      to: 'HIRED',
      allowed: ['REVIEWED', 'REJECTED'],
    })
    for (const status of ['REVIEWED', 'SHORTLISTED', 'HIRED']) {
      const step = await recruiter.client.request(path, { method: 'PATCH', json: { status } })
      expect(step.status, JSON.stringify(step.body)).toBe(200)
      expect(step.body.application.status).toBe(status)
    }
    expect(
      (await recruiter.client.request(path, { method: 'PATCH', json: { status: 'REJECTED' } })).status,
    ).toBe(409)
    expect((await recruiter.client.request(path, { method: 'PATCH', json: {} })).status).toBe(400)
  })

  it('lists a job’s applications with filters, for its recruiter only', async () => {
    const { recruiter, job, application } = await applicationFor()
    const second = await signedIn('CANDIDATE')
    await second.client.request(`/api/jobs/${job.id}/applications`, { method: 'POST', json: {} })
    await recruiter.client.request(`/api/applications/${application.id}`, {
      method: 'PATCH',
      json: { status: 'REJECTED' },
    })

    const all = await recruiter.client.request(`/api/jobs/${job.id}/applications`)
    expect(all.body.items).toHaveLength(2)
    const rejected = await recruiter.client.request(`/api/jobs/${job.id}/applications?status=REJECTED`)
    expect(rejected.body.items.map((item: any) => item.id)).toEqual([application.id])

    const other = await signedIn()
    expect((await other.client.request(`/api/jobs/${job.id}/applications`)).status).toBe(404)
    expect((await other.client.request(`/api/applications/${application.id}`)).status).toBe(404)
    expect(
      (
        await other.client.request(`/api/applications/${application.id}`, {
          method: 'PATCH',
          json: { notes: 'x' },
        })
      ).status,
    ).toBe(404)
    const stranger = await signedIn('CANDIDATE')
    expect((await stranger.client.request(`/api/applications/${application.id}`)).status).toBe(404)
  })

  it('turns an application into an interview in one step', async () => {
    const { recruiter, candidate, application } = await applicationFor()
    const created = await recruiter.client.request(`/api/applications/${application.id}/interview`, {
      method: 'POST',
      json: { type: 'VOICE', questions: ['Walk me through your last incident.'] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.interview).toMatchObject({
      jobRole: 'Site Reliability Engineer',
      jobId: application.jobId,
      candidateEmail: candidate.user.email,
      type: 'VOICE',
      questions: ['Walk me through your last incident.'],
    })
    expect(created.body.link.status).toBe('ACTIVE')
  })
})
