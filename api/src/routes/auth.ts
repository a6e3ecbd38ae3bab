import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { SignInRefusal } from '../domain/sign-in.js'
import { AppError } from '../lib/errors.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import {
  clearSignInSessionCookie,
  readSignInSessionCookie,
  setSignInSessionCookie,
} from '../middleware/sign-in-session.js'
import type { OAuthProviderId } from '../providers/oidc.js'
import {
  AuthOptionsSchema,
  CurrentUserSchema,
  DevLoginBodySchema,
  LogoutAllSchema,
  MeSchema,
  OAuthCallbackQuerySchema,
  OAuthStartQuerySchema,
  ProviderIdSchema,
} from '../schemas/auth.js'
import { ErrorBodySchema } from '../schemas/errors.js'
import { OPTIONAL_SESSION_SECURITY, PUBLIC_SECURITY, responseBody } from '../schemas/openapi.js'
import {
  findSignedInUser,
  finishOAuthSignIn,
  getSignInOptions,
  signInForDevelopment,
  signOut,
  signOutEverywhere,
  startOAuthSignIn,
} from '../services/auth.js'

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
  security: PUBLIC_SECURITY,
  tags: ['Auth'],
  summary: 'How people can sign in here',
  description:
    'Public. The configured providers, whether development sign-in is on, and whether recruiters need a sign-up code.',
  responses: { 200: json(AuthOptionsSchema, 'Sign-in options') },
})

const startRoute = createRoute({
  method: 'get',
  path: '/auth/{provider}',
  security: PUBLIC_SECURITY,
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
  security: PUBLIC_SECURITY,
  tags: ['Auth'],
  summary: 'Where the provider sends the browser back',
  description:
    'Public, reached only through the provider. Checks state, exchanges the code, verifies the ID token, then signs in (new session id) and redirects to the `redirectTo` the sign-in began with, or else to the role’s own page (recruiters `/dashboard`, candidates `/home`, admins `/admin/approvals`); refusals redirect to `/sign-in?error=<reason>`.',
  request: { params: ProviderParamsSchema, query: OAuthCallbackQuerySchema },
  responses: { 302: { description: 'Into the app, or to the sign-in page with an error' } },
})

const devLoginRoute = createRoute({
  method: 'post',
  path: '/auth/dev-login',
  security: PUBLIC_SECURITY,
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
  security: OPTIONAL_SESSION_SECURITY,
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
  ...authorize(),
  responses: { 200: json(LogoutAllSchema, 'Sessions ended'), 401: errorResponse('Not signed in') },
})

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  security: OPTIONAL_SESSION_SECURITY,
  tags: ['Auth'],
  summary: 'Who is signed in',
  description:
    'Public. The signed-in user (session cookie), or `user: null` when nobody is signed in, so that a page asking whether anyone is signed in gets an answer rather than an error; an ended session cookie is cleared. API keys are refused (403): they belong to an account but are no one signed in.',
  responses: {
    200: json(CurrentUserSchema, 'The signed-in user, or null'),
    403: errorResponse('Called with an API key'),
  },
})

/** Sign-in, sign-out and the current user. Fixed paths come before `/auth/{provider}`, which would match them. */
export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(optionsRoute, async (c) =>
    c.json(responseBody(AuthOptionsSchema, await getSignInOptions(c.var.services)), 200),
  )
  .openapi(devLoginRoute, async (c) => {
    const { user, token } = await signInForDevelopment(c.var.services, {
      ...c.req.valid('json'),
      previousToken: readSignInSessionCookie(c),
    })
    setSignInSessionCookie(c, token)
    return c.json(responseBody(MeSchema, { user }), 200)
  })
  .openapi(logoutRoute, async (c) => {
    await signOut(c.var.services, { token: readSignInSessionCookie(c) })
    clearSignInSessionCookie(c)
    return c.body(null, 204)
  })
  .openapi(logoutAllRoute, async (c) => {
    const result = await signOutEverywhere(c.var.services, c.var.actor)
    clearSignInSessionCookie(c)
    return c.json(responseBody(LogoutAllSchema, result), 200)
  })
  .openapi(meRoute, async (c) => {
    if (c.var.actor.kind === 'apiKey')
      throw new AppError({ code: 'FORBIDDEN', message: 'API keys cannot use this route; sign in instead.' })
    const user = await findSignedInUser(c.var.services, c.var.actor)
    // Signed out, or the account is gone or disabled: the browser's cookie is of no further use.
    if (!user && readSignInSessionCookie(c)) clearSignInSessionCookie(c)
    return c.json(responseBody(CurrentUserSchema, { user }), 200)
  })
  .openapi(startRoute, async (c) => {
    const { provider } = c.req.valid('param')
    const result = await startOAuthSignIn(c.var.services, { provider, ...c.req.valid('query') })
    if (result.kind === 'refused') return redirectToSignIn(c, result.reason, provider)
    setCookie(c, OAUTH_STATE_COOKIE, result.state, {
      httpOnly: true,
      secure: c.var.services.config.isProduction,
      sameSite: 'Lax',
      path: '/api/auth',
      maxAge: OAUTH_STATE_MAX_AGE_SECONDS,
    })
    return c.redirect(result.url, 302)
  })
  .openapi(callbackRoute, async (c) => {
    const { provider } = c.req.valid('param')
    const { state, error } = c.req.valid('query')
    const { config } = c.var.services
    const browserState = getCookie(c, OAUTH_STATE_COOKIE)
    deleteCookie(c, OAUTH_STATE_COOKIE, { path: '/api/auth', secure: config.isProduction, httpOnly: true })
    const result = await finishOAuthSignIn(c.var.services, {
      provider,
      callbackQuery: new URL(c.req.url).search,
      state,
      error,
      browserState,
      previousToken: readSignInSessionCookie(c),
    })
    if (result.kind === 'refused') return redirectToSignIn(c, result.reason, provider)
    setSignInSessionCookie(c, result.token)
    return c.redirect(new URL(result.redirectTo, config.FRONTEND_URL).toString(), 302)
  })

function redirectToSignIn(c: Context<AppEnv>, reason: SignInRefusal, provider: OAuthProviderId) {
  const url = new URL('/sign-in', c.var.services.config.FRONTEND_URL)
  url.searchParams.set('error', reason)
  url.searchParams.set('provider', provider)
  return c.redirect(url.toString(), 302)
}
