import { afterAll, describe, expect, it } from 'vitest'
import { createApplication, createUser } from '../../test/support/factories.js'
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
    json: { title: uniqueTitle('Platform Engineer'), location: 'Remote', jobType: 'FULL_TIME', ...fields },
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

  it('leave the board for re-approval when what candidates decide on changes, until closed', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const job = await publishedJob(recruiter.client, admin.client)
    const edited = await recruiter.client.request(`/api/jobs/${job.id}`, {
      method: 'PATCH',
      json: { salaryRange: '€90k' },
    })
    expect(edited.body.job.approvalStatus).toBe('PENDING')
    expect(edited.body.sentBackForApproval).toEqual(['salaryRange'])
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

describe('editing a live job', () => {
  it('keeps it live when a typo is fixed outside the title, description, requirements and pay', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const job = await publishedJob(recruiter.client, admin.client, {
      description: 'Run the platform.',
      requirements: 'Five years of Kubernetes.',
      salaryRange: '€90k',
    })
    const typoFixed = await recruiter.client.request(`/api/jobs/${job.id}`, {
      method: 'PATCH',
      // Material fields sent unchanged (as a whole form sends them) do not count as changes.
      json: {
        title: job.title,
        description: 'Run the platform.',
        requirements: 'Five years of Kubernetes.',
        salaryRange: '€90k',
        department: 'Engineering',
        location: 'Remote (EU)',
        jobType: 'CONTRACT',
      },
    })
    expect(typoFixed.status, JSON.stringify(typoFixed.body)).toBe(200)
    expect(typoFixed.body).toMatchObject({
      job: {
        approvalStatus: 'APPROVED',
        department: 'Engineering',
        location: 'Remote (EU)',
        jobType: 'CONTRACT',
      },
      sentBackForApproval: [],
    })
    const board = await new TestClient(app).request(`/api/public/jobs/${job.id}`)
    expect(board.status).toBe(200)
    expect(board.body.job).toMatchObject({
      location: 'Remote (EU)',
      requirements: 'Five years of Kubernetes.',
    })
  })

  it.each([
    ['title', { title: 'Principal Platform Engineer' }],
    ['description', { description: 'Run the platform and the on-call rota.' }],
    ['requirements', { requirements: 'Ten years of Kubernetes.' }],
    ['salaryRange', { salaryRange: '€120k' }],
  ])('sends it back for approval when its %s changes, and says so', async (field, change) => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const job = await publishedJob(recruiter.client, admin.client, {
      description: 'Run the platform.',
      requirements: 'Five years of Kubernetes.',
      salaryRange: '€90k',
    })
    const edited = await recruiter.client.request(`/api/jobs/${job.id}`, {
      method: 'PATCH',
      json: { ...change, location: 'Berlin' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({
      job: { status: 'ACTIVE', approvalStatus: 'PENDING', approvedAt: null },
      sentBackForApproval: [field],
    })
    expect((await new TestClient(app).request(`/api/public/jobs/${job.id}`)).status).toBe(404)
  })

  it('does not send a draft or a waiting job anywhere else', async () => {
    const recruiter = await signedIn()
    const draft = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: { title: 'Draft role' },
    })
    const edited = await recruiter.client.request(`/api/jobs/${draft.body.job.id}`, {
      method: 'PATCH',
      json: { title: 'Renamed draft role' },
    })
    expect(edited.body).toMatchObject({
      job: { status: 'DRAFT', approvalStatus: 'PENDING' },
      sentBackForApproval: [],
    })
  })
})

describe('closing and reopening', () => {
  it('closes a job with applications instead of deleting it, and reopens it live', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const job = await publishedJob(recruiter.client, admin.client)
    const candidate = await createUser(services, { role: 'CANDIDATE' })
    await createApplication(services, { jobId: job.id, candidateId: candidate.id })

    const deleted = await recruiter.client.request(`/api/jobs/${job.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(409)
    expect(deleted.body.error.message).toMatch(/close it instead/)

    const closed = await recruiter.client.request(`/api/jobs/${job.id}/close`, { method: 'POST' })
    expect(closed.body.job).toMatchObject({ status: 'CLOSED', applicationCount: 1 })
    expect((await new TestClient(app).request(`/api/public/jobs/${job.id}`)).status).toBe(404)
    // Closed twice, or a live job reopened: nothing to do.
    expect((await recruiter.client.request(`/api/jobs/${job.id}/close`, { method: 'POST' })).status).toBe(409)

    const reopened = await recruiter.client.request(`/api/jobs/${job.id}/reopen`, { method: 'POST' })
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    expect(reopened.body.job).toMatchObject({
      status: 'ACTIVE',
      approvalStatus: 'APPROVED',
      applicationCount: 1,
    })
    expect((await new TestClient(app).request(`/api/public/jobs/${job.id}`)).status).toBe(200)
    const again = await recruiter.client.request(`/api/jobs/${job.id}/reopen`, { method: 'POST' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('CONFLICT')
  })

  it('reopens a job closed before approval as a draft, and keeps other recruiters out', async () => {
    const recruiter = await signedIn()
    const other = await signedIn()
    const draft = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: { title: 'Waiting role' },
    })
    const id = draft.body.job.id
    await recruiter.client.request(`/api/jobs/${id}/submit`, { method: 'POST' })
    await recruiter.client.request(`/api/jobs/${id}/close`, { method: 'POST' })
    expect((await other.client.request(`/api/jobs/${id}/reopen`, { method: 'POST' })).status).toBe(404)
    const reopened = await recruiter.client.request(`/api/jobs/${id}/reopen`, { method: 'POST' })
    expect(reopened.body.job).toMatchObject({ status: 'DRAFT', approvalStatus: 'PENDING' })
  })
})

describe('job types', () => {
  it('are one list: other spellings are refused and the filter finds every job of a type', async () => {
    const recruiter = await signedIn()
    const admin = await signedIn('ADMIN')
    const marker = Math.random().toString(36).slice(2, 8)
    for (const jobType of ['Full time', 'full-time', 'Freelance']) {
      const refused = await recruiter.client.request('/api/jobs', {
        method: 'POST',
        json: { title: `Engineer ${marker}`, jobType },
      })
      expect(refused.status, JSON.stringify(refused.body)).toBe(400)
      expect(refused.body.error.details.issues).toEqual([{ path: 'jobType', message: expect.any(String) }])
    }
    const fullTime = await publishedJob(recruiter.client, admin.client, { title: `Engineer ${marker}` })
    await publishedJob(recruiter.client, admin.client, { title: `Engineer ${marker}`, jobType: 'PART_TIME' })
    const visitor = new TestClient(app)
    const found = await visitor.request(`/api/public/jobs?q=${marker}&jobType=FULL_TIME`)
    expect(found.body.items.map((job: any) => job.id)).toEqual([fullTime.id])
    // Links from before the list still filter: their words map onto it.
    for (const old of ['Full-time', 'full%20time', 'FULL_TIME']) {
      const byOldWords = await visitor.request(`/api/public/jobs?q=${marker}&jobType=${old}`)
      expect(
        byOldWords.body.items.map((job: any) => job.id),
        old,
      ).toEqual([fullTime.id])
    }
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
