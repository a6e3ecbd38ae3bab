import type { MiddlewareHandler } from 'hono'
import {
  type AccountActor,
  type Actor,
  type ApiKeyScope,
  hasAccount,
  type UserRole,
} from '../domain/actor.js'
import { AppError } from '../lib/errors.js'
import { accountSecurity } from '../schemas/openapi.js'
import { ROLE_NAMES } from '../services/access.js'
import type { AppEnv } from './app-env.js'

/**
 * Who may call a route: a signed-in user, optionally of given roles; API keys only where the route
 * names the scope they need. Admins pass every role check.
 */
export function requireAuth(
  options: { roles?: UserRole[]; apiKeyScope?: ApiKeyScope } = {},
): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    assertAllowed(c.get('actor'), options)
    await next()
  }
}

/**
 * A route's guard and what its OpenAPI operation says of it, from one set of options, so the two
 * cannot drift: `createRoute({ ...authorize({ roles: ['RECRUITER'] }), … })`.
 */
export function authorize(options: { roles?: UserRole[]; apiKeyScope?: ApiKeyScope } = {}) {
  return { middleware: requireAuth(options), security: accountSecurity(options) }
}

export function assertAllowed(
  actor: Actor,
  options: { roles?: UserRole[]; apiKeyScope?: ApiKeyScope },
): asserts actor is AccountActor {
  if (!hasAccount(actor)) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  if (actor.kind === 'apiKey') {
    if (!options.apiKeyScope) {
      throw new AppError({ code: 'FORBIDDEN', message: 'API keys cannot use this route; sign in instead.' })
    }
    if (!actor.scopes.includes(options.apiKeyScope)) {
      throw new AppError({
        code: 'FORBIDDEN',
        message: `This API key lacks the ${options.apiKeyScope} scope.`,
      })
    }
  }
  if (options.roles && actor.role !== 'ADMIN' && !options.roles.includes(actor.role)) {
    const wanted = options.roles.map((role) => ROLE_NAMES[role]).join(' or ')
    throw new AppError({ code: 'FORBIDDEN', message: `This needs a ${wanted} account.` })
  }
}
