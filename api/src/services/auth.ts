import { z } from 'zod'
import type { Actor, UserRole } from '../domain/actor.js'
import { signedInLandingPath, toSafeRedirectPath } from '../domain/redirect.js'
import type { SignInRefusal, SignUpRole } from '../domain/sign-in.js'
import type { Services } from '../infra/container.js'
import type { Database } from '../infra/db.js'
import { safeEqual } from '../lib/crypto.js'
import { AppError, isUniqueViolation } from '../lib/errors.js'
import {
  type IdentityClaims,
  OAUTH_PROVIDER_IDS,
  type OAuthProviderId,
  type OAuthStart,
} from '../providers/oidc.js'
import { SignUpRoleSchema } from '../schemas/auth.js'
import { requireSignedInUser } from './access.js'
import { createSignInSession, revokeSignInSession, revokeUserSignInSessions } from './sign-in-sessions.js'

// The SPA's sign-in page still imports the type from here; its home is domain/sign-in.ts.
export type { SignInRefusal } from '../domain/sign-in.js'

/*
 * Signing in takes `(deps, input)`: until it succeeds there is no actor, only a browser holding a
 * cookie (`previousToken`, the sign-in session it replaces) and a provider's answer. Signing out
 * everywhere and reading the signed-in user take the actor like every other service.
 */

const OAUTH_ATTEMPT_TTL_SECONDS = 10 * 60

const OAuthAttemptSchema = z.object({
  provider: z.enum(OAUTH_PROVIDER_IDS),
  state: z.string(),
  nonce: z.string().optional(),
  codeVerifier: z.string().optional(),
  signUpRole: SignUpRoleSchema,
  signupCode: z.string().optional(),
  // Absent when the person asked for no page: they land on their role's page, known only at the end.
  redirectTo: z.string().optional(),
})
type OAuthAttempt = z.infer<typeof OAuthAttemptSchema>

const attemptKey = (state: string) => `oauth-attempt:${state}`

const REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  email_missing: 'The provider did not share an email address.',
  email_unverified: 'The provider has not verified this email address.',
  email_linked_to_other_provider:
    'This email already signs in with another provider; an admin must merge the accounts.',
  signup_code_invalid: 'Recruiter sign-up needs the sign-up code from your VantaHire admin.',
  state_mismatch: 'The sign-in attempt expired or did not start in this browser.',
  access_denied: 'Sign-in was cancelled at the provider.',
  provider_error: 'The provider’s answer could not be verified.',
  provider_unavailable: 'This sign-in provider is not available.',
  account_disabled: 'This account has been disabled. Contact your VantaHire admin.',
}

/** The admins' recruiter sign-up code, if they set one. */
async function currentSignupCode(prisma: Database): Promise<string | null> {
  const settings = await prisma.adminSettings.findFirst({
    select: { secretSignupCode: true },
    orderBy: { createdAt: 'asc' },
  })
  return settings?.secretSignupCode ?? null
}

/** True when recruiters need no code, or `code` is the admins' current one. */
async function isSignupCodeAccepted(prisma: Database, code: string | undefined): Promise<boolean> {
  const expected = await currentSignupCode(prisma)
  if (!expected) return true
  return code !== undefined && safeEqual(code, expected)
}

/** How people can sign in here: the configured providers, development sign-in, the sign-up code. Public. */
export async function getSignInOptions(deps: Pick<Services, 'oauthProviders' | 'config' | 'prisma'>) {
  const { oauthProviders } = deps
  return {
    providers: OAUTH_PROVIDER_IDS.filter((id) => oauthProviders.has(id)).map((id) => ({
      id,
      name: oauthProviders.get(id)?.traits.name ?? id,
    })),
    isDevLoginEnabled: deps.config.AUTH_DEV_LOGIN,
    isSignupCodeRequired: Boolean(await currentSignupCode(deps.prisma)),
  }
}

const SIGNED_IN_USER_SELECT = { id: true, email: true, role: true, fullName: true, avatarUrl: true } as const
const USER_WITH_ACCESS_SELECT = { ...SIGNED_IN_USER_SELECT, disabledAt: true } as const
export type SignedInUser = {
  id: string
  email: string
  role: UserRole
  fullName: string | null
  avatarUrl: string | null
}

type SignInDeps = Pick<Services, 'prisma' | 'redis' | 'logger'>

/**
 * A fresh sign-in session id at every sign-in (session fixation defence), replacing the one the
 * browser held, if any. Returns the new cookie value.
 */
async function startSignInSession(
  deps: SignInDeps,
  input: { user: SignedInUser; previousToken?: string },
): Promise<string> {
  if (input.previousToken) await revokeSignInSession(deps, { token: input.previousToken })
  const { token } = await createSignInSession(deps, { userId: input.user.id, role: input.user.role })
  return token
}

/**
 * Development sign-in by email (AUTH_DEV_LOGIN only; not found otherwise). Creates the account on
 * first use; development accounts may be admins, so every area of the product can be tried locally.
 */
export async function signInForDevelopment(
  deps: SignInDeps & Pick<Services, 'config'>,
  input: { email: string; role: UserRole; fullName?: string; signupCode?: string; previousToken?: string },
): Promise<{ user: SignedInUser; token: string }> {
  if (!deps.config.AUTH_DEV_LOGIN)
    throw new AppError({ code: 'NOT_FOUND', message: 'Development sign-in is not enabled.' })
  const result = await signInWithIdentity(deps, {
    provider: 'dev',
    claims: {
      sub: input.email,
      email: input.email,
      isEmailVerified: true,
      name: input.fullName,
      picture: undefined,
    },
    signUpRole: input.role === 'CANDIDATE' ? 'CANDIDATE' : 'RECRUITER',
    signupCode: input.signupCode,
  })
  if (result.kind === 'refused')
    throw new AppError({
      code: 'FORBIDDEN',
      message: REFUSAL_MESSAGES[result.reason],
      details: { reason: result.reason },
    })
  let user = result.user
  if (result.isNew && input.role === 'ADMIN') {
    user = await deps.prisma.user.update({
      where: { id: user.id },
      data: { role: 'ADMIN' },
      select: SIGNED_IN_USER_SELECT,
    })
  }
  const token = await startSignInSession(deps, { user, previousToken: input.previousToken })
  deps.logger.info({ userId: user.id, provider: 'dev' }, 'signed in')
  return { user, token }
}

/**
 * Begins signing in with Google or LinkedIn: the URL to send the browser to, and the `state` the
 * browser must bring back. The attempt is remembered in Redis for ten minutes, keyed by that state.
 */
export async function startOAuthSignIn(
  deps: Pick<Services, 'oauthProviders' | 'prisma' | 'redis' | 'logger'>,
  input: { provider: OAuthProviderId; role: SignUpRole; signupCode?: string; redirectTo?: string },
): Promise<{ kind: 'redirect'; url: string; state: string } | { kind: 'refused'; reason: SignInRefusal }> {
  const provider = deps.oauthProviders.get(input.provider)
  if (!provider) return { kind: 'refused', reason: 'provider_unavailable' }
  // A wrong code fails at once; a missing one is checked at the callback, where it is known whether
  // the account is new (returning recruiters need no code).
  if (
    input.role === 'RECRUITER' &&
    input.signupCode !== undefined &&
    !(await isSignupCodeAccepted(deps.prisma, input.signupCode))
  ) {
    return { kind: 'refused', reason: 'signup_code_invalid' }
  }
  let start: OAuthStart
  try {
    start = await provider.start()
  } catch (error) {
    deps.logger.warn({ err: error, provider: input.provider }, 'OpenID discovery failed')
    return { kind: 'refused', reason: 'provider_unavailable' }
  }
  const attempt: OAuthAttempt = {
    provider: input.provider,
    state: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
    signUpRole: input.role,
    signupCode: input.signupCode,
    redirectTo: toSafeRedirectPath(input.redirectTo),
  }
  await deps.redis.set(attemptKey(start.state), JSON.stringify(attempt), 'EX', OAUTH_ATTEMPT_TTL_SECONDS)
  return { kind: 'redirect', url: start.url.toString(), state: start.state }
}

/** Takes an attempt out of Redis (single use: a replayed callback finds nothing). */
async function takeOAuthAttempt(
  deps: Pick<Services, 'redis'>,
  state: string,
): Promise<OAuthAttempt | undefined> {
  const raw = await deps.redis.getdel(attemptKey(state))
  if (!raw) return undefined
  const parsed = OAuthAttemptSchema.safeParse(JSON.parse(raw))
  return parsed.success ? parsed.data : undefined
}

/**
 * Completes signing in when the provider sends the browser back: checks the state against the one
 * this browser started with (and uses it up), exchanges the code and verifies the ID token, then
 * signs the person in. Returns the new sign-in session's cookie value and the app path to land on.
 */
export async function finishOAuthSignIn(
  deps: SignInDeps & Pick<Services, 'oauthProviders'>,
  input: {
    provider: OAuthProviderId
    /** The callback's query string, as the provider sent it. */
    callbackQuery: string
    state?: string
    error?: string
    /** The state this browser was given when it started, from its cookie. */
    browserState?: string
    previousToken?: string
  },
): Promise<
  { kind: 'signed-in'; token: string; redirectTo: string } | { kind: 'refused'; reason: SignInRefusal }
> {
  const { logger } = deps
  const provider = deps.oauthProviders.get(input.provider)
  if (!provider) return { kind: 'refused', reason: 'provider_unavailable' }
  // The state must be the one this browser started with, and unused (one attempt, one callback).
  if (!input.state || !input.browserState || !safeEqual(input.state, input.browserState)) {
    logger.warn({ provider: input.provider }, 'sign-in refused: state missing or not this browser’s')
    return { kind: 'refused', reason: 'state_mismatch' }
  }
  const attempt = await takeOAuthAttempt(deps, input.state)
  if (!attempt || attempt.provider !== input.provider) {
    logger.warn({ provider: input.provider }, 'sign-in refused: unknown, expired or replayed state')
    return { kind: 'refused', reason: 'state_mismatch' }
  }
  if (input.error)
    return { kind: 'refused', reason: input.error === 'access_denied' ? 'access_denied' : 'provider_error' }

  let claims: IdentityClaims
  try {
    claims = await provider.finish(input.callbackQuery, attempt)
  } catch (error) {
    logger.warn(
      { provider: input.provider, reason: error instanceof Error ? error.message : String(error) },
      'sign-in refused by verification',
    )
    return { kind: 'refused', reason: 'provider_error' }
  }
  const result = await signInWithIdentity(deps, {
    provider: input.provider,
    claims,
    signUpRole: attempt.signUpRole,
    signupCode: attempt.signupCode,
  })
  if (result.kind === 'refused') {
    logger.info({ provider: input.provider, reason: result.reason }, 'sign-in refused')
    return result
  }
  const token = await startSignInSession(deps, { user: result.user, previousToken: input.previousToken })
  logger.info({ userId: result.user.id, provider: input.provider, isNew: result.isNew }, 'signed in')
  // Checked again here: the attempt was stored by an older release, or the rule has since grown stricter.
  return { kind: 'signed-in', token, redirectTo: signedInLandingPath(result.user.role, attempt.redirectTo) }
}

type IdentitySignIn = {
  provider: OAuthProviderId | 'dev'
  claims: IdentityClaims
  signUpRole: SignUpRole
  signupCode?: string
}
type SignInResult =
  | { kind: 'signed-in'; user: SignedInUser; isNew: boolean }
  | { kind: 'refused'; reason: SignInRefusal }

/**
 * The plan's cutover rules: a known (provider, subject) signs in; an account imported from the old
 * platform (`legacy`) with the same email is linked to this provider; an email already tied to
 * another provider is refused until an admin merges the accounts; otherwise a new account is made
 * with the role the person chose. Emails count only when the provider says they are verified.
 */
export async function signInWithIdentity(
  deps: Pick<Services, 'prisma'>,
  input: IdentitySignIn,
): Promise<SignInResult> {
  try {
    return await findOrCreateUser(deps.prisma, input)
  } catch (error) {
    // The same person's first sign-in ran twice at once (two tabs, a double click, two instances)
    // and the other attempt created or linked the account first: this one now finds it.
    if (!isUniqueViolation(error)) throw error
    return findOrCreateUser(deps.prisma, input)
  }
}

async function findOrCreateUser(prisma: Database, input: IdentitySignIn): Promise<SignInResult> {
  const { provider, claims } = input
  const known = await prisma.user.findUnique({
    where: { provider_providerId: { provider, providerId: claims.sub } },
    select: USER_WITH_ACCESS_SELECT,
  })
  if (known) {
    const { disabledAt, ...user } = known
    if (disabledAt) return { kind: 'refused', reason: 'account_disabled' }
    return { kind: 'signed-in', user, isNew: false }
  }

  if (!claims.email) return { kind: 'refused', reason: 'email_missing' }
  if (!claims.isEmailVerified) return { kind: 'refused', reason: 'email_unverified' }

  const sameEmail = await prisma.user.findUnique({
    where: { email: claims.email },
    select: { ...USER_WITH_ACCESS_SELECT, provider: true, providerId: true },
  })
  if (sameEmail) {
    const { disabledAt, provider: linkedProvider, providerId, ...user } = sameEmail
    // This very identity, created a moment ago by a sign-in running at the same time.
    const isThisIdentity = linkedProvider === provider && providerId === claims.sub
    if (linkedProvider !== 'legacy' && !isThisIdentity)
      return { kind: 'refused', reason: 'email_linked_to_other_provider' }
    if (disabledAt) return { kind: 'refused', reason: 'account_disabled' }
    if (isThisIdentity) return { kind: 'signed-in', user, isNew: false }
    const linked = await prisma.user.update({
      where: { id: user.id },
      data: { provider, providerId: claims.sub },
      select: SIGNED_IN_USER_SELECT,
    })
    return { kind: 'signed-in', user: linked, isNew: false }
  }

  if (input.signUpRole === 'RECRUITER' && !(await isSignupCodeAccepted(prisma, input.signupCode))) {
    return { kind: 'refused', reason: 'signup_code_invalid' }
  }
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email: claims.email as string,
        role: input.signUpRole,
        provider,
        providerId: claims.sub,
        fullName: claims.name,
        avatarUrl: claims.picture,
        ...(input.signUpRole === 'RECRUITER'
          ? { recruiterProfile: { create: {} } }
          : { candidateProfile: { create: { fullName: claims.name, email: claims.email } } }),
      },
      select: SIGNED_IN_USER_SELECT,
    })
    // Interviews already sent to this address now belong to the new candidate account.
    if (input.signUpRole === 'CANDIDATE') {
      await tx.interview.updateMany({
        where: { candidateEmail: { equals: created.email, mode: 'insensitive' }, candidateUserId: null },
        data: { candidateUserId: created.id },
      })
    }
    return created
  })
  return { kind: 'signed-in', user, isNew: true }
}

/** Ends the sign-in session a cookie names, and closes the sockets it opened on every instance. Anyone may. */
export async function signOut(deps: Pick<Services, 'redis' | 'realtime'>, input: { token?: string }) {
  if (!input.token) return
  const signInSessionId = await revokeSignInSession(deps, { token: input.token })
  deps.realtime.disconnectSignInSession(signInSessionId)
}

/** Ends every sign-in session of the caller, on every device, and closes all their sockets. */
export async function signOutEverywhere(
  deps: Pick<Services, 'redis' | 'realtime' | 'logger'>,
  actor: Actor,
): Promise<{ revokedSessions: number }> {
  const { userId } = requireSignedInUser(actor)
  const revokedSessions = await revokeUserSignInSessions(deps, { userId })
  deps.realtime.disconnectUser(userId)
  deps.logger.info({ userId, revokedSessions }, 'signed out everywhere')
  return { revokedSessions }
}

/** The signed-in user, or null when the account is gone or disabled since the sign-in. */
export async function findSignedInUser(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
): Promise<SignedInUser | null> {
  if (actor.kind !== 'user') return null
  const user = await deps.prisma.user.findUnique({
    where: { id: actor.userId },
    select: USER_WITH_ACCESS_SELECT,
  })
  if (!user || user.disabledAt) return null
  const { disabledAt: _disabledAt, ...signedIn } = user
  return signedIn
}
