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
 * invented key), then the key by its hash, then the daily limit. Each request is logged to
 * ApiUsageLog once the response is on its way.
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

    const { logger } = c.var.services
    const check = await checkApiKey(c.var.services, { key })
    if (check.status === 'unknown') throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS.unknown })

    // From here the key is known, so the request is logged against it whatever its outcome.
    const startedAt = performance.now()
    let requestsToday: number | undefined
    let refusedWith: number | undefined
    try {
      if (check.status !== 'valid')
        throw new AppError({ code: 'UNAUTHORIZED', message: REFUSALS[check.status] })
      const quota = await consumeDailyQuota(c.var.services, {
        apiKeyId: check.apiKeyId,
        limit: check.rateLimitPerDay,
      })
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
      const usage = {
        apiKeyId: check.apiKeyId,
        endpoint: redactUrl(c.req.url),
        method: c.req.method,
        statusCode: refusedWith ?? c.res.status,
        responseTimeMs: Math.round(performance.now() - startedAt),
        ipAddress: getClientIp(c),
        requestsToday,
      }
      // Not awaited: the usage log must never delay or fail the integrator's request.
      void recordApiKeyUsage(c.var.services, usage).catch((error) =>
        logger.warn({ err: error }, 'API usage not recorded'),
      )
    }
  }
}
