import { afterAll, describe, expect, it } from 'vitest'
import { createTestServices } from '../../test/support/services.js'
import { sha256Hex } from '../lib/crypto.js'
import {
  createSignInSession,
  revokeUserSignInSessions,
  SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS,
  SIGN_IN_SESSION_IDLE_TIMEOUT_MS,
  validateSignInSession,
} from './sign-in-sessions.js'

const services = createTestServices()
const { redis } = services
afterAll(() => services.close())
const DAY = 24 * 60 * 60 * 1000

describe('sign-in sessions in Redis', () => {
  it('keep only the SHA-256 of the id, never the id itself', async () => {
    const { token } = await createSignInSession(services, { userId: 'user-hash-check', role: 'RECRUITER' })
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    expect(await redis.exists(`session:${token}`)).toBe(0)
    expect(await redis.exists(`session:${sha256Hex(token)}`)).toBe(1)
  })

  it('slide the idle expiry with use', async () => {
    const start = Date.now()
    const { token } = await createSignInSession(services, {
      userId: 'user-slide',
      role: 'CANDIDATE',
      now: start,
    })
    const later = start + 2 * 60 * 1000
    const result = await validateSignInSession(services, { token, now: later })
    expect(result.status).toBe('valid')
    if (result.status !== 'valid') return
    expect(result.isRefreshed).toBe(true)
    expect(result.session.expiresAt).toBe(later + SIGN_IN_SESSION_IDLE_TIMEOUT_MS)
  })

  it('refuse a session idle for longer than the idle limit', async () => {
    const start = Date.now()
    const { token } = await createSignInSession(services, {
      userId: 'user-idle',
      role: 'RECRUITER',
      now: start,
    })
    expect(
      await validateSignInSession(services, { token, now: start + SIGN_IN_SESSION_IDLE_TIMEOUT_MS + 1 }),
    ).toEqual({
      status: 'invalid',
    })
  })

  it('refuse a session past the absolute limit however recently it was used', async () => {
    const start = Date.now()
    let now = start
    const { token } = await createSignInSession(services, { userId: 'user-absolute', role: 'RECRUITER', now })
    // Used every six days: never idle for long, yet the absolute limit still ends it.
    while (now + 6 * DAY < start + SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS) {
      now += 6 * DAY
      expect((await validateSignInSession(services, { token, now })).status).toBe('valid')
    }
    expect(
      await validateSignInSession(services, { token, now: start + SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS }),
    ).toEqual({
      status: 'invalid',
    })
  })

  it('refuse malformed and unknown ids without throwing', async () => {
    expect(await validateSignInSession(services, { token: 'short' })).toEqual({ status: 'invalid' })
    expect(await validateSignInSession(services, { token: 'x'.repeat(43) })).toEqual({ status: 'invalid' })
  })

  it('end every sign-in session of a user at once', async () => {
    const first = await createSignInSession(services, { userId: 'user-everywhere', role: 'RECRUITER' })
    const second = await createSignInSession(services, { userId: 'user-everywhere', role: 'RECRUITER' })
    const other = await createSignInSession(services, { userId: 'user-bystander', role: 'RECRUITER' })
    expect(await revokeUserSignInSessions(services, { userId: 'user-everywhere' })).toBe(2)
    expect((await validateSignInSession(services, { token: first.token })).status).toBe('invalid')
    expect((await validateSignInSession(services, { token: second.token })).status).toBe('invalid')
    expect((await validateSignInSession(services, { token: other.token })).status).toBe('valid')
  })
})
