import { type Actor, hasAccount, type UserRole } from '../domain/actor.js'
import { AppError } from '../lib/errors.js'

/** An actor with an account (signed in, or an API key acting for its owner), as ownership rules read it. */
export type Account = { userId: string; role: UserRole; isAdmin: boolean }

/** The caller's account; anyone else is told to sign in. */
export function requireAccount(actor: Actor): Account {
  if (!hasAccount(actor)) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  return { userId: actor.userId, role: actor.role, isAdmin: actor.role === 'ADMIN' }
}

/** A person signed in through the app; API keys do not reach what only people may do. */
export function requireSignedInUser(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind === 'user') return actor
  if (actor.kind === 'apiKey')
    throw new AppError({ code: 'FORBIDDEN', message: 'API keys cannot use this route; sign in instead.' })
  throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
}

export const ROLE_NAMES: Record<UserRole, string> = {
  RECRUITER: 'recruiter',
  CANDIDATE: 'candidate',
  ADMIN: 'admin',
}

/**
 * A person signed in through the app with one of `roles`. Admins pass every role check, as they do
 * at the route guards, so an admin can act on any recruiter's behalf.
 */
export function requireSignedInRole(actor: Actor, roles: readonly UserRole[]): Account {
  const user = requireSignedInUser(actor)
  if (user.role !== 'ADMIN' && !roles.includes(user.role)) {
    const wanted = roles.map((role) => ROLE_NAMES[role]).join(' or ')
    throw new AppError({ code: 'FORBIDDEN', message: `This needs a ${wanted} account.` })
  }
  return { userId: user.userId, role: user.role, isAdmin: user.role === 'ADMIN' }
}

/** The candidate's interview link; only for what a link opens. */
export function requireLink(actor: Actor): Extract<Actor, { kind: 'link' }> {
  if (actor.kind !== 'link')
    throw new AppError({ code: 'UNAUTHORIZED', message: 'This request needs the interview link’s token.' })
  return actor
}
