import type { MiddlewareHandler } from 'hono'
import { redactUrl } from '../infra/logger.js'
import type { AppEnv } from './app-env.js'

/** Paths polled by load balancers and platforms; logged at debug level so they do not drown the log. */
const PROBE_PATHS = new Set(['/health', '/ready'])

/**
 * Gives each request a child logger carrying its id and logs one line when it ends. Only the
 * method, the redacted path, the status and the duration are recorded: never headers or bodies.
 */
export function requestLogger(): MiddlewareHandler<AppEnv> {
  return async function requestLogger(c, next) {
    const startedAt = performance.now()
    const logger = c.var.services.logger.child({ requestId: c.var.requestId })
    c.set('logger', logger)
    await next()
    const entry = {
      method: c.req.method,
      path: redactUrl(c.req.url),
      status: c.res.status,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    }
    if (PROBE_PATHS.has(c.req.path)) logger.debug(entry, 'request')
    else logger.info(entry, 'request')
  }
}
