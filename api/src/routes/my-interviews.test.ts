import { afterAll, describe, expect, it } from 'vitest'
import { setInterviewState } from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

async function sendInterview(recruiter: TestClient, candidateEmail: string, jobRole: string) {
  const response = await recruiter.request('/api/interviews', {
    method: 'POST',
    json: { jobRole, candidateEmail, questions: ['Why this role?'] },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.interview.id as string
}

describe('GET /api/users/me/interviews', () => {
  it('lists the interviews sent to the candidate that they can still take, and nothing of anyone else’s', async () => {
    const candidateEmail = uniqueEmail('open-interviews')
    const candidate = new TestClient(app)
    await candidate.signIn(candidateEmail, 'CANDIDATE')
    const recruiter = new TestClient(app)
    await recruiter.signIn(uniqueEmail('sender'), 'RECRUITER')
    const profile = await recruiter.request('/api/users/me/recruiter-profile', {
      method: 'PUT',
      json: { companyName: 'Northwind Traders' },
    })
    expect(profile.status, JSON.stringify(profile.body)).toBe(200)

    const soon = new Date(Date.now() + 60 * 60 * 1000)
    const pending = await sendInterview(recruiter, candidateEmail.toUpperCase(), 'Data Engineer')
    await setInterviewState(services, pending, { expiresAt: soon })
    const running = await sendInterview(recruiter, candidateEmail, 'Platform Engineer')
    await setInterviewState(services, running, { status: 'IN_PROGRESS', expiresAt: null })
    const done = await sendInterview(recruiter, candidateEmail, 'Finished Role')
    await setInterviewState(services, done, { status: 'COMPLETED' })
    const lapsed = await sendInterview(recruiter, candidateEmail, 'Lapsed Role')
    await setInterviewState(services, lapsed, { expiresAt: new Date(Date.now() - 1000) })
    await sendInterview(recruiter, uniqueEmail('someone-else'), 'Not Yours')

    const response = await candidate.request('/api/users/me/interviews')
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.items).toEqual([
      {
        id: pending,
        jobRole: 'Data Engineer',
        companyName: 'Northwind Traders',
        type: 'TEXT',
        status: 'PENDING',
        expiresAt: soon.toISOString(),
        invitedAt: expect.any(String),
      },
      {
        id: running,
        jobRole: 'Platform Engineer',
        companyName: 'Northwind Traders',
        type: 'TEXT',
        status: 'IN_PROGRESS',
        expiresAt: null,
        invitedAt: expect.any(String),
      },
    ])
    // No way into the interview without the invitation itself.
    expect(JSON.stringify(response.body)).not.toMatch(/token|interviewUrl|http/i)
  })

  it('is for candidates only', async () => {
    const recruiter = new TestClient(app)
    await recruiter.signIn(uniqueEmail('not-a-candidate'), 'RECRUITER')
    expect((await recruiter.request('/api/users/me/interviews')).status).toBe(403)
    expect((await new TestClient(app).request('/api/users/me/interviews')).status).toBe(401)
  })
})
