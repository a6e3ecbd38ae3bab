import { afterAll, describe, expect, it } from 'vitest'
import { createJob, setJobStanding } from '../../test/support/factories.js'
import { sampleFiles, uploadForm } from '../../test/support/file-fixtures.js'
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
      json: { coverLetter: 'Once more.' },
    })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({
      code: 'ALREADY_APPLIED',
      message: 'You have already applied to this job.',
      details: { applicationId: applied.body.application.id },
    })

    await recruiter.client.request(`/api/applications/${applied.body.application.id}`, {
      method: 'PATCH',
      json: { status: 'REVIEWED', notes: 'Call back Tuesday.' },
    })
    const mine = await candidate.client.request('/api/applications/mine')
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: applied.body.application.id, status: 'REVIEWED', notes: null }),
    ])
  })

  it('is refused for closed, unapproved and draft jobs, each with its own code, and for non-candidates', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const apply = (client: TestClient, jobId: string) =>
      client.request(`/api/jobs/${jobId}/applications`, { method: 'POST', json: { coverLetter: 'Hello.' } })
    await setJobStanding(services, job.id, 'closed')
    const closed = await apply(candidate.client, job.id)
    expect(closed.status).toBe(409)
    expect(closed.body.error).toMatchObject({
      code: 'JOB_CLOSED',
      message: 'This job is closed and takes no more applications.',
    })

    for (const standing of ['waiting', 'rejected'] as const) {
      const unapproved = await createJob(services, { recruiterId: recruiter.user.id, standing })
      const refused = await apply(candidate.client, unapproved.id)
      expect(refused.status, standing).toBe(409)
      expect(refused.body.error.code, standing).toBe('JOB_NOT_APPROVED')
    }

    // A draft is private: to a candidate it does not exist.
    const draft = await createJob(services, { recruiterId: recruiter.user.id, standing: 'draft' })
    const toDraft = await apply(candidate.client, draft.id)
    expect(toDraft.status).toBe(404)
    expect(toDraft.body.error.code).toBe('NOT_FOUND')
    expect((await apply(recruiter.client, job.id)).status).toBe(403)
    expect((await apply(new TestClient(app), job.id)).status).toBe(401)
  })

  it('needs a résumé or a cover letter', async () => {
    const { job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    for (const json of [{}, { coverLetter: '   ' }, { useProfileResume: false }]) {
      const empty = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
        method: 'POST',
        json,
      })
      expect(empty.status, JSON.stringify(json)).toBe(400)
      expect(empty.body.error.code).toBe('VALIDATION_FAILED')
      expect(empty.body.error.details.issues).toEqual([
        { path: 'resumeFileId', message: expect.stringMatching(/résumé or .*cover letter/) },
      ])
    }
    const mine = await candidate.client.request(`/api/jobs/${job.id}/applications/mine`)
    expect(mine.body).toEqual({ application: null })

    const upload = await candidate.client.request('/api/files', {
      method: 'POST',
      body: uploadForm({ category: 'RESUME' }, { bytes: sampleFiles.pdf(), filename: 'cv.pdf' }),
    })
    expect(upload.status, JSON.stringify(upload.body)).toBe(201)
    const withResume = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { resumeFileId: upload.body.id },
    })
    expect(withResume.status, JSON.stringify(withResume.body)).toBe(201)
    expect(withResume.body.application).toMatchObject({ resumeFileId: upload.body.id, coverLetter: null })
  })

  it('can reuse the résumé on the candidate’s profile, and says when there is none', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const useProfile = () =>
      candidate.client.request(`/api/jobs/${job.id}/applications`, {
        method: 'POST',
        json: { useProfileResume: true },
      })
    const none = await useProfile()
    expect(none.status).toBe(400)
    expect(none.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'useProfileResume', message: expect.stringMatching(/no résumé/) }] },
    })

    const upload = await candidate.client.request('/api/files', {
      method: 'POST',
      body: uploadForm({ category: 'RESUME' }, { bytes: sampleFiles.pdf(), filename: 'profile-cv.pdf' }),
    })
    const profile = await candidate.client.request('/api/users/me/candidate-profile', {
      method: 'PUT',
      json: { resumeFileId: upload.body.id },
    })
    expect(profile.status, JSON.stringify(profile.body)).toBe(200)
    const applied = await useProfile()
    expect(applied.status, JSON.stringify(applied.body)).toBe(201)
    expect(applied.body.application.resumeFileId).toBe(upload.body.id)
    // The recruiter can open the résumé the application carries.
    const resume = await recruiter.client.request(`/api/files/${upload.body.id}`)
    expect(resume.status).toBe(200)
  })

  it('tells the candidate whether they applied, and lets them withdraw and apply again', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'First try.' },
    })
    const id = applied.body.application.id
    const mine = await candidate.client.request(`/api/jobs/${job.id}/applications/mine`)
    expect(mine.body.application).toMatchObject({ id, status: 'PENDING', withdrawnAt: null })

    // Only the candidate who applied may withdraw it.
    const stranger = await signedIn('CANDIDATE')
    expect(
      (await stranger.client.request(`/api/applications/${id}/withdraw`, { method: 'POST' })).status,
    ).toBe(404)
    expect(
      (await recruiter.client.request(`/api/applications/${id}/withdraw`, { method: 'POST' })).status,
    ).toBe(403)

    const withdrawn = await candidate.client.request(`/api/applications/${id}/withdraw`, { method: 'POST' })
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200)
    expect(withdrawn.body.application).toMatchObject({
      id,
      status: 'WITHDRAWN',
      withdrawnAt: expect.any(String),
    })
    const twice = await candidate.client.request(`/api/applications/${id}/withdraw`, { method: 'POST' })
    expect(twice.status).toBe(409)
    // The recruiter keeps it, marked withdrawn, and cannot move it on.
    const seen = await recruiter.client.request(`/api/jobs/${job.id}/applications?status=WITHDRAWN`)
    expect(seen.body.items.map((item: any) => item.id)).toEqual([id])
    const moved = await recruiter.client.request(`/api/applications/${id}`, {
      method: 'PATCH',
      json: { status: 'REVIEWED' },
    })
    expect(moved.status).toBe(409)

    const again = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'Second try.' },
    })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(again.body.application).toMatchObject({
      id,
      status: 'PENDING',
      coverLetter: 'Second try.',
      withdrawnAt: null,
    })
  })

  it('cannot be withdrawn once a decision is final', async () => {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'Hello.' },
    })
    const id = applied.body.application.id
    await recruiter.client.request(`/api/applications/${id}`, {
      method: 'PATCH',
      json: { status: 'REJECTED' },
    })
    const refused = await candidate.client.request(`/api/applications/${id}/withdraw`, { method: 'POST' })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'REJECTED' } })
  })
})

describe('reviewing applications', () => {
  async function applicationFor() {
    const { recruiter, job } = await openJob()
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'I would like this job.' },
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
    await second.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'Me too.' },
    })
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
