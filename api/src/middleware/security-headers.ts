import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'
import { setResponseHeader } from './node-bindings.js'

type SecurityHeaderOptions = {
  /** Origins beyond the app's own that pages may load media from and connect to (Cloud Storage). */
  storageOrigins: readonly string[]
  strictTransportSecondsMax: number
}

/**
 * The security headers of every answer, built once at start-up. They are set before the route
 * runs, so a header the route sets itself (file downloads send a sandboxing CSP of their own)
 * replaces ours, and no answer is copied to add them afterwards. On the Node server they go
 * straight onto its response, whose own headers Node merges with the answer's (the answer's win):
 * through Hono's `c.header` each would pass the fetch `Headers` class's validation, several
 * microseconds a request, and take the answer off @hono/node-server's fast path.
 */
export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler<AppEnv> {
  const storage = options.storageOrigins
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    ['media-src', "'self'", 'blob:', ...storage].join(' '),
    ['connect-src', "'self'", ...storage].join(' '),
    // The résumé viewer frames a PDF it fetched (as a blob), leaving the file route's own headers strict.
    "frame-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['Strict-Transport-Security', `max-age=${options.strictTransportSecondsMax}; includeSubDomains`],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()'],
  ]
  return async function securityHeaders(c, next) {
    for (const [name, value] of headers) setResponseHeader(c, name, value)
    await next()
  }
}
