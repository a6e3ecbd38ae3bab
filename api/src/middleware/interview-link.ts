import type { Context, MiddlewareHandler } from 'hono'
import { hitRateLimit, peekRateLimit } from '../infra/rate-limit.js'
import { AppError } from '../lib/errors.js'
import { INTERVIEW_LINK_SECURITY } from '../schemas/openapi.js'
import { checkInterviewToken, recordLinkAccess } from '../services/interview-links.js'
import type { AppEnv } from './app-env.js'
import { getClientIp } from './client-ip.js'

/** Wrong or revoked links a client may try per window before it must wait: guessing is hopeless anyway, and slow. */
export const LINK_FAILURES_PER_WINDOW = 20
export const LINK_FAILURE_WINDOW_MS = 15 * 60 * 1000

/**
 * Candidate access by link token (the plan's InterviewSession contract): 401 for an unknown,
 * revoked or expired link, 410 once the interview itself has expired. The token travels in
 * `X-Interview-Token`; `?token=` only where a header is impossible (`allowQueryToken`, for direct
 * download links). Unknown and revoked tokens count against the client's failure budget.
 */
export function interviewLink(options: { allowQueryToken?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function interviewLink(c, next) {
    const token =
      c.req.header('x-interview-token') ?? (options.allowQueryToken ? c.req.query('token') : undefined)
    if (!token)
      throw new AppError({ code: 'UNAUTHORIZED', message: 'This request needs the interview link’s token.' })

    const { redis, logger } = c.get('services')
    const client = `link-failures:${getClientIp(c)}`
    const budget = await peekRateLimit(redis, client)
    if (budget.count >= LINK_FAILURES_PER_WINDOW) refuseForNow(c, budget.retryAfterSeconds)

    // A malformed token is refused before any query, and counts like an unknown one.
    const check = await checkInterviewToken(c.get('services'), { token })
    if (check.status === 'unknown' || check.status === 'revoked')
      await hitRateLimit(redis, client, LINK_FAILURE_WINDOW_MS)
    switch (check.status) {
      case 'unknown':
        throw new AppError({ code: 'UNAUTHORIZED', message: 'Invalid interview token' })
      case 'revoked':
        throw new AppError({ code: 'UNAUTHORIZED', message: 'Interview access has been revoked' })
      case 'expired':
        throw new AppError({ code: 'UNAUTHORIZED', message: 'Interview link has expired' })
      case 'interview-expired':
        throw new AppError({ code: 'GONE', message: 'Interview has expired' })
    }
    // Tracking must never slow the candidate down: not awaited.
    void recordLinkAccess(c.get('services'), { linkId: check.link.linkId }).catch((error) =>
      logger.warn({ err: error }, 'link access not recorded'),
    )
    c.set('actor', { kind: 'link', ...check.link })
    await next()
  }
}

/** A candidate-link route's guard and its OpenAPI `security`: `createRoute({ ...byInterviewLink(), … })`. */
export function byInterviewLink() {
  return { middleware: interviewLink(), security: INTERVIEW_LINK_SECURITY }
}

function refuseForNow(c: Context, retryAfterSeconds: number): never {
  c.header('Retry-After', String(retryAfterSeconds))
  throw new AppError({
    code: 'RATE_LIMITED',
    message: `Too many wrong interview links from this network. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
  })
}
