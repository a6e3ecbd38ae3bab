import { afterAll, describe, expect, it } from 'vitest'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'
import { createSignInSession } from '../services/sign-in-sessions.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

describe('development sign-in', () => {
  it('is refused (404) when AUTH_DEV_LOGIN is off', async () => {
    const off = createTestServices()
    try {
      const client = new TestClient(createApp(off).app)
      const response = await client.request('/api/auth/dev-login', {
        method: 'POST',
        json: { email: uniqueEmail() },
      })
      expect(response.status, JSON.stringify(response.body)).toBe(404)
    } finally {
      await off.close()
    }
  })

  it('signs in with an HttpOnly, SameSite=Lax session cookie and answers /auth/me', async () => {
    const client = new TestClient(app)
    const email = uniqueEmail('recruiter')
    const response = await client.request('/api/auth/dev-login', {
      method: 'POST',
      json: { email, role: 'RECRUITER' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('vh_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)

    const me = await client.request('/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.user).toMatchObject({ email, role: 'RECRUITER' })
  })

  it('validates its body', async () => {
    const response = await new TestClient(app).request('/api/auth/dev-login', {
      method: 'POST',
      json: { email: 'nope' },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('VALIDATION_FAILED')
    expect(response.body.error.details.issues[0].path).toBe('email')
  })
})

describe('sessions over HTTP', () => {
  it('get a new id at every sign-in; the old one stops working', async () => {
    const client = new TestClient(app)
    const email = uniqueEmail()
    await client.signIn(email)
    const first = client.cookies.get('vh_session')
    await client.signIn(email)
    const second = client.cookies.get('vh_session')
    expect(second).toBeDefined()
    expect(second).not.toBe(first)

    const stale = await new TestClient(app).request('/api/auth/me', {
      headers: { cookie: `vh_session=${first}` },
    })
    expect({ status: stale.status, body: stale.body }).toEqual({ status: 200, body: { user: null } })
    expect(stale.headers.getSetCookie().join()).toMatch(/vh_session=;.*Max-Age=0/i)
    expect((await client.request('/api/auth/me')).body.user.email).toBe(email)
  })

  it('end at sign-out', async () => {
    const client = new TestClient(app)
    await client.signIn(uniqueEmail())
    const token = client.cookies.get('vh_session')
    const logout = await client.request('/api/auth/logout', { method: 'POST' })
    expect(logout.status).toBe(204)
    const after = await new TestClient(app).request('/api/auth/me', {
      headers: { cookie: `vh_session=${token}` },
    })
    expect({ status: after.status, body: after.body }).toEqual({ status: 200, body: { user: null } })
  })

  it('all end with sign-out-everywhere, and other users keep theirs', async () => {
    const email = uniqueEmail()
    const laptop = new TestClient(app)
    const phone = new TestClient(app)
    const someoneElse = new TestClient(app)
    await laptop.signIn(email)
    await phone.signIn(email)
    await someoneElse.signIn(uniqueEmail())

    const response = await laptop.request('/api/auth/logout-all', { method: 'POST' })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.revokedSessions).toBe(2)
    expect((await phone.request('/api/auth/me')).body).toEqual({ user: null })
    expect((await laptop.request('/api/auth/me')).body).toEqual({ user: null })
    expect((await someoneElse.request('/api/auth/me')).body.user).not.toBeNull()
  })

  it('refuse an expired session', async () => {
    const client = new TestClient(app)
    const user = await client.signIn(uniqueEmail())
    const longAgo = Date.now() - 8 * 24 * 60 * 60 * 1000
    const { token } = await createSignInSession(services, {
      userId: user.id,
      role: 'RECRUITER',
      now: longAgo,
    })
    const response = await new TestClient(app).request('/api/auth/me', {
      headers: { cookie: `vh_session=${token}` },
    })
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { user: null } })
  })
})

describe('CSRF defence for cookie-authenticated changes', () => {
  it.each([
    ['a foreign Origin', 'https://evil.example'],
    ['no Origin', null],
  ])('refuses %s', async (_label, origin) => {
    const victim = new TestClient(app)
    await victim.signIn(uniqueEmail())
    const headers: Record<string, string> = { 'content-type': 'text/plain' }
    if (origin) headers.origin = origin
    const attacker = new TestClient(app, { origin: null })
    for (const [name, value] of victim.cookies) attacker.cookies.set(name, value)
    const response = await attacker.request('/api/auth/logout-all', { method: 'POST', headers, body: '{}' })
    expect(response.status, JSON.stringify(response.body)).toBe(403)
    expect(response.body.error.code).toBe('FORBIDDEN')
    expect((await victim.request('/api/auth/me')).status).toBe(200)
  })
})

describe('guards', () => {
  it('answers 401 to anonymous callers of signed-in routes', async () => {
    const response = await new TestClient(app).request('/api/users/me')
    expect(response.status).toBe(401)
  })

  // Asking who is signed in is not a failure when nobody is: pages ask it on every visit.
  it('tells an anonymous caller of /auth/me that nobody is signed in, without an error', async () => {
    const response = await new TestClient(app).request('/api/auth/me')
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { user: null } })
    expect(response.headers.getSetCookie()).toEqual([])
  })
})
