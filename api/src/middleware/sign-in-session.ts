import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { parse as parseCookies } from 'hono/utils/cookie'
import type { Config } from '../infra/config.js'
import type { Services } from '../infra/container.js'
import type { SocketAuthenticator } from '../infra/socket-server.js'
import { SIGN_IN_SESSION_ABSOLUTE_TIMEOUT_MS, validateSignInSession } from '../services/sign-in-sessions.js'
import type { AppEnv } from './app-env.js'

/**
 * `__Host-` pins the cookie to this host over HTTPS with Path=/; plain HTTP in development cannot
 * use it. The names stay `…vh_session`: renaming them would sign everyone out.
 */
export function signInSessionCookieName(config: Pick<Config, 'isProduction'>): string {
  return config.isProduction ? '__Host-vh_session' : 'vh_session'
}

export function setSignInSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.get('services')
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
  const { config } = c.get('services')
  deleteCookie(c, signInSessionCookieName(config), { path: '/', secure: config.isProduction, httpOnly: true })
}

export function readSignInSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, signInSessionCookieName(c.get('services').config))
}

/** Sets the actor from the cookie when it names a live sign-in session; clears a dead cookie. */
export function signInSessionAuth(): MiddlewareHandler<AppEnv> {
  return async function signInSessionAuth(c, next) {
    const token = readSignInSessionCookie(c)
    if (token && c.get('actor').kind === 'anonymous') {
      const result = await validateSignInSession(c.get('services'), { token })
      if (result.status === 'valid') {
        const { userId, role, id } = result.session
        c.set('actor', { kind: 'user', userId, role, signInSessionId: id })
      } else {
        clearSignInSessionCookie(c)
      }
    }
    await next()
  }
}

/**
 * Signs in a socket.io handshake by the same cookie and sign-in session as an HTTP request; run
 * again on every reconnection, so an ended session cannot come back through connection recovery.
 */
export function socketAuthenticator(services: Services): SocketAuthenticator {
  return async function authenticateSocket(cookieHeader) {
    const token = parseCookies(cookieHeader)[signInSessionCookieName(services.config)]
    if (!token) return { status: 'signed-out' }
    try {
      const result = await validateSignInSession(services, { token })
      if (result.status !== 'valid') return { status: 'signed-out' }
      const { userId, role, id } = result.session
      return { status: 'signed-in', userId, role, signInSessionId: id }
    } catch (error) {
      services.logger.warn({ err: error }, 'socket handshake: sign-in session check failed')
      return { status: 'unavailable' }
    }
  }
}
