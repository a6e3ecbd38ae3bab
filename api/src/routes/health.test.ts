import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestConfig, createTestServices } from '../../test/support/services.js'
import { TcpProxy } from '../../test/support/tcp-proxy.js'
import { createApp } from '../app.js'

type Probe = { status: number; body: any }

async function probe(app: ReturnType<typeof createApp>['app'], path = '/ready'): Promise<Probe> {
  const response = await app.request(path)
  return { status: response.status, body: await response.json() }
}

/** Polls until `predicate` holds, giving a reconnecting client time; returns the last probe. */
async function waitForProbe(app: ReturnType<typeof createApp>['app'], predicate: (probe: Probe) => boolean) {
  let last: Probe | undefined
  for (let attempt = 0; attempt < 60; attempt++) {
    last = await probe(app)
    if (predicate(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return last as Probe
}

describe('GET /health', () => {
  const services = createTestServices()
  afterAll(() => services.close())

  it('answers 200 while the process is alive', async () => {
    expect(await probe(createApp(services).app, '/health')).toEqual({ status: 200, body: { status: 'ok' } })
  })
})

describe('GET /ready', () => {
  const base = createTestConfig()
  const redisUrl = new URL(base.REDIS_URL)
  const databaseUrl = new URL(inject('databaseUrl'))
  const redisProxy = new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379))
  const postgresProxy = new TcpProxy(databaseUrl.hostname, Number(databaseUrl.port || 5432))
  let services: ReturnType<typeof createTestServices>
  let app: ReturnType<typeof createApp>['app']

  beforeAll(async () => {
    const redisPort = await redisProxy.start()
    const postgresPort = await postgresProxy.start()
    redisUrl.port = String(redisPort)
    databaseUrl.port = String(postgresPort)
    // Postgres and Redis are reached through proxies this test can cut, as an outage would.
    services = createTestServices({
      REDIS_URL: redisUrl.toString(),
      DATABASE_URL: databaseUrl.toString(),
      AUTH_DEV_LOGIN: 'true',
    })
    app = createApp(services).app
  })
  afterAll(async () => {
    await services.close()
    await redisProxy.stop()
    await postgresProxy.stop()
  })

  it('answers 200 when Postgres and Redis are reachable', async () => {
    const ready = await waitForProbe(app, (p) => p.status === 200)
    expect(ready).toEqual({ status: 200, body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } } })
  })

  it('answers 503 naming Redis while it is down, and 200 again once it is back, without a restart', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    await redisProxy.stop()
    const down = await waitForProbe(app, (p) => p.status === 503)
    expect(down.status, JSON.stringify(down.body)).toBe(503)
    // The API's one error envelope, which the SPA's readiness panel reads.
    expect(down.body.error).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Redis is not reachable',
      requestId: expect.any(String),
      details: { checks: { postgres: 'ok', redis: 'unreachable' }, isShuttingDown: false },
    })

    // Requests that need Redis meanwhile get a retryable 503, not a 500.
    const duringOutage = await client.request('/api/auth/me')
    expect(duringOutage.status, JSON.stringify(duringOutage.body)).toBe(503)
    expect(duringOutage.headers.get('retry-after')).toBe('5')

    await redisProxy.start()
    const back = await waitForProbe(app, (p) => p.status === 200)
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect((await client.request('/api/auth/me')).status).toBe(200)
  })

  it('answers 503 naming Postgres while it is down, and recovers when it returns', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    await postgresProxy.stop()
    const down = await waitForProbe(app, (p) => p.status === 503)
    const duringOutage = await client.request('/api/users/me')
    expect(duringOutage.status, JSON.stringify(duringOutage.body)).toBe(503)
    expect(duringOutage.body.error.code).toBe('SERVICE_UNAVAILABLE')
    expect(down.status, JSON.stringify(down.body)).toBe(503)
    expect(down.body.error.message).toBe('Postgres is not reachable')
    expect(down.body.error.details.checks).toEqual({ postgres: 'unreachable', redis: 'ok' })

    await postgresProxy.start()
    const back = await waitForProbe(app, (p) => p.status === 200)
    expect(back.status, JSON.stringify(back.body)).toBe(200)
  })

  it('names both when both are down', async () => {
    await Promise.all([postgresProxy.stop(), redisProxy.stop()])
    const down = await waitForProbe(app, (p) => p.status === 503 && p.body.error.message.includes(' and '))
    expect(down.body.error.message).toBe('Postgres and Redis are not reachable')
    await Promise.all([postgresProxy.start(), redisProxy.start()])
    expect((await waitForProbe(app, (p) => p.status === 200)).status).toBe(200)
  })

  it('answers 503 once the instance is shutting down, so load balancers drain it', async () => {
    services.lifecycle.isShuttingDown = true
    try {
      const draining = await probe(app)
      expect(draining.status).toBe(503)
      expect(draining.body.error.message).toBe('This instance is shutting down')
    } finally {
      services.lifecycle.isShuttingDown = false
    }
  })
})
