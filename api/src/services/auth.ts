import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { SignInRefusal, SignUpRole } from '../domain/sign-in.js'
import type { UserRole } from '../generated/prisma/enums.js'
import { safeEqual } from '../lib/crypto.js'
import type { Database } from '../lib/db.js'
import { isUniqueViolation } from '../lib/errors.js'
import type { IdentityClaims, OAuthProviderId, OAuthStart } from '../lib/oidc.js'
import { SignUpRoleSchema } from '../schemas/auth.js'

// The SPA's sign-in page still imports the type from here; its home is domain/sign-in.ts.
export type { SignInRefusal } from '../domain/sign-in.js'

const OAUTH_ATTEMPT_TTL_SECONDS = 10 * 60

const OAuthAttemptSchema = z.object({
  provider: z.enum(['google', 'linkedin']),
  state: z.string(),
  nonce: z.string().optional(),
  codeVerifier: z.string().optional(),
  signUpRole: SignUpRoleSchema,
  signupCode: z.string().optional(),
  redirectTo: z.string(),
})
export type OAuthAttempt = z.infer<typeof OAuthAttemptSchema>

const attemptKey = (state: string) => `oauth-attempt:${state}`

/** Remembers an authorization request for ten minutes, keyed by its `state`. */
export async function saveOAuthAttempt(
  redis: Redis,
  start: OAuthStart,
  attempt: Omit<OAuthAttempt, 'state' | 'nonce' | 'codeVerifier'>,
): Promise<void> {
  const record: OAuthAttempt = {
    ...attempt,
    state: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
  }
  await redis.set(attemptKey(start.state), JSON.stringify(record), 'EX', OAUTH_ATTEMPT_TTL_SECONDS)
}

/** Takes an attempt out of Redis (single use: a replayed callback finds nothing). */
export async function takeOAuthAttempt(redis: Redis, state: string): Promise<OAuthAttempt | undefined> {
  const raw = await redis.getdel(attemptKey(state))
  if (!raw) return undefined
  const parsed = OAuthAttemptSchema.safeParse(JSON.parse(raw))
  return parsed.success ? parsed.data : undefined
}

/** True when recruiters need no code, or `code` is the admins' current one. */
export async function isSignupCodeAccepted(prisma: Database, code: string | undefined): Promise<boolean> {
  const settings = await prisma.adminSettings.findFirst({
    select: { secretSignupCode: true },
    orderBy: { createdAt: 'asc' },
  })
  const expected = settings?.secretSignupCode
  if (!expected) return true
  return code !== undefined && safeEqual(code, expected)
}

export async function isSignupCodeRequired(prisma: Database): Promise<boolean> {
  const settings = await prisma.adminSettings.findFirst({
    select: { secretSignupCode: true },
    orderBy: { createdAt: 'asc' },
  })
  return Boolean(settings?.secretSignupCode)
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

/**
 * The plan's cutover rules: a known (provider, subject) signs in; an account imported from the old
 * platform (`legacy`) with the same email is linked to this provider; an email already tied to
 * another provider is refused until an admin merges the accounts; otherwise a new account is made
 * with the role the person chose. Emails count only when the provider says they are verified.
 */
export async function signInWithIdentity(options: SignInOptions): Promise<SignInResult> {
  try {
    return await findOrCreateUser(options)
  } catch (error) {
    // The same person's first sign-in ran twice at once (two tabs, a double click, two instances)
    // and the other attempt created or linked the account first: this one now finds it.
    if (!isUniqueViolation(error)) throw error
    return findOrCreateUser(options)
  }
}

type SignInOptions = {
  prisma: Database
  provider: OAuthProviderId | 'dev'
  claims: IdentityClaims
  signUpRole: SignUpRole
  signupCode?: string
}
type SignInResult =
  | { kind: 'signed-in'; user: SignedInUser; isNew: boolean }
  | { kind: 'refused'; reason: SignInRefusal }

async function findOrCreateUser(options: SignInOptions): Promise<SignInResult> {
  const { prisma, provider, claims } = options
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

  if (options.signUpRole === 'RECRUITER' && !(await isSignupCodeAccepted(prisma, options.signupCode))) {
    return { kind: 'refused', reason: 'signup_code_invalid' }
  }
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email: claims.email as string,
        role: options.signUpRole,
        provider,
        providerId: claims.sub,
        fullName: claims.name,
        avatarUrl: claims.picture,
        ...(options.signUpRole === 'RECRUITER'
          ? { recruiterProfile: { create: {} } }
          : { candidateProfile: { create: { fullName: claims.name, email: claims.email } } }),
      },
      select: SIGNED_IN_USER_SELECT,
    })
    // Interviews already sent to this address now belong to the new candidate account.
    if (options.signUpRole === 'CANDIDATE') {
      await tx.interview.updateMany({
        where: { candidateEmail: { equals: created.email, mode: 'insensitive' }, candidateUserId: null },
        data: { candidateUserId: created.id },
      })
    }
    return created
  })
  return { kind: 'signed-in', user, isNew: true }
}

/** The signed-in user, or null when the account is gone or disabled. */
export async function findSignedInUser(prisma: Database, userId: string): Promise<SignedInUser | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: USER_WITH_ACCESS_SELECT })
  if (!user || user.disabledAt) return null
  const { disabledAt: _disabledAt, ...signedIn } = user
  return signedIn
}
