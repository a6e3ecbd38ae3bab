import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServices, closeServices, type Services } from '../src/infra/container.js'
import { type RunningServer, startServer } from '../src/server.js'
import { FakeOidcProvider } from './fakes/oidc-provider.js'
import { uniqueEmail, waitUntilReady } from './support/http.js'
import { createTestConfig } from './support/services.js'

/**
 * Two instances of the API on one database and one Redis, as behind a load balancer: the same new
 * person signing in twice at once (two tabs, a double click) reaches both.
 */
let fake: FakeOidcProvider
const instances: { services: Services; server: RunningServer }[] = []

beforeAll(async () => {
  fake = await FakeOidcProvider.start()
  for (let index = 0; index < 2; index++) {
    const services = buildServices(
      createTestConfig({
        AUTH_DEV_LOGIN: 'true',
        FRONTEND_URL: 'http://localhost:5173',
        GOOGLE_CLIENT_ID: fake.clients.google.clientId,
        GOOGLE_CLIENT_SECRET: fake.clients.google.clientSecret,
        GOOGLE_ISSUER: fake.issuer('google'),
      }),
    )
    const server = await startServer(services, { port: 0, host: '127.0.0.1' })
    await waitUntilReady(server.url)
    instances.push({ services, server })
  }
})
afterAll(async () => {
  for (const { services, server } of instances) {
    await server.close()
    await closeServices(services)
  }
  await fake.stop()
})

const ORIGIN = 'http://localhost:5173'

/** A browser of its own: keeps its cookies, never follows redirects. */
function browser(baseUrl: string) {
  const cookies = new Map<string, string>()
  return async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('origin', ORIGIN)
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await fetch(new URL(path, baseUrl), { ...init, headers, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=')
      if (value) cookies.set(name, value)
      else cookies.delete(name)
    }
    return response
  }
}

async function countUsers(email: string) {
  return instances[0]!.services.prisma.user.count({ where: { email } })
}

describe('the first sign-in of a new person, twice at once', () => {
  it('development sign-in: every attempt succeeds as the same new user', async () => {
    const email = uniqueEmail('race-dev')
    const attempts = Array.from({ length: 12 }, (_, index) =>
      browser(instances[index % 2]!.server.url)('/api/auth/dev-login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, role: 'CANDIDATE' }),
      }),
    )
    const responses = await Promise.all(attempts)
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      user: { id: string }
    }[]
    expect(
      responses.map((response) => response.status),
      JSON.stringify(bodies),
    ).toEqual(responses.map(() => 200))
    const ids = new Set(bodies.map((body) => body.user.id))
    expect(ids.size).toBe(1)
    expect(await countUsers(email)).toBe(1)
  })

  it('OpenID callback: both browsers come back signed in as the same new user', async () => {
    const email = uniqueEmail('race-oidc')
    fake.setUser('google', { sub: `sub-${email}`, email, emailVerified: true, name: 'Riley Race' })
    const browsers = Array.from({ length: 6 }, (_, index) => browser(instances[index % 2]!.server.url))
    // Each browser starts its own attempt and passes the provider; the callbacks then arrive together.
    const callbacks = await Promise.all(
      browsers.map(async (open) => {
        const start = await open('/api/auth/google?role=CANDIDATE')
        expect(start.status).toBe(302)
        const atProvider = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' })
        const callback = new URL(atProvider.headers.get('location') ?? '')
        return callback.pathname + callback.search
      }),
    )
    const landings = await Promise.all(browsers.map((open, index) => open(callbacks[index]!)))
    expect(landings.map((landing) => [landing.status, landing.headers.get('location')])).toEqual(
      // A new candidate lands on their own page (/home; everyone landed on /account before).
      landings.map(() => [302, `${ORIGIN}/home`]),
    )
    const users = await Promise.all(
      browsers.map(
        async (open) => ((await (await open('/api/auth/me')).json()) as { user: { id: string } }).user.id,
      ),
    )
    expect(new Set(users).size).toBe(1)
    expect(await countUsers(email)).toBe(1)
  })
})
