import { afterAll, describe, expect, it } from 'vitest'
import {
  createInterviewWithLink,
  expireApiKey,
  readApiKey,
  readApiUsage,
  setApiKeyDailyLimit,
} from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'
import { generateApiKey, isWellFormedApiKey } from '../lib/api-key-format.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

/** A recruiter with one interview and an API key with the given scopes. */
async function recruiterWithKey(scopes: string[] = ['interviews:read', 'interviews:write']) {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail())
  const created = await client.request('/api/api-keys', {
    method: 'POST',
    json: { name: 'ATS sync', scopes },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const { interview } = await createInterviewWithLink(services, { recruiterId: user.id })
  return { client, user, key: created.body.key as string, apiKey: created.body.apiKey, interview }
}

/** An integrator's server: no browser Origin, no cookies. */
const asIntegrator = (path: string, init: RequestInit = {}) =>
  new TestClient(app, { origin: null }).request(path, init)
const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } })

describe('API key format', () => {
  it('has a recognisable prefix and a checksum that catches typos without a database call', () => {
    const key = generateApiKey()
    expect(key).toMatch(/^vh_[0-9A-Za-z]{38}$/)
    expect(isWellFormedApiKey(key)).toBe(true)
    const typo = `${key.slice(0, 10)}${key[10] === 'a' ? 'b' : 'a'}${key.slice(11)}`
    expect(isWellFormedApiKey(typo)).toBe(false)
  })
})

describe('managing API keys', () => {
  it('shows a new key once; lists keep only its prefix', async () => {
    const { client, key, apiKey } = await recruiterWithKey()
    expect(apiKey).toMatchObject({
      name: 'ATS sync',
      status: 'ACTIVE',
      scopes: ['interviews:read', 'interviews:write'],
      requestsToday: 0,
    })
    expect(key.startsWith(apiKey.keyPrefix)).toBe(true)
    const list = await client.request('/api/api-keys')
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(key)
    const stored = await readApiKey(services, apiKey.id)
    expect(stored.keyHash).not.toContain(key.slice(3))
  })

  it('validates what it creates', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    const response = await client.request('/api/api-keys', {
      method: 'POST',
      json: { name: '', scopes: ['everything'], expiresAt: '2001-01-01T00:00:00Z' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'expiresAt',
      'name',
      'scopes.0',
    ])
  })

  it('is for recruiters and admins, by session only', async () => {
    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    expect((await candidate.request('/api/api-keys')).status).toBe(403)
    const { key } = await recruiterWithKey()
    const byKey = await asIntegrator('/api/api-keys', bearer(key))
    expect(byKey.status).toBe(403)
    expect(byKey.body.error.message).toBe('API keys cannot use this route; sign in instead.')
  })

  it('lets no one revoke another recruiter’s key', async () => {
    const { apiKey } = await recruiterWithKey()
    const other = new TestClient(app)
    await other.signIn(uniqueEmail())
    expect((await other.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('calling the API with a key', () => {
  it('works for a route within its scopes and logs the request without delaying it', async () => {
    const { key, apiKey, interview } = await recruiterWithKey(['interviews:read'])
    const response = await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('999')

    let logged: Awaited<ReturnType<typeof readApiUsage>> = []
    for (let attempt = 0; attempt < 50 && logged.length === 0; attempt++) {
      logged = await readApiUsage(services, apiKey.id)
      if (logged.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(logged[0], JSON.stringify(logged)).toMatchObject({
      method: 'GET',
      endpoint: `/api/interviews/${interview.id}/sessions`,
      statusCode: 200,
    })
  })

  it.each([
    ['wrong', () => generateApiKey(), 401, 'This API key is not valid.'],
    [
      'mistyped',
      (key: string) => `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`,
      401,
      'This API key is not valid.',
    ],
    [
      'not a VantaHire key',
      () => 'sk_live_123',
      401,
      'Use `Authorization: Bearer vh_…` with a VantaHire API key.',
    ],
  ])('refuses a %s key', async (_label, makeKey, status, message) => {
    const { key, interview } = await recruiterWithKey()
    const other = makeKey(key)
    const response = await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(other))
    expect(response.status).toBe(status)
    expect(response.body.error.message).toBe(message)
  })

  it('refuses a revoked key at once', async () => {
    const { client, key, apiKey, interview } = await recruiterWithKey()
    expect((await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))).status).toBe(200)
    const revoked = await client.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })
    expect(revoked.body.apiKey.status).toBe('REVOKED')
    const response = await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('This API key has been revoked.')
  })

  it('refuses an expired key', async () => {
    const { key, apiKey, interview } = await recruiterWithKey()
    await expireApiKey(services, apiKey.id)
    const response = await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('This API key has expired.')
  })

  it('refuses a route outside its scopes', async () => {
    const { key, interview } = await recruiterWithKey(['interviews:read'])
    const response = await asIntegrator(`/api/interviews/${interview.id}/sessions`, {
      method: 'POST',
      ...bearer(key),
    })
    expect(response.status).toBe(403)
    expect(response.body.error.message).toBe('This API key lacks the interviews:write scope.')
  })

  it('cannot reach another recruiter’s interview', async () => {
    const { key } = await recruiterWithKey()
    const { interview: theirs } = await recruiterWithKey()
    expect((await asIntegrator(`/api/interviews/${theirs.id}/sessions`, bearer(key))).status).toBe(404)
  })

  it('lets exactly 10 of 50 concurrent requests through when 10 are left today', async () => {
    const { key, apiKey, interview } = await recruiterWithKey(['interviews:read'])
    await setApiKeyDailyLimit(services, apiKey.id, 10)
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.filter((status) => status === 429)).toHaveLength(40)
    const refused = responses.find((response) => response.status === 429)!
    expect(refused.body.error.code).toBe('RATE_LIMITED')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
  })

  it('logs every request that reaches the key check, refused ones included', async () => {
    const { client, key, apiKey, interview } = await recruiterWithKey(['interviews:read'])
    await setApiKeyDailyLimit(services, apiKey.id, 2)
    const path = `/api/interviews/${interview.id}/sessions`
    const statuses = []
    for (let index = 0; index < 4; index++) statuses.push((await asIntegrator(path, bearer(key))).status)
    // Outside its scope, then revoked: refused by the guard and by the key check itself.
    await setApiKeyDailyLimit(services, apiKey.id, 100)
    statuses.push((await asIntegrator(path, { method: 'POST', ...bearer(key) })).status)
    await client.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })
    statuses.push((await asIntegrator(path, bearer(key))).status)
    expect(statuses).toEqual([200, 200, 429, 429, 403, 401])

    let logged: Awaited<ReturnType<typeof readApiUsage>> = []
    for (let attempt = 0; attempt < 100 && logged.length < statuses.length; attempt++) {
      logged = await readApiUsage(services, apiKey.id)
      if (logged.length < statuses.length) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(logged.map((entry) => entry.statusCode).sort()).toEqual([...statuses].sort())
  })

  it('never writes the key to the log', async () => {
    const { key, interview } = await recruiterWithKey()
    await asIntegrator(`/api/interviews/${interview.id}/sessions`, bearer(key))
    expect(services.logs.text().includes(key)).toBe(false)
  })
})
