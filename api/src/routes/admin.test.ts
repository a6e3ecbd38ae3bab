import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createApplication,
  createInterview,
  createJob,
  createRecruiterProfile,
  createUser,
} from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createIsolatedTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

// Its own database: the sign-up code and the platform figures are platform-wide.
let services: Awaited<ReturnType<typeof createIsolatedTestServices>>
let app: ReturnType<typeof createApp>['app']
beforeAll(async () => {
  services = await createIsolatedTestServices('admin', { AUTH_DEV_LOGIN: 'true' })
  app = createApp(services).app
})
afterAll(() => services.close())

async function signedIn(
  role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN' = 'RECRUITER',
  email = uniqueEmail(role.toLowerCase()),
) {
  const client = new TestClient(app)
  const user = await client.signIn(email, role)
  return { client, user }
}

describe('admin: users', () => {
  it('searches people and changes a role, which ends that person’s sessions', async () => {
    const admin = await signedIn('ADMIN')
    const person = await signedIn('CANDIDATE', uniqueEmail('grace-hopper'))
    const found = await admin.client.request('/api/admin/users?q=grace-hopper')
    expect(found.body.items.map((user: any) => user.id)).toEqual([person.user.id])

    const promoted = await admin.client.request(`/api/admin/users/${person.user.id}`, {
      method: 'PATCH',
      json: { role: 'RECRUITER' },
    })
    expect(promoted.body.user.role).toBe('RECRUITER')
    expect((await person.client.request('/api/auth/me')).body).toEqual({ user: null })
    const again = await signedIn('CANDIDATE', person.user.email)
    expect((await again.client.request('/api/users/me/recruiter-profile')).status).toBe(200)
  })

  it('disables a user: their sessions end, they cannot sign in, and their API keys stop', async () => {
    const admin = await signedIn('ADMIN')
    const recruiter = await signedIn()
    const key = (
      await recruiter.client.request('/api/api-keys', {
        method: 'POST',
        json: { name: 'k', scopes: ['interviews:read'] },
      })
    ).body.key
    const integrator = new TestClient(app, { origin: null })
    expect(
      (await integrator.request('/api/interviews', { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(200)

    const disabled = await admin.client.request(`/api/admin/users/${recruiter.user.id}`, {
      method: 'PATCH',
      json: { isDisabled: true },
    })
    expect(disabled.body.user.disabledAt).not.toBeNull()
    expect((await recruiter.client.request('/api/auth/me')).body).toEqual({ user: null })
    const signIn = await new TestClient(app).request('/api/auth/dev-login', {
      method: 'POST',
      json: { email: recruiter.user.email },
    })
    expect(signIn.status).toBe(403)
    expect(signIn.body.error.details.reason).toBe('account_disabled')
    const byKey = await integrator.request('/api/interviews', { headers: { authorization: `Bearer ${key}` } })
    expect(byKey.status).toBe(401)
    expect(byKey.body.error.message).toBe('The account this API key belongs to has been disabled.')

    await admin.client.request(`/api/admin/users/${recruiter.user.id}`, {
      method: 'PATCH',
      json: { isDisabled: false },
    })
    expect(
      (
        await new TestClient(app).request('/api/auth/dev-login', {
          method: 'POST',
          json: { email: recruiter.user.email },
        })
      ).status,
    ).toBe(200)
  })

  it('does not let admins lock themselves out', async () => {
    const admin = await signedIn('ADMIN')
    const response = await admin.client.request(`/api/admin/users/${admin.user.id}`, {
      method: 'PATCH',
      json: { isDisabled: true },
    })
    expect(response.status).toBe(409)
  })
})

describe('admin: settings and figures', () => {
  it('sets the recruiter sign-up code, which sign-up then requires', async () => {
    const admin = await signedIn('ADMIN')
    expect((await admin.client.request('/api/admin/settings')).body).toEqual({ secretSignupCode: null })
    expect(
      (
        await admin.client.request('/api/admin/settings', {
          method: 'PUT',
          json: { secretSignupCode: 'abc' },
        })
      ).status,
    ).toBe(400)
    const saved = await admin.client.request('/api/admin/settings', {
      method: 'PUT',
      json: { secretSignupCode: 'northwind-2026' },
    })
    expect(saved.body).toEqual({ secretSignupCode: 'northwind-2026' })
    expect((await new TestClient(app).request('/api/auth/providers')).body.isSignupCodeRequired).toBe(true)

    const without = await new TestClient(app).request('/api/auth/dev-login', {
      method: 'POST',
      json: { email: uniqueEmail(), role: 'RECRUITER' },
    })
    expect(without.status).toBe(403)
    const withCode = await new TestClient(app).request('/api/auth/dev-login', {
      method: 'POST',
      json: { email: uniqueEmail(), role: 'RECRUITER', signupCode: 'northwind-2026' },
    })
    expect(withCode.status).toBe(200)
    await admin.client.request('/api/admin/settings', { method: 'PUT', json: { secretSignupCode: null } })
  })

  it('counts users, interviews, jobs and applications', async () => {
    const admin = await signedIn('ADMIN')
    const before = (await admin.client.request('/api/admin/stats')).body
    const recruiter = await signedIn()
    await createInterview(services, { recruiterId: recruiter.user.id, status: 'COMPLETED' })
    await createJob(services, { recruiterId: recruiter.user.id, standing: 'waiting' })
    const after = (await admin.client.request('/api/admin/stats')).body
    expect(after.users.RECRUITER).toBe(before.users.RECRUITER + 1)
    expect(after.interviews.COMPLETED).toBe(before.interviews.COMPLETED + 1)
    expect(after.jobs.awaitingApproval).toBe(before.jobs.awaitingApproval + 1)
    expect(after.jobs.ACTIVE).toBe(before.jobs.ACTIVE + 1)
    expect(after.lastSevenDays.newUsers).toBe(before.lastSevenDays.newUsers + 1)
    expect(after.lastSevenDays.jobsCreated).toBe(before.lastSevenDays.jobsCreated + 1)
    expect(Object.keys(after.applications)).toEqual([
      'PENDING',
      'REVIEWED',
      'SHORTLISTED',
      'REJECTED',
      'HIRED',
    ])
  })

  it('is for admins only', async () => {
    const recruiter = await signedIn()
    for (const path of [
      '/api/admin/users',
      '/api/admin/settings',
      '/api/admin/stats',
      '/api/admin/jobs/pending',
    ]) {
      expect((await recruiter.client.request(path)).status, path).toBe(403)
      expect((await new TestClient(app).request(path)).status, path).toBe(401)
    }
  })
})

describe('admin: platform totals', () => {
  it('adds up every recruiter’s interviews, jobs and applications, and counts the last seven days apart', async () => {
    const admin = await signedIn('ADMIN')
    const before = (await admin.client.request('/api/admin/stats')).body
    const first = await createUser(services, { role: 'RECRUITER' })
    const second = await createUser(services, { role: 'RECRUITER' })
    const candidate = await createUser(services, { role: 'CANDIDATE' })
    await createInterview(services, { recruiterId: first.id, status: 'IN_PROGRESS' })
    await createInterview(services, { recruiterId: second.id, status: 'IN_PROGRESS' })
    const done = await createInterview(services, { recruiterId: second.id, status: 'COMPLETED' })
    const oldDone = await createInterview(services, { recruiterId: first.id, status: 'COMPLETED' })
    const DAY = 24 * 60 * 60 * 1000
    await services.prisma.interview.update({
      where: { id: done.id },
      data: { completedAt: new Date(Date.now() - DAY) },
    })
    await services.prisma.interview.update({
      where: { id: oldDone.id },
      data: { completedAt: new Date(Date.now() - 10 * DAY) },
    })
    const job = await createJob(services, { recruiterId: second.id, standing: 'live' })
    const application = await createApplication(services, { jobId: job.id, candidateId: candidate.id })
    await services.prisma.jobApplication.update({
      where: { id: application.id },
      data: { status: 'SHORTLISTED' },
    })

    const response = await admin.client.request('/api/admin/stats')
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const after = response.body
    expect(after.users.RECRUITER - before.users.RECRUITER).toBe(2)
    expect(after.users.CANDIDATE - before.users.CANDIDATE).toBe(1)
    expect(after.interviews.IN_PROGRESS - before.interviews.IN_PROGRESS).toBe(2)
    expect(after.interviews.COMPLETED - before.interviews.COMPLETED).toBe(2)
    expect(after.applications.SHORTLISTED - before.applications.SHORTLISTED).toBe(1)
    expect(after.lastSevenDays.interviewsCompleted - before.lastSevenDays.interviewsCompleted).toBe(1)
    expect(after.lastSevenDays.applications - before.lastSevenDays.applications).toBe(1)
    // Totals only: no list of anyone's interviews travels with them.
    expect(Object.keys(after).sort()).toEqual([
      'applications',
      'interviews',
      'jobs',
      'lastSevenDays',
      'users',
    ])
  })
})

describe('admin: the approval queue', () => {
  it('shows each job with who submitted it: their name, email and company', async () => {
    const admin = await signedIn('ADMIN')
    const recruiter = await signedIn('RECRUITER', uniqueEmail('ada-lovelace'))
    await services.prisma.user.update({
      where: { id: recruiter.user.id },
      data: { fullName: 'Ada Lovelace' },
    })
    const profile = await createRecruiterProfile(services, {
      userId: recruiter.user.id,
      companyName: 'Analytical Engines',
    })
    const created = await recruiter.client.request('/api/jobs', {
      method: 'POST',
      json: {
        title: 'Difference Engine Operator',
        description: 'Turn the crank, carefully.',
        requirements: 'Patience.',
        location: 'London',
        jobType: 'FULL_TIME',
        salaryRange: '£40k–£50k',
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const submitted = await recruiter.client.request(`/api/jobs/${created.body.job.id}/submit`, {
      method: 'POST',
    })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)

    const queue = await admin.client.request('/api/admin/jobs/pending?limit=100')
    expect(queue.status, JSON.stringify(queue.body)).toBe(200)
    const queued = queue.body.items.find((job: any) => job.id === created.body.job.id)
    expect(queued).toMatchObject({
      title: 'Difference Engine Operator',
      location: 'London',
      jobType: 'FULL_TIME',
      salaryRange: '£40k–£50k',
      requirements: 'Patience.',
      submittedBy: {
        id: recruiter.user.id,
        fullName: 'Ada Lovelace',
        email: recruiter.user.email,
        companyName: profile.companyName,
      },
    })
  })

  it('says so when the submitter has not named themselves or their company', async () => {
    const admin = await signedIn('ADMIN')
    const recruiter = await createUser(services, { role: 'RECRUITER' })
    const job = await createJob(services, { recruiterId: recruiter.id, standing: 'waiting' })
    const queue = await admin.client.request('/api/admin/jobs/pending?limit=100')
    const queued = queue.body.items.find((item: any) => item.id === job.id)
    expect(queued.submittedBy).toEqual({
      id: recruiter.id,
      fullName: null,
      email: recruiter.email,
      companyName: null,
    })
  })
})
