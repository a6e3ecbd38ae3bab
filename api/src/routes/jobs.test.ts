import { afterAll, describe, expect, it } from 'vitest'
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

const uniqueTitle = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`

/** A job taken through draft → submitted → approved, as the board needs it. */
async function publishedJob(recruiter: TestClient, admin: TestClient, fields: Record<string, unknown> = {}) {
  const draft = await recruiter.request('/api/jobs', {
    method: 'POST',
    json: { title: uniqueTitle('Platform Engineer'), location: 'Remote', jobType: 'Full-time', ...fields },
  })
  expect(draft.status, JSON.stringify(draft.body)).toBe(201)
  const id = draft.body.job.id
  expect((await recruiter.request(`/api/jobs/${id}/submit`, { method: 'POST' })).status).toBe(200)
  const approved = await admin.request(`/api/admin/jobs/${id}/approve`, { method: 'POST' })
  expect(approved.status, JSON.stringify(approved.body)).toBe(200)
  return approved.body.job
}

describe('jobs and their approval', () => {
  it('go from draft to the public board only once an admin approves them', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const title = uniqueTitle('Data Engineer')
    const draft = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: { title, description: 'Pipelines.' },
    })
    expect(draft.body.job).toMatchObject({ status: 'DRAFT', approvalStatus: 'PENDING', applicationCount: 0 })
    const id = draft.body.job.id
    const board = async () =>
      (await new TestClient(app).request(`/api/public/jobs?q=${encodeURIComponent(title)}`)).body.items

    expect(await board()).toEqual([])
    expect((await new TestClient(app).request(`/api/public/jobs/${id}`)).status).toBe(404)
    // Drafts are not in the queue; submitted jobs are.
    expect((await admin.client.request(`/api/admin/jobs/${id}/approve`, { method: 'POST' })).status).toBe(409)

    const submitted = await recruiter.client.request(`/api/jobs/${id}/submit`, { method: 'POST' })
    expect(submitted.body.job).toMatchObject({ status: 'ACTIVE', approvalStatus: 'PENDING' })
    const queue = await admin.client.request('/api/admin/jobs/pending?limit=100')
    expect(queue.body.items.map((job: any) => job.id)).toContain(id)
    expect(await board()).toEqual([])

    const approved = await admin.client.request(`/api/admin/jobs/${id}/approve`, { method: 'POST' })
    expect(approved.body.job).toMatchObject({ approvalStatus: 'APPROVED', approvedAt: expect.any(String) })
    expect((await board()).map((job: any) => job.title)).toEqual([title])
    const publicJob = await new TestClient(app).request(`/api/public/jobs/${id}`)
    expect(publicJob.body.job).toMatchObject({ title, description: 'Pipelines.' })
    expect(publicJob.body.job.recruiterId).toBeUndefined()
  })

  it('can be rejected with a reason, fixed and resubmitted', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const draft = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: { title: uniqueTitle('Rockstar Ninja') },
    })
    const id = draft.body.job.id
    await recruiter.client.request(`/api/jobs/${id}/submit`, { method: 'POST' })
    expect(
      (await admin.client.request(`/api/admin/jobs/${id}/reject`, { method: 'POST', json: { reason: '' } }))
        .status,
    ).toBe(400)
    const rejected = await admin.client.request(`/api/admin/jobs/${id}/reject`, {
      method: 'POST',
      json: { reason: 'Please describe the role and drop the slang.' },
    })
    expect(rejected.body.job).toMatchObject({
      approvalStatus: 'REJECTED',
      rejectionReason: 'Please describe the role and drop the slang.',
    })

    await recruiter.client.request(`/api/jobs/${id}`, {
      method: 'PATCH',
      json: { title: uniqueTitle('Senior Engineer') },
    })
    const resubmitted = await recruiter.client.request(`/api/jobs/${id}/submit`, { method: 'POST' })
    expect(resubmitted.body.job).toMatchObject({ approvalStatus: 'PENDING', rejectionReason: null })
  })

  it('leave the board for re-approval when a live job is edited, and for good when closed', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const job = await publishedJob(recruiter.client, admin.client)
    const edited = await recruiter.client.request(`/api/jobs/${job.id}`, {
      method: 'PATCH',
      json: { salaryRange: '€90k' },
    })
    expect(edited.body.job.approvalStatus).toBe('PENDING')
    expect((await new TestClient(app).request(`/api/public/jobs/${job.id}`)).status).toBe(404)

    await admin.client.request(`/api/admin/jobs/${job.id}/approve`, { method: 'POST' })
    const closed = await recruiter.client.request(`/api/jobs/${job.id}/close`, { method: 'POST' })
    expect(closed.body.job.status).toBe('CLOSED')
    expect((await new TestClient(app).request(`/api/public/jobs/${job.id}`)).status).toBe(404)
    expect(
      (await recruiter.client.request(`/api/jobs/${job.id}`, { method: 'PATCH', json: { title: 'x' } }))
        .status,
    ).toBe(409)
  })

  it('are private to their recruiter', async () => {
    const recruiter = await signedIn()
    const other = await signedIn()
    const draft = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: { title: uniqueTitle('Secret') },
    })
    const id = draft.body.job.id
    expect((await other.client.request(`/api/jobs/${id}`)).status).toBe(404)
    expect((await other.client.request(`/api/jobs/${id}/submit`, { method: 'POST' })).status).toBe(404)
    expect((await other.client.request(`/api/jobs/${id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await other.client.request('/api/jobs')).body.items.map((job: any) => job.id)).not.toContain(id)
    const candidate = await signedIn('CANDIDATE')
    expect((await candidate.client.request('/api/jobs')).status).toBe(403)
    expect((await new TestClient(app).request('/api/jobs')).status).toBe(401)
    // Only admins decide on jobs.
    expect((await recruiter.client.request(`/api/admin/jobs/${id}/approve`, { method: 'POST' })).status).toBe(
      403,
    )
  })
})

describe('the public job board', () => {
  it('searches, filters and pages without sign-in', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const marker = Math.random().toString(36).slice(2, 8)
    await recruiter.client.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { companyName: 'Northwind Labs' },
    })
    const jobs = []
    for (const location of ['Berlin', 'Lisbon', 'Berlin']) {
      jobs.push(await publishedJob(recruiter.client, admin.client, { title: `Engineer ${marker}`, location }))
    }
    const visitor = new TestClient(app)
    const berlin = await visitor.request(`/api/public/jobs?q=${marker}&location=berlin`)
    expect(berlin.body.items).toHaveLength(2)
    expect(berlin.body.items[0].company.name).toBe('Northwind Labs')
    const first = await visitor.request(`/api/public/jobs?q=${marker}&limit=2`)
    expect(first.body.items).toHaveLength(2)
    const rest = await visitor.request(`/api/public/jobs?q=${marker}&limit=2&cursor=${first.body.nextCursor}`)
    expect(rest.body).toMatchObject({ items: [expect.any(Object)], nextCursor: null })
  })
})
