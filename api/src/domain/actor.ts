/**
 * Who is calling, as every service sees them. Built once per request by the edge (session cookie,
 * API key or candidate link); cron jobs and webhooks build their own. A service decides from it,
 * and only from it, what the caller may see or do.
 */

export const USER_ROLES = ['RECRUITER', 'CANDIDATE', 'ADMIN'] as const
export type UserRole = (typeof USER_ROLES)[number]

export const API_KEY_SCOPES = ['interviews:read', 'interviews:write', 'results:read'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

export type InterviewStatusName = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'EXPIRED'

/** The interview a candidate's link opens, as the link check read it. */
export type LinkedInterview = {
  id: string
  status: InterviewStatusName
  type: 'TEXT' | 'VOICE'
  jobRole: string
  timeLimitMinutes: number
  expiresAt: Date | null
  recruiterId: string
  candidateName: string | null
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value)
}

export type Actor =
  | { kind: 'anonymous' }
  /** A person signed in through the SPA; `signInSessionId` names their sign-in session. */
  | { kind: 'user'; userId: string; role: UserRole; signInSessionId: string }
  /** An integrator's API key, acting for its owner within its scopes. */
  | { kind: 'apiKey'; userId: string; role: UserRole; apiKeyId: string; scopes: ApiKeyScope[] }
  /** A candidate holding an interview link: one interview, nothing else. */
  | { kind: 'link'; linkId: string; interview: LinkedInterview }

export type AccountActor = Extract<Actor, { kind: 'user' | 'apiKey' }>

export const ANONYMOUS: Actor = { kind: 'anonymous' }

/** True for a signed-in user or an API key: someone with an account. */
export function hasAccount(actor: Actor): actor is AccountActor {
  return actor.kind === 'user' || actor.kind === 'apiKey'
}

export function isAdmin(actor: Actor): boolean {
  return hasAccount(actor) && actor.role === 'ADMIN'
}
