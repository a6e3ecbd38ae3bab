import { randomUUID } from 'node:crypto'
import type { Actor, ApiKeyScope } from '../domain/actor.js'
import type { ApiKeyStatus } from '../generated/prisma/enums.js'
import type { ApiUsageRow } from '../infra/api-usage-log.js'
import type { Services } from '../infra/container.js'
import { API_KEY_DISPLAY_LENGTH, generateApiKey } from '../lib/api-key-format.js'
import { safeEqual, sha256Hex } from '../lib/crypto.js'
import { AppError } from '../lib/errors.js'
import { requireSignedInRole } from './access.js'

/** Keys a user may hold at once (active ones); revoked and expired keys do not count. */
export const MAX_ACTIVE_API_KEYS = 25
export const DEFAULT_DAILY_LIMIT = 1000

const API_KEY_SELECT = {
  id: true,
  name: true,
  keyPrefix: true,
  scopes: true,
  status: true,
  rateLimitPerDay: true,
  lastRequestAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const

type StoredApiKey = {
  id: string
  name: string
  keyPrefix: string
  scopes: string[]
  status: ApiKeyStatus
  rateLimitPerDay: number
  lastRequestAt: Date | null
  expiresAt: Date | null
  revokedAt: Date | null
  createdAt: Date
}

/** The UTC day a request counts towards, e.g. 20261122. */
export function usageDay(now = new Date()): string {
  return now.toISOString().slice(0, 10).replaceAll('-', '')
}

const usageKey = (apiKeyId: string, day: string) => `api-key-usage:${apiKeyId}:${day}`

/** Seconds since the epoch at the next midnight UTC, when daily counts start again. */
export function nextUsageReset(now = new Date()): number {
  return Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) / 1000)
}

function effectiveStatus(
  key: Pick<StoredApiKey, 'status' | 'revokedAt' | 'expiresAt'>,
  now = new Date(),
): ApiKeyStatus {
  if (key.status === 'REVOKED' || key.revokedAt) return 'REVOKED'
  if (key.status === 'EXPIRED' || (key.expiresAt && key.expiresAt <= now)) return 'EXPIRED'
  return 'ACTIVE'
}

function present(key: StoredApiKey, requestsToday: number) {
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes as ApiKeyScope[],
    status: effectiveStatus(key),
    rateLimitPerDay: key.rateLimitPerDay,
    requestsToday,
    lastRequestAt: key.lastRequestAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    createdAt: key.createdAt,
  }
}

export type PresentedApiKey = ReturnType<typeof present>

/**
 * Keys are managed by recruiters (and admins) signed in through the app; a key cannot make or
 * revoke keys, or a leaked one could keep itself alive.
 */
const manageApiKeys = (actor: Actor) => requireSignedInRole(actor, ['RECRUITER'])

/** Creates a key for the caller; the secret is returned here once and only its SHA-256 is stored. */
export async function createApiKey(
  deps: Pick<Services, 'prisma' | 'logger'>,
  actor: Actor,
  input: { name: string; scopes: ApiKeyScope[]; expiresAt?: string | Date },
): Promise<{ apiKey: PresentedApiKey; key: string }> {
  const { userId } = manageApiKeys(actor)
  const { prisma } = deps
  const active = await prisma.apiKey.count({
    where: {
      userId,
      status: 'ACTIVE',
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
    },
  })
  if (active >= MAX_ACTIVE_API_KEYS) {
    throw new AppError({
      code: 'CONFLICT',
      message: `You already have ${MAX_ACTIVE_API_KEYS} active API keys; revoke one you no longer use first.`,
    })
  }
  const key = generateApiKey()
  const stored = await prisma.apiKey.create({
    data: {
      userId,
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt === undefined ? undefined : new Date(input.expiresAt),
      keyHash: sha256Hex(key),
      keyPrefix: key.slice(0, API_KEY_DISPLAY_LENGTH),
      rateLimitPerDay: DEFAULT_DAILY_LIMIT,
    },
    select: API_KEY_SELECT,
  })
  deps.logger.info({ apiKeyId: stored.id, keyPrefix: stored.keyPrefix, userId }, 'API key created')
  return { apiKey: present(stored, 0), key }
}

/** The caller's keys, newest first, with today's request count from Redis (the counter that enforces the limit). */
export async function listApiKeys(
  deps: Pick<Services, 'prisma' | 'redis'>,
  actor: Actor,
): Promise<PresentedApiKey[]> {
  const { userId } = manageApiKeys(actor)
  const keys = await deps.prisma.apiKey.findMany({
    where: { userId },
    select: API_KEY_SELECT,
    orderBy: { createdAt: 'desc' },
  })
  if (keys.length === 0) return []
  const day = usageDay()
  const counts = await deps.redis.mget(keys.map((key) => usageKey(key.id, day)))
  return keys.map((key, index) => present(key, Number(counts[index] ?? 0)))
}

/**
 * Revokes a key of the caller's (admins may revoke any); refused at once on every instance, whose
 * caches `invalidateApiKeys` empties through Redis.
 */
export async function revokeApiKey(
  deps: Pick<Services, 'prisma' | 'redis' | 'logger' | 'apiKeyCache'>,
  actor: Actor,
  input: { apiKeyId: string },
) {
  const account = manageApiKeys(actor)
  const { prisma } = deps
  const key = await prisma.apiKey.findUnique({
    where: { id: input.apiKeyId },
    select: { userId: true, revokedAt: true, keyHash: true },
  })
  if (!key || (key.userId !== account.userId && !account.isAdmin)) {
    throw new AppError({ code: 'NOT_FOUND', message: 'No such API key.' })
  }
  await invalidateApiKeys(deps, [key.keyHash])
  const revoked = await prisma.apiKey.update({
    where: { id: input.apiKeyId },
    data: { status: 'REVOKED', revokedAt: key.revokedAt ?? new Date() },
    select: API_KEY_SELECT,
  })
  // Instances that read the key between the first marker and the update see this one.
  await invalidateApiKeys(deps, [key.keyHash])
  deps.logger.info({ apiKeyId: revoked.id, userId: account.userId }, 'API key revoked')
  const count = await deps.redis.get(usageKey(input.apiKeyId, usageDay()))
  return present(revoked, Number(count ?? 0))
}

// The three below take (deps, input) and no actor: they run at the edge while the caller is still
// being identified by the key itself.

export type ApiKeyCheck =
  | {
      status: 'valid'
      apiKeyId: string
      keyHash: string
      userId: string
      role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN'
      scopes: string[]
      rateLimitPerDay: number
      /** The key's invalidation marker when its row was read; `consumeDailyQuota` compares it. */
      marker: string
    }
  | { status: 'revoked' | 'expired' | 'owner-disabled'; apiKeyId: string }
  | { status: 'unknown' }

/** Where Redis keeps a key's invalidation marker: a random value set whenever the key or its owner changes. */
const markerKey = (keyHash: string) => `api-key-marker:${keyHash}`
/** Longer than any instance keeps a key in its cache, so no cached marker outlives its Redis value unseen. */
const MARKER_TTL_SECONDS = 3600

/**
 * Finds the key by its hash. A key that was valid when read is kept in this instance's cache; the
 * Redis marker read before the row goes with it, and `consumeDailyQuota` refuses to count a request
 * whose marker is no longer Redis's, so a revocation on any instance takes effect on the next
 * request everywhere. Expiry is judged at every use. `fresh` skips the cache.
 */
export async function checkApiKey(
  deps: Pick<Services, 'prisma' | 'redis' | 'apiKeyCache'>,
  input: { key: string; now?: Date; fresh?: boolean },
): Promise<ApiKeyCheck> {
  const { now = new Date() } = input
  const hash = sha256Hex(input.key)
  let stored = input.fresh ? undefined : deps.apiKeyCache.get(hash, now.getTime())
  if (!stored) {
    // Read before the row: a change committed after this read sets a new marker, seen on first use.
    const marker = (await deps.redis.get(markerKey(hash))) ?? ''
    const row = await deps.prisma.apiKey.findUnique({
      where: { keyHash: hash },
      select: {
        id: true,
        keyHash: true,
        status: true,
        revokedAt: true,
        expiresAt: true,
        scopes: true,
        rateLimitPerDay: true,
        user: { select: { id: true, role: true, disabledAt: true } },
      },
    })
    if (!row || !safeEqual(row.keyHash, hash)) return { status: 'unknown' }
    stored = { ...row, marker }
    if (effectiveStatus(stored, now) === 'ACTIVE' && !stored.user.disabledAt) {
      deps.apiKeyCache.set(hash, stored, now.getTime())
    }
  }
  const status = effectiveStatus(stored, now)
  if (status === 'REVOKED') return { status: 'revoked', apiKeyId: stored.id }
  if (status === 'EXPIRED') return { status: 'expired', apiKeyId: stored.id }
  if (stored.user.disabledAt) return { status: 'owner-disabled', apiKeyId: stored.id }
  return {
    status: 'valid',
    apiKeyId: stored.id,
    keyHash: hash,
    userId: stored.user.id,
    role: stored.user.role,
    scopes: stored.scopes,
    rateLimitPerDay: stored.rateLimitPerDay,
    marker: stored.marker,
  }
}

/**
 * Makes every instance read these keys again from Postgres before their next request counts: a new
 * marker in Redis, and this instance's cache emptied of them. Call it before and after changing a
 * key's row or its owner's role or access: before, so that the change cannot be missed if it
 * fails half-way; after, for any instance that read the row in between.
 */
export async function invalidateApiKeys(
  deps: Pick<Services, 'redis' | 'apiKeyCache'>,
  keyHashes: readonly string[],
): Promise<void> {
  if (keyHashes.length === 0) return
  const pipeline = deps.redis.pipeline()
  for (const hash of keyHashes) pipeline.set(markerKey(hash), randomUUID(), 'EX', MARKER_TTL_SECONDS)
  const results = (await pipeline.exec()) ?? []
  const failed = results.find(([error]) => error)
  if (failed?.[0]) throw failed[0]
  for (const hash of keyHashes) deps.apiKeyCache.delete(hash)
}

/** `invalidateApiKeys` for every key a user holds (their role or access changed). */
export async function invalidateUserApiKeys(
  deps: Pick<Services, 'prisma' | 'redis' | 'apiKeyCache'>,
  input: { userId: string },
): Promise<void> {
  const keys = await deps.prisma.apiKey.findMany({
    where: { userId: input.userId },
    select: { keyHash: true },
  })
  await invalidateApiKeys(
    deps,
    keys.map((key) => key.keyHash),
  )
}

// The marker check, INCR and the expiry in one step: instances racing on one key never lose a count
// or a TTL, and a key changed since this instance read it is not counted (-1: read it again).
const CONSUME_SCRIPT = `
local marker = redis.call('GET', KEYS[2])
if (marker or '') ~= ARGV[2] then return -1 end
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIREAT', KEYS[1], ARGV[1]) end
return count
`

/**
 * Counts one request against the key's daily limit, atomically in Redis, so any number of API
 * instances together never let more than `limit` requests through in a UTC day. Null, counting
 * nothing, when the key changed since `check` was read: read it again (`fresh`) and retry.
 */
export async function consumeDailyQuota(
  deps: Pick<Services, 'redis'>,
  input: { apiKeyId: string; keyHash: string; marker: string; limit: number; now?: Date },
): Promise<{ isAllowed: boolean; count: number; remaining: number; resetAt: number } | null> {
  const now = input.now ?? new Date()
  const resetAt = nextUsageReset(now)
  // A day's key outlives its day by an hour, so a clock skew between instances cannot reset it early.
  const count = Number(
    await deps.redis.eval(
      CONSUME_SCRIPT,
      2,
      usageKey(input.apiKeyId, usageDay(now)),
      markerKey(input.keyHash),
      resetAt + 3600,
      input.marker,
    ),
  )
  if (count < 0) return null
  return { isAllowed: count <= input.limit, count, remaining: Math.max(0, input.limit - count), resetAt }
}

/**
 * Records one API-key request, refused ones included, through the batching usage writer: the row
 * is written with others within a fraction of a second, and the key's `lastRequestAt` and
 * `requestsToday` once per batch. Returns a promise only when the writer is full (Postgres slow or
 * down): waiting for it is what keeps the writer bounded without dropping a row.
 */
export function recordApiKeyUsage(
  deps: Pick<Services, 'apiUsageLog'>,
  usage: Omit<ApiUsageRow, 'createdAt'> & { createdAt?: Date },
): Promise<void> | undefined {
  return deps.apiUsageLog.add({ ...usage, createdAt: usage.createdAt ?? new Date() })
}

/** Midnight UTC starting the day of `now`. */
function startOfUsageDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}

/**
 * Starts the stored daily counts over at midnight UTC. The limit itself is enforced by the Redis
 * counter, which is keyed by day and needs no reset; `requestsToday` in Postgres mirrors it for
 * reports and would otherwise show yesterday's count until the key's next request. Only keys with
 * no request yet today are reset: a request after midnight has already written today's count, and
 * Postgres re-checks the condition against such a concurrent write. Idempotent: a second run the
 * same day finds nothing to reset.
 */
export async function resetApiKeyDailyCounts(deps: Pick<Services, 'prisma'>, now = new Date()) {
  const dayStart = startOfUsageDay(now)
  const reset = await deps.prisma.apiKey.updateMany({
    where: {
      requestsToday: { gt: 0 },
      OR: [{ lastRequestAt: null }, { lastRequestAt: { lt: dayStart } }],
    },
    data: { requestsToday: 0, lastResetAt: now },
  })
  return { reset: reset.count, failed: 0 }
}
