import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeOidcProvider, type FakeProviderName } from '../../test/fakes/oidc-provider.js'
import { createRedisKeyPrefix, createTestDatabase } from '../../test/support/database.js'
import {
  createUser,
  readRecruiterProfileByEmail,
  readUserByEmail,
  setSignupCode,
} from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { REDIRECT_BYPASSES } from '../../test/support/redirect-bypasses.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

// Its own database: the sign-up code set here is platform-wide and must not reach other test files.
let fake: FakeOidcProvider
let database: Awaited<ReturnType<typeof createTestDatabase>>
let services: ReturnType<typeof createTestServices>
let app: ReturnType<typeof createApp>['app']

beforeAll(async () => {
  fake = await FakeOidcProvider.start()
  database = await createTestDatabase('oauth')
  services = createTestServices({
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: createRedisKeyPrefix('oauth'),
    GOOGLE_CLIENT_ID: fake.clients.google.clientId,
    GOOGLE_CLIENT_SECRET: fake.clients.google.clientSecret,
    GOOGLE_ISSUER: fake.issuer('google'),
    LINKEDIN_CLIENT_ID: fake.clients.linkedin.clientId,
    LINKEDIN_CLIENT_SECRET: fake.clients.linkedin.clientSecret,
    LINKEDIN_ISSUER: fake.issuer('linkedin'),
  })
  app = createApp(services).app
})
afterAll(async () => {
  await services.close()
  await database.drop()
  await fake.stop()
})

const APP = 'http://localhost:5173'

/** The browser's part of the dance: our start URL → the provider → our callback. */
async function startSignIn(
  client: TestClient,
  provider: FakeProviderName,
  query: Record<string, string> = {},
) {
  const start = await client.request(`/api/auth/${provider}?${new URLSearchParams(query)}`)
  expect(start.status, JSON.stringify(start.body)).toBe(302)
  const location = start.headers.get('location') ?? ''
  if (!location.startsWith(fake.url)) return { refusedAt: location }
  const atProvider = await fetch(location, { redirect: 'manual' })
  expect(atProvider.status).toBe(302)
  const callback = new URL(atProvider.headers.get('location') ?? '')
  expect(callback.origin + callback.pathname).toBe(`${APP}/api/auth/${provider}/callback`)
  return { callback }
}

async function finishSignIn(client: TestClient, callback: URL) {
  const response = await client.request(callback.pathname + callback.search)
  expect(response.status, JSON.stringify(response.body)).toBe(302)
  return new URL(response.headers.get('location') ?? '')
}

async function signInWith(
  client: TestClient,
  provider: FakeProviderName,
  query: Record<string, string> = {},
) {
  const { callback, refusedAt } = await startSignIn(client, provider, query)
  if (!callback) return new URL(refusedAt ?? '')
  return finishSignIn(client, callback)
}

function newIdentity(overrides: Partial<Parameters<FakeOidcProvider['setUser']>[1]> = {}) {
  return {
    sub: `sub-${Math.random().toString(36).slice(2)}`,
    email: uniqueEmail('oauth'),
    emailVerified: true,
    name: 'Pat Example',
    ...overrides,
  }
}

describe.each(['google', 'linkedin'] as const)('%s sign-in', (provider) => {
  it('creates a new account with the chosen role, signs it in and lands on the requested page', async () => {
    const identity = newIdentity()
    fake.setUser(provider, identity)
    const client = new TestClient(app)
    const landing = await signInWith(client, provider, { redirectTo: '/interviews?tab=mine' })
    expect(landing.toString()).toBe(`${APP}/interviews?tab=mine`)
    const me = await client.request('/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ email: identity.email, role: 'CANDIDATE', fullName: 'Pat Example' })
    const stored = await readUserByEmail(services, identity.email)
    expect(stored).toEqual({ id: me.body.user.id, role: 'CANDIDATE', provider, providerId: identity.sub })
  })

  it('signs a returning user into the same account with a new session id', async () => {
    const identity = newIdentity()
    fake.setUser(provider, identity)
    const client = new TestClient(app)
    await signInWith(client, provider)
    const firstId = (await client.request('/api/auth/me')).body.user.id
    const firstSession = client.cookies.get('vh_session')
    await signInWith(client, provider)
    expect((await client.request('/api/auth/me')).body.user.id).toBe(firstId)
    expect(client.cookies.get('vh_session')).not.toBe(firstSession)
  })

  it('links an account imported from the old platform by its email', async () => {
    const identity = newIdentity()
    const legacy = await createUser(services, {
      email: identity.email,
      role: 'RECRUITER',
      provider: 'legacy',
      providerId: 'old-platform-id',
    })
    fake.setUser(provider, identity)
    const client = new TestClient(app)
    // Asked for no page: a recruiter lands on the dashboard (it was /account for everyone before).
    expect((await signInWith(client, provider)).pathname).toBe('/dashboard')
    const me = await client.request('/api/auth/me')
    expect(me.body.user).toMatchObject({ id: legacy.id, role: 'RECRUITER' })
    const stored = await readUserByEmail(services, identity.email)
    expect(stored).toEqual({ id: legacy.id, role: 'RECRUITER', provider, providerId: identity.sub })
  })

  it('lands a new candidate on their applications and interviews, and an admin on the approval queue', async () => {
    fake.setUser(provider, newIdentity())
    expect((await signInWith(new TestClient(app), provider)).pathname).toBe('/home')

    const identity = newIdentity()
    await createUser(services, { email: identity.email, role: 'ADMIN', provider, providerId: identity.sub })
    fake.setUser(provider, identity)
    const admin = new TestClient(app)
    expect((await signInWith(admin, provider)).pathname).toBe('/admin/approvals')
    expect((await admin.request('/api/auth/me')).body.user.role).toBe('ADMIN')
    // The page someone asked for still wins over their role's page.
    expect((await signInWith(admin, provider, { redirectTo: '/admin/users' })).pathname).toBe('/admin/users')
  })

  it('refuses an email that already signs in with another provider', async () => {
    const identity = newIdentity()
    const other = provider === 'google' ? 'linkedin' : 'google'
    await createUser(services, { email: identity.email, provider: other, providerId: 'someone' })
    fake.setUser(provider, identity)
    const client = new TestClient(app)
    const landing = await signInWith(client, provider)
    expect(landing.pathname).toBe('/sign-in')
    expect(landing.searchParams.get('error')).toBe('email_linked_to_other_provider')
    expect((await client.request('/api/auth/me')).body).toEqual({ user: null })
  })

  it('refuses an email the provider has not verified', async () => {
    const identity = newIdentity({ emailVerified: provider === 'linkedin' ? 'false' : false })
    fake.setUser(provider, identity)
    const landing = await signInWith(new TestClient(app), provider)
    expect(landing.searchParams.get('error')).toBe('email_unverified')
    expect(await readUserByEmail(services, identity.email)).toBeNull()
  })

  it('refuses a callback whose state is not this browser’s', async () => {
    fake.setUser(provider, newIdentity())
    const client = new TestClient(app)
    const { callback } = await startSignIn(client, provider)
    callback!.searchParams.set('state', 'forged-state-value')
    expect((await finishSignIn(client, callback!)).searchParams.get('error')).toBe('state_mismatch')

    // A callback opened in a browser that never started the attempt (no state cookie).
    const { callback: other } = await startSignIn(new TestClient(app), provider)
    expect((await finishSignIn(new TestClient(app), other!)).searchParams.get('error')).toBe('state_mismatch')
  })

  it('refuses a replayed callback and a replayed code', async () => {
    fake.setUser(provider, newIdentity())
    const client = new TestClient(app)
    const { callback } = await startSignIn(client, provider)
    const state = client.cookies.get('vh_oauth_state')
    expect((await finishSignIn(client, callback!)).pathname).toBe('/home')

    // The same callback again: its attempt is spent.
    client.cookies.set('vh_oauth_state', state!)
    expect((await finishSignIn(client, callback!)).searchParams.get('error')).toBe('state_mismatch')

    // The old code inside a fresh, valid attempt: the provider refuses it.
    const replayer = new TestClient(app)
    const { callback: fresh } = await startSignIn(replayer, provider)
    fresh!.searchParams.set('code', callback!.searchParams.get('code')!)
    expect((await finishSignIn(replayer, fresh!)).searchParams.get('error')).toBe('provider_error')
    expect((await replayer.request('/api/auth/me')).body).toEqual({ user: null })
  })
})

describe('Google specifics', () => {
  it('uses PKCE (S256), a nonce, and HTTP Basic client authentication', async () => {
    fake.setUser('google', newIdentity())
    await signInWith(new TestClient(app), 'google')
    const authorize = fake.lastAuthorizeRequest('google')
    expect(authorize).toMatchObject({ code_challenge_method: 'S256', scope: 'openid email profile' })
    expect(authorize?.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(authorize?.nonce).toBeTruthy()
    expect(fake.tokenRequests('google').at(-1)?.clientAuth).toBe('basic')
  })

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const identity = newIdentity()
    fake.setUser('google', identity)
    fake.overrideNextNonce('google', 'someone-elses-nonce')
    const landing = await signInWith(new TestClient(app), 'google')
    expect(landing.searchParams.get('error')).toBe('provider_error')
    expect(await readUserByEmail(services, identity.email)).toBeNull()
  })
})

describe('LinkedIn specifics', () => {
  it('sends client credentials in the body and no PKCE', async () => {
    fake.setUser('linkedin', newIdentity())
    await signInWith(new TestClient(app), 'linkedin')
    expect(fake.lastAuthorizeRequest('linkedin')?.code_challenge).toBeUndefined()
    expect(fake.tokenRequests('linkedin').at(-1)?.clientAuth).toBe('body')
  })

  it('accepts email_verified sent as the string "true"', async () => {
    const identity = newIdentity({ emailVerified: 'true' })
    fake.setUser('linkedin', identity)
    const client = new TestClient(app)
    expect((await signInWith(client, 'linkedin')).pathname).toBe('/home')
  })
})

describe('recruiter sign-up', () => {
  it('needs the admins’ sign-up code when one is set', async () => {
    await setSignupCode(services, 'northwind-2026')
    const identity = newIdentity()
    fake.setUser('google', identity)

    const options = await new TestClient(app).request('/api/auth/providers')
    expect(options.body).toEqual({
      providers: [
        { id: 'google', name: 'Google' },
        { id: 'linkedin', name: 'LinkedIn' },
      ],
      isDevLoginEnabled: false,
      isSignupCodeRequired: true,
    })

    const withoutCode = await signInWith(new TestClient(app), 'google', { role: 'RECRUITER' })
    expect(withoutCode.searchParams.get('error')).toBe('signup_code_invalid')
    const wrongCode = await signInWith(new TestClient(app), 'google', {
      role: 'RECRUITER',
      signupCode: 'guess',
    })
    expect(wrongCode.searchParams.get('error')).toBe('signup_code_invalid')

    const client = new TestClient(app)
    expect(
      (await signInWith(client, 'google', { role: 'RECRUITER', signupCode: 'northwind-2026' })).pathname,
    ).toBe('/dashboard')
    expect((await client.request('/api/auth/me')).body.user.role).toBe('RECRUITER')
    const profile = await readRecruiterProfileByEmail(services, identity.email)
    expect(profile).not.toBeNull()
  })
})

describe('redirects and logs', () => {
  it('never sends people to another site after sign-in', async () => {
    fake.setUser('google', newIdentity())
    const landing = await signInWith(new TestClient(app), 'google', { redirectTo: '//evil.example/phish' })
    expect(landing.toString()).toBe(`${APP}/home`)
  })

  // A NUL is refused before any route sees it (400), which sends nobody anywhere.
  const isStorable = (value: string) => !value.includes('\u0000')

  it('refuses a target with a NUL outright', async () => {
    const client = new TestClient(app)
    const start = await client.request(
      `/api/auth/google?${new URLSearchParams({ redirectTo: '/\u0000/evil.example' })}`,
    )
    expect(start.status).toBe(400)
    expect(start.headers.get('location')).toBeNull()
  })

  it.each(REDIRECT_BYPASSES.filter(isStorable).map((value) => [JSON.stringify(value), value]))(
    'lands on the role page (a new candidate: /home) when asked to return to %s',
    async (_label, redirectTo) => {
      fake.setUser('google', newIdentity())
      const landing = await signInWith(new TestClient(app), 'google', { redirectTo })
      expect(landing.toString()).toBe(`${APP}/home`)
    },
  )

  it('keep OAuth codes, states and session ids out of the log', async () => {
    fake.setUser('google', newIdentity())
    const client = new TestClient(app)
    const { callback } = await startSignIn(client, 'google')
    await finishSignIn(client, callback!)
    const text = services.logs.text()
    expect(text).toContain('signed in')
    for (const secret of [
      callback!.searchParams.get('code'),
      callback!.searchParams.get('state'),
      client.cookies.get('vh_session'),
    ]) {
      expect(secret && text.includes(secret), `leaked: ${secret}`).toBe(false)
    }
  })
})
