import type { MiddlewareHandler } from 'hono'
import { AppError } from '../lib/errors.js'
import type { AppEnv } from './app-env.js'

/**
 * Refuses requests whose `Origin` is not one of the app's own. CORS protects neither WebSocket
 * upgrades nor "simple" cross-site requests, so routes that browsers can reach that way check it
 * themselves. With `isOriginRequired`, a request without `Origin` is refused too.
 */
export function allowedOrigin(options: { isOriginRequired: boolean }): MiddlewareHandler<AppEnv> {
  return async function allowedOrigin(c, next) {
    const origin = c.req.header('origin')
    const { allowedOrigins } = c.get('services').config
    if (origin === undefined) {
      if (options.isOriginRequired) {
        throw new AppError({
          code: 'FORBIDDEN',
          message: 'This request must come from the VantaHire app (no Origin header).',
        })
      }
    } else if (!allowedOrigins.includes(origin)) {
      throw new AppError({ code: 'FORBIDDEN', message: `Requests from ${origin} are not allowed.` })
    }
    await next()
  }
}
