import type { MiddlewareHandler } from 'hono'
import { type Logger, redactUrl } from '../infra/logger.js'
import type { AppEnv } from './app-env.js'

/** Paths polled by load balancers and platforms; logged at debug level so they do not drown the log. */
const PROBE_PATHS = new Set(['/health', '/ready'])

/**
 * A logger that becomes `parent.child(bindings)` the first time it is used: most requests never
 * log anything of their own, and a pino child costs a serialisation of its bindings.
 */
function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined
  return new Proxy({} as Logger, {
    get(_target, property) {
      child ??= parent.child(bindings)
      const value = Reflect.get(child, property, child)
      return typeof value === 'function' ? value.bind(child) : value
    },
  })
}

/**
 * Gives each request a logger carrying its id and logs one line when it ends. Only the method,
 * the redacted path, the status and the duration are recorded: never headers or bodies. The line
 * is built only when its level is logged (probes are at debug, so usually not at all).
 */
export function requestLogger(): MiddlewareHandler<AppEnv> {
  return async function requestLogger(c, next) {
    const startedAt = performance.now()
    const { logger } = c.get('services')
    const requestId = c.get('requestId')
    c.set('logger', lazyChild(logger, { requestId }))
    await next()
    const level = PROBE_PATHS.has(c.req.path) ? 'debug' : 'info'
    if (!logger.isLevelEnabled(level)) return
    const entry = {
      requestId,
      method: c.req.method,
      path: redactUrl(c.req.url),
      status: c.res.status,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    }
    logger[level](entry, 'request')
  }
}
