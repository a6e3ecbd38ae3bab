import type { RequestIdVariables } from 'hono/request-id'
import type { Actor } from '../domain/actor.js'
import type { UserRole } from '../generated/prisma/enums.js'
import type { ValidLink } from '../services/interview-links.js'
import type { Logger } from './logger.js'
import type { Services } from './services.js'

/** Who is calling: a signed-in user (session cookie) or an integrator's API key acting for its owner. */
export type Auth =
  | { kind: 'session'; userId: string; role: UserRole; sessionId: string }
  | { kind: 'apiKey'; userId: string; role: UserRole; apiKeyId: string; scopes: string[] }

/** The Hono environment shared by every route and middleware of the API. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    services: Services
    /** Child logger carrying the request id. */
    logger: Logger
    /** The one description of the caller that services receive; anonymous until a middleware knows better. */
    actor: Actor
    /** Set by the session and API-key middleware; null for anonymous callers. */
    auth: Auth | null
    /** Set by the interview-link middleware: the candidate's link and its interview. */
    interviewLink: ValidLink | null
  }
}
