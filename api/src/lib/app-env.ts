import type { RequestIdVariables } from 'hono/request-id'
import type { Logger } from './logger.js'
import type { Services } from './services.js'

/** The Hono environment shared by every route and middleware of the API. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    services: Services
    /** Child logger carrying the request id. */
    logger: Logger
  }
}
