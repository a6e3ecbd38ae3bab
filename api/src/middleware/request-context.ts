import type { MiddlewareHandler } from 'hono'
import { ANONYMOUS } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import type { AppEnv } from './app-env.js'
import { nodeRequestOf, setResponseHeader } from './node-bindings.js'
import { requestLogger } from './request-logger.js'
import { securityHeaders } from './security-headers.js'

const REQUEST_ID_HEADER = 'X-Request-Id'
const REQUEST_ID_MAX_LENGTH = 255
/** A caller's own request id is kept when it is short and plain (letters, digits, `_`, `-`, `=`). */
const UNSAFE_REQUEST_ID = /[^\w\-=]/

/**
 * What every request needs before anything else, in one step rather than four: its id (the
 * caller's `X-Request-Id` when usable, else a new one, echoed back), the services and an anonymous
 * actor, a logger carrying the id and the request's log line (see `requestLogger`), and the
 * security headers (see `securityHeaders`).
 */
export function requestContext(options: {
  services: Services
  storageOrigins: readonly string[]
  strictTransportSecondsMax: number
}): MiddlewareHandler<AppEnv> {
  const { services } = options
  const headers = securityHeaders(options)
  const logRequest = requestLogger()
  return async function requestContext(c, next) {
    // Read from Node's own request where there is one: the fetch Request's headers are built on
    // first use, and a probe reads no other header.
    const incoming = nodeRequestOf(c)
    let id = incoming ? incoming.headers['x-request-id'] : c.req.header(REQUEST_ID_HEADER)
    if (typeof id !== 'string' || id.length > REQUEST_ID_MAX_LENGTH || UNSAFE_REQUEST_ID.test(id))
      id = crypto.randomUUID()
    c.set('requestId', id)
    setResponseHeader(c, REQUEST_ID_HEADER, id)
    c.set('services', services)
    c.set('actor', ANONYMOUS)
    await logRequest(c, async () => {
      await headers(c, next)
    })
  }
}
