import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../lib/app-env.js'
import type { Config } from '../lib/config.js'
import { SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS, validateSignInSession } from '../services/sign-in-sessions.js'

/**
 * `__Host-` pins the cookie to this host over HTTPS with Path=/; plain HTTP in development cannot
 * use it. The names stay `…vh_session`: renaming them would sign everyone out.
 */
export function signInSessionCookieName(config: Pick<Config, 'isProduction'>): string {
  return config.isProduction ? '__Host-vh_session' : 'vh_session'
}

export function setSignInSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.var.services
  setCookie(c, signInSessionCookieName(config), token, {
    httpOnly: true,
    secure: config.isProduction,
    sameSite: 'Lax',
    path: '/',
    // The server enforces the idle limit; the cookie only needs to live as long as the absolute one.
    maxAge: SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS / 1000,
  })
}

export function clearSignInSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.services
  deleteCookie(c, signInSessionCookieName(config), { path: '/', secure: config.isProduction, httpOnly: true })
}

export function readSignInSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, signInSessionCookieName(c.var.services.config))
}

/** Sets the actor from the cookie when it names a live sign-in session; clears a dead cookie. */
export function signInSessionAuth(): MiddlewareHandler<AppEnv> {
  return async function signInSessionAuth(c, next) {
    const token = readSignInSessionCookie(c)
    if (token && !c.var.auth) {
      const result = await validateSignInSession(c.var.services, { token })
      if (result.status === 'valid') {
        const { userId, role, id } = result.session
        c.set('auth', { kind: 'session', userId, role, sessionId: id })
        c.set('actor', { kind: 'user', userId, role, signInSessionId: id })
      } else {
        clearSignInSessionCookie(c)
      }
    }
    await next()
  }
}
