import type { MiddlewareHandler } from 'hono'
import { isApiKeyScope } from '../domain/actor.js'
import { redactUrl } from '../infra/logger.js'
import { API_KEY_PREFIX, isWellFormedApiKey } from '../lib/api-key-format.js'
import { AppError, statusOfError } from '../lib/errors.js'
import { checkApiKey, consumeDailyQuota, recordApiKeyUsage } from '../services/api-keys.js'
import type { AppEnv } from './app-env.js'
import { getClientIp } from './client-ip.js'

const REFUSALS = {
  unknown: 'This API key is not valid.',
  revoked: 'This API key has been revoked.',
  expired: 'This API key has expired.',
  'owner-disabled': 'The account this API key belongs to has been disabled.',
} as const

/**
 * Authenticates `Authorization: Bearer vh_…`: checksum first (no database call for a mistyped or
 * invented key), then the key by its hash (cached per instance, checked against Redis on every
 * request), then the daily limit. Each request is queued for ApiUsageLog, written in batches.
 */
export function apiKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function apiKeyAuth(c, next) {
    const authorization = c.req.header('authorization')
    if (!authorization) return next()
    const [scheme, key] = authorization.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !key?.startsWith(API_KEY_PREFIX)) {
      throw new AppError({
        code: 'UNAUTHORIZED',
        message: 'Use `Authorization: Bearer vh_…` with a VantaHire API key.',
      })
    }
    if (!isWellFormedApiKey(key)) throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS.unknown })

    const services = c.get('services')
    let check = await checkApiKey(services, { key })
    if (check.status === 'unknown') throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS.unknown })

    // From here the key is known, so the request is logged against it whatever its outcome.
    const { apiKeyId } = check
    const startedAt = performance.now()
    let requestsToday: number | undefined
    let refusedWith: number | undefined
    try {
      let quota: Awaited<ReturnType<typeof consumeDailyQuota>> = null
      // The key changed since this instance read it: read it again (at most twice; a key changing
      // that fast is refused for now rather than counted on stale facts).
      for (let attempt = 0; quota === null; attempt++) {
        if (check.status === 'unknown')
          throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS.unknown })
        if (check.status !== 'valid')
          throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS[check.status] })
        if (attempt === 3) {
          throw new AppError({
            code: 'SERVICE_UNAVAILABLE',
            message: 'This API key is being changed; try again.',
          })
        }
        quota = await consumeDailyQuota(services, {
          apiKeyId: check.apiKeyId,
          keyHash: check.keyHash,
          marker: check.marker,
          limit: check.rateLimitPerDay,
        })
        if (quota === null) check = await checkApiKey(services, { key, fresh: true })
      }
      if (check.status !== 'valid') throw new Error('unreachable: a counted request has a valid key')
      requestsToday = quota.count
      c.header('X-RateLimit-Limit', String(check.rateLimitPerDay))
      c.header('X-RateLimit-Remaining', String(quota.remaining))
      c.header('X-RateLimit-Reset', String(quota.resetAt))
      if (!quota.isAllowed) {
        c.header('Retry-After', String(Math.max(1, quota.resetAt - Math.floor(Date.now() / 1000))))
        throw new AppError({
          code: 'RATE_LIMITED',
          message: `This API key has used its ${check.rateLimitPerDay} requests for today (UTC).`,
        })
      }
      c.set('actor', {
        kind: 'apiKey',
        userId: check.userId,
        role: check.role,
        apiKeyId: check.apiKeyId,
        scopes: check.scopes.filter(isApiKeyScope),
      })
      await next()
    } catch (error) {
      // This middleware's own refusals become responses only after it returns.
      refusedWith = statusOfError(error)
      throw error
    } finally {
      // Queued for the batching writer; waits only while the writer is full, so no row is dropped.
      const waiting = recordApiKeyUsage(services, {
        apiKeyId,
        endpoint: redactUrl(c.req.url),
        method: c.req.method,
        statusCode: refusedWith ?? c.res.status,
        responseTimeMs: Math.round(performance.now() - startedAt),
        ipAddress: getClientIp(c),
        requestsToday,
      })
      if (waiting) await waiting
    }
  }
}
