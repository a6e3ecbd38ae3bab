import type { RequestIdVariables } from 'hono/request-id'
import type { Actor } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import type { Logger } from '../infra/logger.js'

/** The Hono environment shared by every route and middleware of the API. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    services: Services
    /** Child logger carrying the request id. */
    logger: Logger
    /** The one description of the caller that services receive; anonymous until a middleware knows better. */
    actor: Actor
  }
}
