import { afterAll, describe, expect, it } from 'vitest'
import {
  createInterview,
  createInterviewWithLink,
  createLink,
  createRecruiterProfile,
  readInterview,
  readLink,
  setInterviewState,
} from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'
import { LINK_FAILURES_PER_WINDOW } from '../middleware/interview-link.js'

// Behind a proxy, as on Railway: each test client gets its own address through X-Forwarded-For.
const services = createTestServices({ AUTH_DEV_LOGIN: 'true', TRUST_PROXY: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

/** A candidate's browser: the token in X-Interview-Token, from its own client address. */
function openLink(token: string, clientIp = uniqueIp()) {
  return new TestClient(app).request('/api/candidate/interview', {
    headers: { 'x-interview-token': token, 'x-forwarded-for': clientIp },
  })
}

let ipCounter = 0
function uniqueIp() {
  ipCounter++
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}

async function signedInRecruiter() {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail())
  return { client, user }
}

describe('candidate link tokens', () => {
  it('open the interview and count each use', async () => {
    const { user } = await signedInRecruiter()
    await createRecruiterProfile(services, { userId: user.id, companyName: 'Northwind Labs' })
    const { interview, link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const response = await openLink(link.token)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.interview).toMatchObject({
      id: interview.id,
      jobRole: 'Backend Engineer',
      status: 'PENDING',
      company: { name: 'Northwind Labs' },
    })
    await openLink(link.token)

    let tracked = { accessCount: 0, lastAccessedAt: null as Date | null }
    for (let attempt = 0; attempt < 50 && tracked.accessCount < 2; attempt++) {
      tracked = await readLink(services, link.id)
      if (tracked.accessCount < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(tracked.accessCount).toBe(2)
    expect(tracked.lastAccessedAt).toBeInstanceOf(Date)
  })

  it('refuse an unknown token with 401', async () => {
    const response = await openLink('x'.repeat(32))
    expect(response.status).toBe(401)
    expect(response.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid interview token' })
  })

  it('refuse a revoked link with 401', async () => {
    const { client, user } = await signedInRecruiter()
    const { interview, link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const revoke = await client.request(`/api/interviews/${interview.id}/sessions/${link.id}`, {
      method: 'DELETE',
    })
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200)
    expect(revoke.body.link.status).toBe('REVOKED')
    const response = await openLink(link.token)
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('Interview access has been revoked')
    const stored = await readInterview(services, interview.id)
    expect(stored.interviewUrl).toBeNull()
  })

  it('refuse an expired link with 401', async () => {
    const { user } = await signedInRecruiter()
    const { link } = await createInterviewWithLink(services, { recruiterId: user.id, linkState: 'expired' })
    const response = await openLink(link.token)
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('Interview link has expired')
  })

  it('answer 410 once the interview itself has expired', async () => {
    const { user } = await signedInRecruiter()
    const { interview, link } = await createInterviewWithLink(services, { recruiterId: user.id })
    await setInterviewState(services, interview.id, { status: 'EXPIRED' })
    const response = await openLink(link.token)
    expect(response.status).toBe(410)
    expect(response.body.error).toMatchObject({ code: 'GONE', message: 'Interview has expired' })
  })

  it('answer 410 once the interview’s expiry time has passed, before its status says so', async () => {
    const { user } = await signedInRecruiter()
    const interview = await createInterview(services, {
      recruiterId: user.id,
      expiresAt: new Date(Date.now() + 60_000),
    })
    const link = await createLink(services, { interviewId: interview.id })
    expect((await openLink(link.token)).status).toBe(200)
    for (const status of ['PENDING', 'IN_PROGRESS'] as const) {
      await setInterviewState(services, interview.id, { status, expiresAt: new Date(Date.now() - 1000) })
      const response = await openLink(link.token)
      expect(response.status, `${status}: ${JSON.stringify(response.body)}`).toBe(410)
      expect(response.body.error).toMatchObject({ code: 'GONE', message: 'Interview has expired' })
    }
  })

  it('are read from the header, not from the address bar, on this route', async () => {
    const { user } = await signedInRecruiter()
    const { link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const response = await new TestClient(app).request(`/api/candidate/interview?token=${link.token}`)
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('This request needs the interview link’s token.')
  })

  it('stop a client that keeps guessing, but not other clients', async () => {
    const { user } = await signedInRecruiter()
    const { link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const guesser = uniqueIp()
    for (let attempt = 0; attempt < LINK_FAILURES_PER_WINDOW; attempt++) {
      expect((await openLink(`guess-${attempt}-${'x'.repeat(26)}`, guesser)).status).toBe(401)
    }
    const blocked = await openLink(link.token, guesser)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await openLink(link.token, uniqueIp())).status).toBe(200)
  })
})

describe('a malformed link token', () => {
  it('fails only its own request, even when Prisma batches it with 150 valid ones', async () => {
    const { user } = await signedInRecruiter()
    // Made ten at a time: 150 transactions at once would queue past Prisma's wait on a busy machine.
    const links: Awaited<ReturnType<typeof createInterviewWithLink>>[] = []
    while (links.length < 150) {
      const batch = Array.from({ length: 10 }, () =>
        createInterviewWithLink(services, { recruiterId: user.id }),
      )
      links.push(...(await Promise.all(batch)))
    }
    const validClient = uniqueIp()
    const malformedClient = uniqueIp()
    const someFile = '00000000-0000-4000-8000-000000000000'
    const malformed = [
      { path: '/api/candidate/interview', token: links[0]!.link.token.slice(1), expected: 401 },
      { path: '/api/candidate/interview', token: `${links[1]!.link.token}x`, expected: 401 },
      { path: '/api/candidate/interview', token: `${links[2]!.link.token.slice(1)}ÿ`, expected: 401 },
      { path: '/api/candidate/interview', token: `${links[3]!.link.token.slice(1)} `, expected: 401 },
      { path: `/api/files/${someFile}?token=%C3%BF${'a'.repeat(31)}`, expected: 401 },
      // Postgres refuses a NUL in text: the one rule for such input answers before any query.
      { path: `/api/files/${someFile}?token=%00`, expected: 400 },
      { path: `/api/files/${someFile}?token=${'a'.repeat(31)}%00`, expected: 400 },
    ]
    // Every request starts in the same tick, so their lookups share Prisma's batches.
    const requests = links.flatMap(({ link }, index) => {
      const valid = openLink(link.token, validClient).then((response) => ({ kind: 'valid', response }))
      const bad = malformed[index % 20 === 0 ? index / 20 : -1]
      if (!bad) return [valid]
      const response = new TestClient(app).request(bad.path, {
        headers: {
          'x-forwarded-for': malformedClient,
          ...(bad.token ? { 'x-interview-token': bad.token } : {}),
        },
      })
      return [valid, response.then((answer) => ({ kind: `${bad.path} ${bad.token}`, response: answer }))]
    })
    const answers = await Promise.all(requests)

    const validStatuses = answers.filter((answer) => answer.kind === 'valid').map((a) => a.response.status)
    expect(validStatuses).toEqual(links.map(() => 200))
    const malformedStatuses = answers.filter((answer) => answer.kind !== 'valid')
    expect(
      Object.fromEntries(malformedStatuses.map((a) => [a.kind, a.response.status])),
      JSON.stringify(malformedStatuses.map((a) => a.response.body)),
    ).toEqual(Object.fromEntries(malformed.map((bad) => [`${bad.path} ${bad.token}`, bad.expected])))
  })

  it('counts against the client’s budget like an unknown one', async () => {
    const { user } = await signedInRecruiter()
    const { link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const guesser = uniqueIp()
    for (let attempt = 0; attempt < LINK_FAILURES_PER_WINDOW; attempt++) {
      const response = await openLink(`short-${attempt}`, guesser)
      expect(response.status).toBe(401)
      expect(response.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid interview token' })
    }
    expect((await openLink(link.token, guesser)).status).toBe(429)
  })
})

describe('managing an interview’s links', () => {
  it('lists, creates and revokes all links of the recruiter’s own interview', async () => {
    const { client, user } = await signedInRecruiter()
    const { interview, link } = await createInterviewWithLink(services, { recruiterId: user.id })
    const created = await client.request(`/api/interviews/${interview.id}/sessions`, {
      method: 'POST',
      json: {},
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.link).toMatchObject({ status: 'ACTIVE', accessCount: 0 })
    expect(created.body.link.url).toMatch(/^http:\/\/localhost:5173\/interview\/[\w-]{32}$/)

    const list = await client.request(`/api/interviews/${interview.id}/sessions`)
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.link.id, link.id])

    const revokeAll = await client.request(`/api/interviews/${interview.id}/sessions`, { method: 'DELETE' })
    expect(revokeAll.body).toEqual({ revoked: 2 })
    expect((await openLink(link.token)).status).toBe(401)
    const newToken = created.body.link.url.split('/').at(-1)
    expect((await openLink(newToken)).status).toBe(401)
  })

  it('is refused to other recruiters (404), candidates (403) and anonymous callers (401); allowed to admins', async () => {
    const { user } = await signedInRecruiter()
    const interview = await createInterview(services, { recruiterId: user.id })
    const path = `/api/interviews/${interview.id}/sessions`

    const other = new TestClient(app)
    await other.signIn(uniqueEmail())
    expect((await other.request(path)).status).toBe(404)
    expect((await other.request(path, { method: 'DELETE' })).status).toBe(404)

    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    expect((await candidate.request(path)).status).toBe(403)

    expect((await new TestClient(app).request(path)).status).toBe(401)

    const admin = new TestClient(app)
    await admin.signIn(uniqueEmail('admin'), 'ADMIN')
    expect((await admin.request(path)).status).toBe(200)
  })

  it('never let a link outlive its interview, and keep links within a changed expiry', async () => {
    const { client, user } = await signedInRecruiter()
    const interviewExpiry = new Date(Date.now() + 2 * 24 * 3600_000)
    const interview = await createInterview(services, {
      recruiterId: user.id,
      expiresAt: interviewExpiry,
    })
    const path = `/api/interviews/${interview.id}/sessions`
    const later = await client.request(path, {
      method: 'POST',
      json: { expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() },
    })
    expect(later.status, JSON.stringify(later.body)).toBe(201)
    expect(later.body.link.expiresAt).toBe(interviewExpiry.toISOString())
    const byDefault = await client.request(path, { method: 'POST', json: {} })
    expect(byDefault.body.link.expiresAt).toBe(interviewExpiry.toISOString())

    const earlier = new Date(Date.now() + 3600_000)
    const shortened = await client.request(`/api/interviews/${interview.id}`, {
      method: 'PATCH',
      json: { expiresAt: earlier.toISOString() },
    })
    expect(shortened.status, JSON.stringify(shortened.body)).toBe(200)
    const afterShortening = await client.request(path)
    expect(afterShortening.body.items.map((link: { expiresAt: string }) => link.expiresAt)).toEqual([
      earlier.toISOString(),
      earlier.toISOString(),
    ])

    const extended = new Date(Date.now() + 5 * 24 * 3600_000)
    await client.request(`/api/interviews/${interview.id}`, {
      method: 'PATCH',
      json: { expiresAt: extended.toISOString() },
    })
    const afterExtending = await client.request(path)
    expect(afterExtending.body.items.map((link: { expiresAt: string }) => link.expiresAt)).toEqual([
      extended.toISOString(),
      extended.toISOString(),
    ])
  })

  it('validates ids and expiry dates', async () => {
    const { client, user } = await signedInRecruiter()
    expect((await client.request('/api/interviews/not-a-uuid/sessions')).status).toBe(400)
    const interview = await createInterview(services, { recruiterId: user.id })
    const past = await client.request(`/api/interviews/${interview.id}/sessions`, {
      method: 'POST',
      json: { expiresAt: '2020-01-01T00:00:00Z' },
    })
    expect(past.status).toBe(400)
    expect(past.body.error.details.issues[0]).toMatchObject({
      path: 'expiresAt',
      message: 'must be in the future',
    })
  })
})
