import type { Redis } from 'ioredis'

// INCR and the window's expiry in one step, shared by every instance through Redis.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`

/** A fixed-window counter in Redis: how many hits `key` has had in the current window. */
export async function hitRateLimit(
  redis: Redis,
  key: string,
  windowMs: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `rate:${key}`, windowMs)) as [number, number]
  return { count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) }
}

/** The current count without adding a hit. */
export async function peekRateLimit(
  redis: Redis,
  key: string,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const [count, ttl] = await Promise.all([redis.get(`rate:${key}`), redis.pttl(`rate:${key}`)])
  return { count: Number(count ?? 0), retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) }
}
