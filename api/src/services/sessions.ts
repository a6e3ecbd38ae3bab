import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { UserRole } from '../generated/prisma/enums.js'
import { generateSecret, sha256Hex } from '../lib/crypto.js'

/**
 * Sessions live in Redis only (no table). The cookie holds a 256-bit random id; Redis holds its
 * SHA-256, so a leaked Redis dump yields no usable cookie. Expiry slides with use up to an absolute
 * limit, after which the user signs in again.
 */
export const SESSION_IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000
/** Sliding writes at most once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000

const SessionRecordSchema = z.object({
  userId: z.string(),
  role: z.enum(['RECRUITER', 'CANDIDATE', 'ADMIN']),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  expiresAt: z.number(),
  absoluteExpiresAt: z.number(),
})
export type SessionRecord = z.infer<typeof SessionRecordSchema>

export type SessionValidation =
  | { status: 'valid'; session: SessionRecord & { id: string }; isRefreshed: boolean }
  | { status: 'invalid' }

const sessionKey = (hash: string) => `session:${hash}`
const userSessionsKey = (userId: string) => `user-sessions:${userId}`

/** Starts a session; returns the cookie value (the only place the raw id ever exists). */
export async function createSession(
  redis: Redis,
  options: { userId: string; role: UserRole; now?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const now = options.now ?? Date.now()
  const token = generateSecret(32)
  const hash = sha256Hex(token)
  const record: SessionRecord = {
    userId: options.userId,
    role: options.role,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_IDLE_TIMEOUT_MS,
    absoluteExpiresAt: now + SESSION_ABSOLUTE_TIMEOUT_MS,
  }
  await redis
    .multi()
    .set(sessionKey(hash), JSON.stringify(record), 'PX', SESSION_IDLE_TIMEOUT_MS)
    .sadd(userSessionsKey(options.userId), hash)
    .pexpire(userSessionsKey(options.userId), SESSION_ABSOLUTE_TIMEOUT_MS)
    .exec()
  return { token, expiresAt: new Date(record.expiresAt) }
}

/** Looks a cookie value up, enforcing both limits, and slides the idle expiry. Never throws for a bad token. */
export async function validateSession(
  redis: Redis,
  token: string,
  now = Date.now(),
): Promise<SessionValidation> {
  if (token.length < 20 || token.length > 100) return { status: 'invalid' }
  const hash = sha256Hex(token)
  const raw = await redis.get(sessionKey(hash))
  if (!raw) return { status: 'invalid' }
  const parsed = SessionRecordSchema.safeParse(JSON.parse(raw))
  if (!parsed.success || parsed.data.absoluteExpiresAt <= now || parsed.data.expiresAt <= now) {
    await redis.del(sessionKey(hash))
    return { status: 'invalid' }
  }
  const record = parsed.data
  if (now - record.lastSeenAt < TOUCH_INTERVAL_MS) {
    return { status: 'valid', session: { ...record, id: hash }, isRefreshed: false }
  }
  const expiresAt = Math.min(now + SESSION_IDLE_TIMEOUT_MS, record.absoluteExpiresAt)
  const refreshed = { ...record, lastSeenAt: now, expiresAt }
  // XX: a session deleted meanwhile (sign-out elsewhere) must not be brought back.
  await redis.set(sessionKey(hash), JSON.stringify(refreshed), 'PX', expiresAt - now, 'XX')
  return { status: 'valid', session: { ...refreshed, id: hash }, isRefreshed: true }
}

/** Ends one session, given its cookie value. */
export async function revokeSession(redis: Redis, token: string): Promise<void> {
  const hash = sha256Hex(token)
  const raw = await redis.get(sessionKey(hash))
  const userId = raw ? SessionRecordSchema.safeParse(JSON.parse(raw)).data?.userId : undefined
  const transaction = redis.multi().del(sessionKey(hash))
  if (userId) transaction.srem(userSessionsKey(userId), hash)
  await transaction.exec()
}

/** Ends every session of a user (sign out everywhere, role change, account disabled). Returns how many. */
export async function revokeUserSessions(redis: Redis, userId: string): Promise<number> {
  const hashes = await redis.smembers(userSessionsKey(userId))
  const transaction = redis.multi()
  for (const hash of hashes) transaction.del(sessionKey(hash))
  transaction.del(userSessionsKey(userId))
  const results = await transaction.exec()
  return (results ?? []).slice(0, hashes.length).filter(([, deleted]) => deleted === 1).length
}
