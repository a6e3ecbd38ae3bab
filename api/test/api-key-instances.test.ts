// API keys across instances: each instance caches the keys it has read, yet a revocation or an
// owner's lost access made on one instance applies to the next request on every other, the daily
// limit holds exactly across them, and every request's usage row is stored once an instance stops.
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { closeServices } from '../src/infra/container.js'
import { startServer } from '../src/server.js'
import { updateUserAccess } from '../src/services/admin.js'
import { revokeApiKey } from '../src/services/api-keys.js'
import { createApiKey, createInterviewWithLink, createUser } from './support/factories.js'
import { TestClient } from './support/http.js'
import { createTestServices } from './support/services.js'

const first = createTestServices()
const second = createTestServices()
const instances = [first, second].map((services) => createApp(services).app)
afterAll(async () => {
  await first.close()
  await second.close()
})

async function recruiterWithKey(options: { rateLimitPerDay?: number } = {}) {
  const recruiter = await createUser(first)
  const { apiKey, key } = await createApiKey(first, {
    userId: recruiter.id,
    scopes: ['interviews:read'],
    rateLimitPerDay: options.rateLimitPerDay,
  })
  const { interview } = await createInterviewWithLink(first, { recruiterId: recruiter.id })
  return { recruiter, apiKey, key, path: `/api/interviews/${interview.id}/sessions` }
}

const callWithKey = (instance: number, path: string, key: string) =>
  new TestClient(instances[instance]!, { origin: null }).request(path, {
    headers: { authorization: `Bearer ${key}` },
  })

const signedIn = (userId: string, role: 'RECRUITER' | 'ADMIN') =>
  ({ kind: 'user', userId, role, signInSessionId: 'test' }) as const

describe('API keys cached on two instances', () => {
  it('refuses a key revoked on the other instance on its very next request', async () => {
    const { recruiter, apiKey, key, path } = await recruiterWithKey()
    // Both instances have read (and cached) the key.
    expect((await callWithKey(0, path, key)).status).toBe(200)
    expect((await callWithKey(1, path, key)).status).toBe(200)
    expect(first.apiKeyCache.size).toBeGreaterThan(0)

    await revokeApiKey(second, signedIn(recruiter.id, 'RECRUITER'), { apiKeyId: apiKey.id })
    const startedAt = Date.now()
    const response = await callWithKey(0, path, key)
    expect(Date.now() - startedAt).toBeLessThan(1000)
    expect(response.status).toBe(401)
    expect(response.body.error.message).toBe('This API key has been revoked.')
  })

  it('refuses a key whose owner was disabled on the other instance, and serves it again once they are back', async () => {
    const { recruiter, key, path } = await recruiterWithKey()
    const admin = await createUser(first, { role: 'ADMIN' })
    expect((await callWithKey(0, path, key)).status).toBe(200)

    await updateUserAccess(second, signedIn(admin.id, 'ADMIN'), { userId: recruiter.id, isDisabled: true })
    const refused = await callWithKey(0, path, key)
    expect(refused.status).toBe(401)
    expect(refused.body.error.message).toBe('The account this API key belongs to has been disabled.')

    await updateUserAccess(second, signedIn(admin.id, 'ADMIN'), { userId: recruiter.id, isDisabled: false })
    expect((await callWithKey(0, path, key)).status).toBe(200)
  })

  it('lets exactly 10 of 60 concurrent requests through, spread over both instances', async () => {
    const { key, path } = await recruiterWithKey({ rateLimitPerDay: 10 })
    // Warm both caches first, so the race is on the counter and not on the first read.
    const warm = await Promise.all([callWithKey(0, path, key), callWithKey(1, path, key)])
    expect(warm.map((response) => response.status)).toEqual([200, 200])
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => callWithKey(index % 2, path, key)),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(8)
    expect(statuses.filter((status) => status === 429)).toHaveLength(52)
  })
})

describe('the usage log', () => {
  it('stores exactly one row per request once the instance has shut down', async () => {
    const services = createTestServices()
    const server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
    const { apiKey, key, path } = await recruiterWithKey({ rateLimitPerDay: 100_000 })
    const requests = 300
    let sent = 0
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (sent < requests) {
          sent++
          const response = await fetch(`${server.url}${path}`, {
            headers: { authorization: `Bearer ${key}` },
          })
          await response.arrayBuffer()
          expect(response.status).toBe(200)
        }
      }),
    )
    await server.close()
    await closeServices(services)

    expect(await first.prisma.apiUsageLog.count({ where: { apiKeyId: apiKey.id } })).toBe(requests)
    const stored = await first.prisma.apiKey.findUniqueOrThrow({
      where: { id: apiKey.id },
      select: { requestsToday: true, lastRequestAt: true },
    })
    expect(stored.requestsToday).toBe(requests)
    expect(stored.lastRequestAt).toBeInstanceOf(Date)
  })
})
