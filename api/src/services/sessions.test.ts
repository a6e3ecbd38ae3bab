import { afterAll, describe, expect, it } from 'vitest'
import { createTestServices } from '../../test/support/services.js'
import { sha256Hex } from '../lib/crypto.js'
import {
  createSession,
  revokeUserSessions,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSession,
} from './sessions.js'

const { redis, close } = createTestServices()
afterAll(() => close())
const DAY = 24 * 60 * 60 * 1000

describe('sessions in Redis', () => {
  it('keep only the SHA-256 of the id, never the id itself', async () => {
    const { token } = await createSession(redis, { userId: 'user-hash-check', role: 'RECRUITER' })
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    expect(await redis.exists(`session:${token}`)).toBe(0)
    expect(await redis.exists(`session:${sha256Hex(token)}`)).toBe(1)
  })

  it('slide the idle expiry with use', async () => {
    const start = Date.now()
    const { token } = await createSession(redis, { userId: 'user-slide', role: 'CANDIDATE', now: start })
    const later = start + 2 * 60 * 1000
    const result = await validateSession(redis, token, later)
    expect(result.status).toBe('valid')
    if (result.status !== 'valid') return
    expect(result.isRefreshed).toBe(true)
    expect(result.session.expiresAt).toBe(later + SESSION_IDLE_TIMEOUT_MS)
  })

  it('refuse a session idle for longer than the idle limit', async () => {
    const start = Date.now()
    const { token } = await createSession(redis, { userId: 'user-idle', role: 'RECRUITER', now: start })
    expect(await validateSession(redis, token, start + SESSION_IDLE_TIMEOUT_MS + 1)).toEqual({
      status: 'invalid',
    })
  })

  it('refuse a session past the absolute limit however recently it was used', async () => {
    const start = Date.now()
    let now = start
    const { token } = await createSession(redis, { userId: 'user-absolute', role: 'RECRUITER', now })
    // Used every six days: never idle for long, yet the absolute limit still ends it.
    while (now + 6 * DAY < start + SESSION_ABSOLUTE_TIMEOUT_MS) {
      now += 6 * DAY
      expect((await validateSession(redis, token, now)).status).toBe('valid')
    }
    expect(await validateSession(redis, token, start + SESSION_ABSOLUTE_TIMEOUT_MS)).toEqual({
      status: 'invalid',
    })
  })

  it('refuse malformed and unknown ids without throwing', async () => {
    expect(await validateSession(redis, 'short')).toEqual({ status: 'invalid' })
    expect(await validateSession(redis, 'x'.repeat(43))).toEqual({ status: 'invalid' })
  })

  it('end every session of a user at once', async () => {
    const first = await createSession(redis, { userId: 'user-everywhere', role: 'RECRUITER' })
    const second = await createSession(redis, { userId: 'user-everywhere', role: 'RECRUITER' })
    const other = await createSession(redis, { userId: 'user-bystander', role: 'RECRUITER' })
    expect(await revokeUserSessions(redis, 'user-everywhere')).toBe(2)
    expect((await validateSession(redis, first.token)).status).toBe('invalid')
    expect((await validateSession(redis, second.token)).status).toBe('invalid')
    expect((await validateSession(redis, other.token)).status).toBe('valid')
  })
})
