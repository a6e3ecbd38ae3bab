import type { Actor, UserRole } from '../../src/domain/actor.js'

/**
 * A signed-in person as services see them, for tests that call a service directly. No sign-in
 * session backs the id: only sign-out reads it, and these tests never sign out through it.
 */
export function signedInActor(user: { id: string; role: UserRole }): Extract<Actor, { kind: 'user' }> {
  return { kind: 'user', userId: user.id, role: user.role, signInSessionId: `test-only-${user.id}` }
}
