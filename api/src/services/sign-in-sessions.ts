import { z } from 'zod'
import { USER_ROLES, type UserRole } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import { generateSecret, sha256Hex } from '../lib/crypto.js'

/**
 * Sign-in sessions live in Redis only (no table). The cookie holds a 256-bit random id; Redis holds
 * its SHA-256, so a leaked Redis dump yields no usable cookie. Expiry slides with use up to an
 * absolute limit, after which the user signs in again.
 *
 * These functions take `(deps, input)` and no actor: they are how an actor is found in the first
 * place (the cookie middleware, the socket handshake) and the mechanism the sign-in services use.
 */
export const SIGN_IN_SESSION_IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000
export const SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000
/** Sliding writes at most once a minute per sign-in session, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000

const SignInSessionRecordSchema = z.object({
  userId: z.string(),
  role: z.enum(USER_ROLES),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  expiresAt: z.number(),
  absoluteExpiresAt: z.number(),
})
export type SignInSessionRecord = z.infer<typeof SignInSessionRecordSchema>

export type SignInSessionValidation =
  | { status: 'valid'; session: SignInSessionRecord & { id: string }; isRefreshed: boolean }
  | { status: 'invalid' }

type Deps = Pick<Services, 'redis'>

// The key names predate the "sign-in session" wording; renaming them would sign everyone out.
const signInSessionKey = (hash: string) => `session:${hash}`
const userSignInSessionsKey = (userId: string) => `user-sessions:${userId}`

/** Starts a sign-in session; returns the cookie value (the only place the raw id ever exists). */
export async function createSignInSession(
  deps: Deps,
  input: { userId: string; role: UserRole; now?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? Date.now()
  const token = generateSecret(32)
  const hash = sha256Hex(token)
  const record: SignInSessionRecord = {
    userId: input.userId,
    role: input.role,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SIGN_IN_SESSION_IDLE_TIMEOUT_MS,
    absoluteExpiresAt: now + SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS,
  }
  await deps.redis
    .multi()
    .set(signInSessionKey(hash), JSON.stringify(record), 'PX', SIGN_IN_SESSION_IDLE_TIMEOUT_MS)
    .sadd(userSignInSessionsKey(input.userId), hash)
    .pexpire(userSignInSessionsKey(input.userId), SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS)
    .exec()
  return { token, expiresAt: new Date(record.expiresAt) }
}

/** Looks a cookie value up, enforcing both limits, and slides the idle expiry. Never throws for a bad token. */
export async function validateSignInSession(
  deps: Deps,
  input: { token: string; now?: number },
): Promise<SignInSessionValidation> {
  const { redis } = deps
  const { token, now = Date.now() } = input
  if (token.length < 20 || token.length > 100) return { status: 'invalid' }
  const hash = sha256Hex(token)
  const raw = await redis.get(signInSessionKey(hash))
  if (!raw) return { status: 'invalid' }
  const parsed = SignInSessionRecordSchema.safeParse(JSON.parse(raw))
  if (!parsed.success || parsed.data.absoluteExpiresAt <= now || parsed.data.expiresAt <= now) {
    await redis.del(signInSessionKey(hash))
    return { status: 'invalid' }
  }
  const record = parsed.data
  if (now - record.lastSeenAt < TOUCH_INTERVAL_MS) {
    return { status: 'valid', session: { ...record, id: hash }, isRefreshed: false }
  }
  const expiresAt = Math.min(now + SIGN_IN_SESSION_IDLE_TIMEOUT_MS, record.absoluteExpiresAt)
  const refreshed = { ...record, lastSeenAt: now, expiresAt }
  // XX: a sign-in session deleted meanwhile (sign-out elsewhere) must not be brought back.
  await redis.set(signInSessionKey(hash), JSON.stringify(refreshed), 'PX', expiresAt - now, 'XX')
  return { status: 'valid', session: { ...refreshed, id: hash }, isRefreshed: true }
}

/**
 * Ends one sign-in session, given its cookie value. Returns its id (what `Actor.signInSessionId`
 * and the socket room name carry), so the caller can close the sockets it opened.
 */
export async function revokeSignInSession(deps: Deps, input: { token: string }): Promise<string> {
  const { redis } = deps
  const hash = sha256Hex(input.token)
  const raw = await redis.get(signInSessionKey(hash))
  const userId = raw ? SignInSessionRecordSchema.safeParse(JSON.parse(raw)).data?.userId : undefined
  const transaction = redis.multi().del(signInSessionKey(hash))
  if (userId) transaction.srem(userSignInSessionsKey(userId), hash)
  await transaction.exec()
  return hash
}

/** Ends every sign-in session of a user (sign out everywhere, role change, account disabled). Returns how many. */
export async function revokeUserSignInSessions(deps: Deps, input: { userId: string }): Promise<number> {
  const { redis } = deps
  const hashes = await redis.smembers(userSignInSessionsKey(input.userId))
  const transaction = redis.multi()
  for (const hash of hashes) transaction.del(signInSessionKey(hash))
  transaction.del(userSignInSessionsKey(input.userId))
  const results = await transaction.exec()
  return (results ?? []).slice(0, hashes.length).filter(([, deleted]) => deleted === 1).length
}
