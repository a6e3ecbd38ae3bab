import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../lib/app-env.js'
import { safeEqual } from '../lib/crypto.js'
import { AppError } from '../lib/errors.js'
import { OAUTH_PROVIDER_IDS, type OAuthProviderId } from '../lib/oidc.js'
import { toSafeRedirectPath } from '../lib/redirect.js'
import { requireAuth } from '../middleware/guards.js'
import {
  clearSignInSessionCookie,
  readSignInSessionCookie,
  setSignInSessionCookie,
} from '../middleware/sign-in-session.js'
import {
  AuthOptionsSchema,
  DevLoginBodySchema,
  LogoutAllSchema,
  MeSchema,
  OAuthCallbackQuerySchema,
  OAuthStartQuerySchema,
  ProviderIdSchema,
} from '../schemas/auth.js'
import { ErrorBodySchema } from '../schemas/errors.js'
import {
  findSignedInUser,
  isSignupCodeAccepted,
  isSignupCodeRequired,
  type SignInRefusal,
  saveOAuthAttempt,
  signInWithIdentity,
  takeOAuthAttempt,
} from '../services/auth.js'
import {
  createSignInSession,
  revokeSignInSession,
  revokeUserSignInSessions,
} from '../services/sign-in-sessions.js'

const OAUTH_STATE_COOKIE = 'vh_oauth_state'
const OAUTH_STATE_MAX_AGE_SECONDS = 10 * 60
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const errorResponse = (description: string) => json(ErrorBodySchema, description)
const ProviderParamsSchema = z.object({ provider: ProviderIdSchema })

const optionsRoute = createRoute({
  method: 'get',
  path: '/auth/providers',
  tags: ['Auth'],
  summary: 'How people can sign in here',
  description:
    'Public. The configured providers, whether development sign-in is on, and whether recruiters need a sign-up code.',
  responses: { 200: json(AuthOptionsSchema, 'Sign-in options') },
})

const startRoute = createRoute({
  method: 'get',
  path: '/auth/{provider}',
  tags: ['Auth'],
  summary: 'Start signing in with Google or LinkedIn',
  description:
    'Public, opened by the browser. Redirects to the provider with state (and PKCE and nonce where supported) kept in a ten-minute HttpOnly cookie. Refusals redirect to the sign-in page with `?error=`.',
  request: { params: ProviderParamsSchema, query: OAuthStartQuerySchema },
  responses: { 302: { description: 'To the provider, or back to the sign-in page with an error' } },
})

const callbackRoute = createRoute({
  method: 'get',
  path: '/auth/{provider}/callback',
  tags: ['Auth'],
  summary: 'Where the provider sends the browser back',
  description:
    'Public, reached only through the provider. Checks state, exchanges the code, verifies the ID token, then signs in (new session id) and redirects into the app; refusals redirect to `/sign-in?error=<reason>`.',
  request: { params: ProviderParamsSchema, query: OAuthCallbackQuerySchema },
  responses: { 302: { description: 'Into the app, or to the sign-in page with an error' } },
})

const devLoginRoute = createRoute({
  method: 'post',
  path: '/auth/dev-login',
  tags: ['Auth'],
  summary: 'Development sign-in by email (AUTH_DEV_LOGIN=true only)',
  description:
    'Public when AUTH_DEV_LOGIN is on (never in production); 404 otherwise. Creates the account on first use.',
  request: { body: { content: { 'application/json': { schema: DevLoginBodySchema } }, required: true } },
  responses: {
    200: json(MeSchema, 'Signed in'),
    403: errorResponse('Sign-up code missing or wrong, or email owned by another provider'),
    404: errorResponse('Development sign-in is off'),
  },
})

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'Sign out of this browser',
  description: 'Anyone; ends the session named by the cookie, if any.',
  responses: { 204: { description: 'Signed out' } },
})

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  tags: ['Auth'],
  summary: 'Sign out everywhere',
  description: 'Signed-in users (session cookie). Ends every session of the user, on every device.',
  middleware: [requireAuth()] as const,
  responses: { 200: json(LogoutAllSchema, 'Sessions ended'), 401: errorResponse('Not signed in') },
})

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Auth'],
  summary: 'The signed-in user',
  description: 'Signed-in users (session cookie).',
  middleware: [requireAuth()] as const,
  responses: { 200: json(MeSchema, 'The user'), 401: errorResponse('Not signed in') },
})

/** Sign-in, sign-out and the current user. Fixed paths come before `/auth/{provider}`, which would match them. */
export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(optionsRoute, async (c) => {
    const { oauthProviders, config, prisma } = c.var.services
    return c.json(
      {
        providers: OAUTH_PROVIDER_IDS.filter((id) => oauthProviders.has(id)).map((id) => ({
          id,
          name: oauthProviders.get(id)?.traits.name ?? id,
        })),
        isDevLoginEnabled: config.AUTH_DEV_LOGIN,
        isSignupCodeRequired: await isSignupCodeRequired(prisma),
      },
      200,
    )
  })
  .openapi(devLoginRoute, async (c) => {
    const { config, prisma, logger } = c.var.services
    if (!config.AUTH_DEV_LOGIN)
      throw new AppError({ code: 'NOT_FOUND', message: 'Development sign-in is not enabled.' })
    const body = c.req.valid('json')
    const result = await signInWithIdentity({
      prisma,
      provider: 'dev',
      claims: {
        sub: body.email,
        email: body.email,
        isEmailVerified: true,
        name: body.fullName,
        picture: undefined,
      },
      signUpRole: body.role === 'CANDIDATE' ? 'CANDIDATE' : 'RECRUITER',
      signupCode: body.signupCode,
    })
    if (result.kind === 'refused')
      throw new AppError({
        code: 'FORBIDDEN',
        message: describeRefusal(result.reason),
        details: { reason: result.reason },
      })
    let user = result.user
    // Development accounts may be admins, so every area of the product can be tried locally.
    if (result.isNew && body.role === 'ADMIN') {
      user = await prisma.user.update({
        where: { id: user.id },
        data: { role: 'ADMIN' },
        select: { id: true, email: true, role: true, fullName: true, avatarUrl: true },
      })
    }
    await startSignInSession(c, user.id, user.role)
    logger.info({ userId: user.id, provider: 'dev' }, 'signed in')
    return c.json({ user }, 200)
  })
  .openapi(logoutRoute, async (c) => {
    const token = readSignInSessionCookie(c)
    if (token) await revokeSignInSession(c.var.services, { token })
    if (c.var.auth?.kind === 'session') c.var.services.realtime.disconnectSignInSession(c.var.auth.sessionId)
    clearSignInSessionCookie(c)
    return c.body(null, 204)
  })
  .openapi(logoutAllRoute, async (c) => {
    const auth = c.var.auth
    if (auth?.kind !== 'session')
      throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
    const revokedSessions = await revokeUserSignInSessions(c.var.services, { userId: auth.userId })
    c.var.services.realtime.disconnectUser(auth.userId)
    clearSignInSessionCookie(c)
    c.var.logger.info({ userId: auth.userId, revokedSessions }, 'signed out everywhere')
    return c.json({ revokedSessions }, 200)
  })
  .openapi(meRoute, async (c) => {
    const auth = c.var.auth
    const user = auth ? await findSignedInUser(c.var.services.prisma, auth.userId) : null
    if (!user) {
      clearSignInSessionCookie(c)
      throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
    }
    return c.json({ user }, 200)
  })
  .openapi(startRoute, async (c) => {
    const { provider: providerId } = c.req.valid('param')
    const { role, signupCode, redirectTo } = c.req.valid('query')
    const { oauthProviders, prisma, redis, logger } = c.var.services
    const provider = oauthProviders.get(providerId)
    if (!provider) return redirectToSignIn(c, 'provider_unavailable', providerId)
    // A wrong code fails at once; a missing one is checked at the callback, where it is known whether
    // the account is new (returning recruiters need no code).
    if (
      role === 'RECRUITER' &&
      signupCode !== undefined &&
      !(await isSignupCodeAccepted(prisma, signupCode))
    ) {
      return redirectToSignIn(c, 'signup_code_invalid', providerId)
    }
    let start: Awaited<ReturnType<typeof provider.start>>
    try {
      start = await provider.start()
    } catch (error) {
      logger.warn({ err: error, provider: providerId }, 'OpenID discovery failed')
      return redirectToSignIn(c, 'provider_unavailable', providerId)
    }
    await saveOAuthAttempt(redis, start, {
      provider: providerId,
      signUpRole: role,
      signupCode,
      redirectTo: toSafeRedirectPath(redirectTo),
    })
    setCookie(c, OAUTH_STATE_COOKIE, start.state, {
      httpOnly: true,
      secure: c.var.services.config.isProduction,
      sameSite: 'Lax',
      path: '/api/auth',
      maxAge: OAUTH_STATE_MAX_AGE_SECONDS,
    })
    return c.redirect(start.url.toString(), 302)
  })
  .openapi(callbackRoute, async (c) => {
    const { provider: providerId } = c.req.valid('param')
    const query = c.req.valid('query')
    const { oauthProviders, prisma, redis, logger, config } = c.var.services
    const cookieState = getCookie(c, OAUTH_STATE_COOKIE)
    deleteCookie(c, OAUTH_STATE_COOKIE, { path: '/api/auth', secure: config.isProduction, httpOnly: true })

    const provider = oauthProviders.get(providerId)
    if (!provider) return redirectToSignIn(c, 'provider_unavailable', providerId)
    // The state must be the one this browser started with, and unused (one attempt, one callback).
    if (!query.state || !cookieState || !safeEqual(query.state, cookieState)) {
      logger.warn({ provider: providerId }, 'sign-in refused: state missing or not this browser’s')
      return redirectToSignIn(c, 'state_mismatch', providerId)
    }
    const attempt = await takeOAuthAttempt(redis, query.state)
    if (!attempt || attempt.provider !== providerId) {
      logger.warn({ provider: providerId }, 'sign-in refused: unknown, expired or replayed state')
      return redirectToSignIn(c, 'state_mismatch', providerId)
    }
    if (query.error)
      return redirectToSignIn(
        c,
        query.error === 'access_denied' ? 'access_denied' : 'provider_error',
        providerId,
      )

    let claims: Awaited<ReturnType<typeof provider.finish>>
    try {
      const callbackUrl = new URL(`/api/auth/${providerId}/callback`, config.FRONTEND_URL)
      callbackUrl.search = new URL(c.req.url).search
      claims = await provider.finish(callbackUrl, attempt)
    } catch (error) {
      logger.warn(
        { provider: providerId, reason: error instanceof Error ? error.message : String(error) },
        'sign-in refused by verification',
      )
      return redirectToSignIn(c, 'provider_error', providerId)
    }
    const result = await signInWithIdentity({
      prisma,
      provider: providerId,
      claims,
      signUpRole: attempt.signUpRole,
      signupCode: attempt.signupCode,
    })
    if (result.kind === 'refused') {
      logger.info({ provider: providerId, reason: result.reason }, 'sign-in refused')
      return redirectToSignIn(c, result.reason, providerId)
    }
    await startSignInSession(c, result.user.id, result.user.role)
    logger.info({ userId: result.user.id, provider: providerId, isNew: result.isNew }, 'signed in')
    // Checked again here: the attempt was stored by an older release, or the rule has since grown stricter.
    return c.redirect(new URL(toSafeRedirectPath(attempt.redirectTo), config.FRONTEND_URL).toString(), 302)
  })

/** A fresh sign-in session id at every sign-in (session fixation defence), replacing any current one. */
async function startSignInSession(
  c: Context<AppEnv>,
  userId: string,
  role: Parameters<typeof createSignInSession>[1]['role'],
) {
  const previous = readSignInSessionCookie(c)
  if (previous) await revokeSignInSession(c.var.services, { token: previous })
  const { token } = await createSignInSession(c.var.services, { userId, role })
  setSignInSessionCookie(c, token)
}

function redirectToSignIn(c: Context<AppEnv>, reason: SignInRefusal, provider: OAuthProviderId) {
  const url = new URL('/sign-in', c.var.services.config.FRONTEND_URL)
  url.searchParams.set('error', reason)
  url.searchParams.set('provider', provider)
  return c.redirect(url.toString(), 302)
}

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

export function describeRefusal(reason: SignInRefusal): string {
  return REFUSAL_MESSAGES[reason]
}
