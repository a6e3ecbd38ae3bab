import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../lib/app-env.js'
import type { Config } from '../lib/config.js'
import { SESSION_ABSOLUTE_TIMEOUT_MS, validateSession } from '../services/sessions.js'

/** `__Host-` pins the cookie to this host over HTTPS with Path=/; plain HTTP in development cannot use it. */
export function sessionCookieName(config: Pick<Config, 'isProduction'>): string {
  return config.isProduction ? '__Host-vh_session' : 'vh_session'
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.var.services
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    secure: config.isProduction,
    sameSite: 'Lax',
    path: '/',
    // The server enforces the idle limit; the cookie only needs to live as long as the absolute one.
    maxAge: SESSION_ABSOLUTE_TIMEOUT_MS / 1000,
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.services
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: config.isProduction, httpOnly: true })
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c.var.services.config))
}

/** Sets `auth` from the session cookie when it names a live session; clears a dead cookie. */
export function sessionAuth(): MiddlewareHandler<AppEnv> {
  return async function sessionAuth(c, next) {
    const token = readSessionCookie(c)
    if (token && !c.var.auth) {
      const result = await validateSession(c.var.services.redis, token)
      if (result.status === 'valid') {
        const { userId, role, id } = result.session
        c.set('auth', { kind: 'session', userId, role, sessionId: id })
        c.set('actor', { kind: 'user', userId, role, signInSessionId: id })
      } else {
        clearSessionCookie(c)
      }
    }
    await next()
  }
}
