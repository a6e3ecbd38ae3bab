import type { Context } from 'hono'
import type { AppEnv } from './app-env.js'
import { AppError } from './errors.js'

/** The caller as services see them: whose data it is, and whether admin rights apply. */
export type Actor = { userId: string; isAdmin: boolean }

/** The signed-in caller; only for routes behind `requireAuth`. */
export function actorOf(c: Context<AppEnv>): Actor {
  const auth = c.var.auth
  if (!auth) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  return { userId: auth.userId, isAdmin: auth.role === 'ADMIN' }
}
