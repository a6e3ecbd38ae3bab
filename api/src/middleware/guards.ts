import type { MiddlewareHandler } from 'hono'
import type { UserRole } from '../generated/prisma/enums.js'
import type { AppEnv, Auth } from '../lib/app-env.js'
import { AppError } from '../lib/errors.js'

export type ApiKeyScope = 'interviews:read' | 'interviews:write' | 'results:read'
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['interviews:read', 'interviews:write', 'results:read']

const ROLE_NAMES: Record<UserRole, string> = {
  RECRUITER: 'recruiter',
  CANDIDATE: 'candidate',
  ADMIN: 'admin',
}

/**
 * Who may call a route: a signed-in user, optionally of given roles; API keys only where the route
 * names the scope they need. Admins pass every role check.
 */
export function requireAuth(
  options: { roles?: UserRole[]; apiKeyScope?: ApiKeyScope } = {},
): MiddlewareHandler<AppEnv> {
  return async function requireAuth(c, next) {
    assertAllowed(c.var.auth, options)
    await next()
  }
}

export function assertAllowed(
  auth: Auth | null,
  options: { roles?: UserRole[]; apiKeyScope?: ApiKeyScope },
): asserts auth is Auth {
  if (!auth) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  if (auth.kind === 'apiKey') {
    if (!options.apiKeyScope) {
      throw new AppError({ code: 'FORBIDDEN', message: 'API keys cannot use this route; sign in instead.' })
    }
    if (!auth.scopes.includes(options.apiKeyScope)) {
      throw new AppError({
        code: 'FORBIDDEN',
        message: `This API key lacks the ${options.apiKeyScope} scope.`,
      })
    }
  }
  if (options.roles && auth.role !== 'ADMIN' && !options.roles.includes(auth.role)) {
    const wanted = options.roles.map((role) => ROLE_NAMES[role]).join(' or ')
    throw new AppError({ code: 'FORBIDDEN', message: `This needs a ${wanted} account.` })
  }
}
