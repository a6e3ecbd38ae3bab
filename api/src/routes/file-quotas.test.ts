import { afterAll, describe, expect, it } from 'vitest'
import { createInterviewWithLink, storedBytes } from '../../test/support/factories.js'
import { sampleFiles, uploadForm } from '../../test/support/file-fixtures.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const MB = 1024 * 1024
const mb = (megabytes: number) => Math.floor(megabytes * MB)
// Small quotas, so a few uploads reach them.
const services = createTestServices({
  AUTH_DEV_LOGIN: 'true',
  FILE_QUOTA_CANDIDATE_MB: '1',
  FILE_QUOTA_RECRUITER_MB: '2',
})
const { app } = createApp(services)
afterAll(() => services.close())

function upload(client: TestClient, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const body = uploadForm({ category: 'RESUME' }, { bytes, filename: 'cv.pdf' })
  return client.request('/api/files', { method: 'POST', body, headers })
}

describe('storage quotas', () => {
  it('refuse a file that does not fit, saying how much is used and allowed, and keep nothing of it', async () => {
    const candidate = new TestClient(app)
    const user = await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    const first = await upload(candidate, sampleFiles.pdf(mb(0.6)))
    expect(first.status, JSON.stringify(first.body)).toBe(201)

    const second = await upload(candidate, sampleFiles.pdf(mb(0.6)))
    expect(second.status, JSON.stringify(second.body)).toBe(413)
    expect(second.body.error.code).toBe('STORAGE_QUOTA_EXCEEDED')
    expect(second.body.error.message).toContain('0.6 MB of 1.0 MB is used')
    expect(second.body.error.details).toMatchObject({ usedBytes: mb(0.6), quotaBytes: MB })
    expect(await storedBytes(services, { uploadedBy: user.id })).toBe(mb(0.6))

    // What still fits is accepted; deleting a file makes room again.
    expect((await upload(candidate, sampleFiles.pdf(mb(0.3)))).status).toBe(201)
    const removed = await candidate.request(`/api/files/${first.body.id}`, { method: 'DELETE' })
    expect(removed.status, JSON.stringify(removed.body)).toBe(200)
    expect((await upload(candidate, sampleFiles.pdf(mb(0.6)))).status).toBe(201)
  })

  it('refuse at once when the quota is already full', async () => {
    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    expect((await upload(candidate, sampleFiles.pdf(MB))).status).toBe(201)
    const full = await upload(candidate, sampleFiles.pdf(1024))
    expect(full.status).toBe(413)
    expect(full.body.error.details).toEqual({ usedBytes: MB, quotaBytes: MB })
  })

  it('hold when uploads of the same account run at once', async () => {
    const candidate = new TestClient(app)
    const user = await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => upload(candidate, sampleFiles.pdf(mb(0.3)))),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses).toEqual([201, 201, 201, 413, 413])
    expect(await storedBytes(services, { uploadedBy: user.id })).toBe(3 * mb(0.3))
  })

  it('give recruiters their own, larger quota and admins none', async () => {
    const recruiter = new TestClient(app)
    const recruiterUser = await recruiter.signIn(uniqueEmail('recruiter'))
    const { interview } = await createInterviewWithLink(services, { recruiterId: recruiterUser.id })
    const document = (size: number) =>
      recruiter.request('/api/files', {
        method: 'POST',
        body: uploadForm(
          { category: 'DOCUMENT', interviewId: interview.id },
          { bytes: sampleFiles.pdf(size), filename: 'brief.pdf' },
        ),
      })
    expect((await document(mb(1.5))).status).toBe(201)
    const over = await document(MB)
    expect(over.status).toBe(413)
    expect(over.body.error.details.quotaBytes).toBe(2 * MB)

    const admin = new TestClient(app)
    await admin.signIn(uniqueEmail('admin'), 'ADMIN')
    for (let index = 0; index < 3; index++) {
      const response = await admin.request('/api/files', {
        method: 'POST',
        body: uploadForm(
          { category: 'DOCUMENT', interviewId: interview.id },
          { bytes: sampleFiles.pdf(MB), filename: 'brief.pdf' },
        ),
      })
      expect(response.status, JSON.stringify(response.body)).toBe(201)
    }
  })

  it('count uploads through a candidate’s link against that interview', async () => {
    const recruiter = new TestClient(app)
    const recruiterUser = await recruiter.signIn(uniqueEmail('recruiter'))
    const { interview, link } = await createInterviewWithLink(services, {
      recruiterId: recruiterUser.id,
    })
    const byLink = (size: number) =>
      new TestClient(app).request('/api/files', {
        method: 'POST',
        body: uploadForm({ category: 'SCREENSHOT' }, { bytes: sampleFiles.png(size), filename: 's.png' }),
        headers: { 'x-interview-token': link.token },
      })
    expect((await byLink(mb(0.7))).status).toBe(201)
    const over = await byLink(mb(0.7))
    expect(over.status, JSON.stringify(over.body)).toBe(413)
    expect(over.body.error.code).toBe('STORAGE_QUOTA_EXCEEDED')
    expect(await storedBytes(services, { interviewId: interview.id, uploadedBy: null })).toBe(mb(0.7))
  })
})
