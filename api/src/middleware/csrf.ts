import type { MiddlewareHandler } from 'hono'
import { AppError } from '../lib/errors.js'
import type { AppEnv } from './app-env.js'
import { readSignInSessionCookie } from './sign-in-session.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cross-site request forgery defence for cookie-authenticated state changes. Hono's csrf() only looks
 * at form content types, and a cross-site `text/plain` body needs no preflight, so every unsafe
 * request that carries the session cookie must come with an allowed `Origin` (absent is refused).
 * API keys and link tokens travel in headers a foreign page cannot set, so they need no such check.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrfProtection(c, next) {
    if (SAFE_METHODS.has(c.req.method) || !readSignInSessionCookie(c)) return next()
    const origin = c.req.header('origin')
    if (!origin || !c.get('services').config.allowedOrigins.includes(origin)) {
      throw new AppError({
        code: 'FORBIDDEN',
        message: origin
          ? `Requests from ${origin} cannot change data in VantaHire.`
          : 'This request has no Origin header; changes must come from the VantaHire app.',
      })
    }
    await next()
  }
}
