import type { z } from '@hono/zod-openapi'
import type { ApiKeyScope } from '../domain/actor.js'
import { ErrorBodySchema } from './errors.js'

/** Small helpers so route definitions read as the contract, not as OpenAPI boilerplate. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export function jsonContent<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true }
}

/**
 * A route's answer as its response schema outputs it: `c.json(responseBody(Schema, result), 200)`.
 * This is where the services' `Date`s become ISO strings (see `IsoDateTimeSchema`), so no handler or
 * service formats one. The answer's keys come in the schema's order, and keys the schema does not
 * name are left out. A result that does not fit is our bug, so it is thrown as a plain error, which
 * answers 500, not as the ZodError that would tell the caller their request was invalid.
 */
export function responseBody<S extends z.ZodType>(schema: S, result: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(result)
  if (!parsed.success) throw new Error('A response does not match its schema', { cause: parsed.error })
  return parsed.data
}

const ERROR_DESCRIPTIONS = {
  400: 'The request is not valid',
  401: 'Not signed in, or the credentials are not valid',
  403: 'Not allowed for this caller',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'A service this needs is unavailable; try again',
} as const

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS

/** The error envelope for each listed status. */
export function errorResponses<S extends ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [status, jsonResponse(ErrorBodySchema, ERROR_DESCRIPTIONS[status])]),
  ) as { [K in S[number]]: ReturnType<typeof jsonResponse<typeof ErrorBodySchema>> }
}

/** How each kind of caller proves who it is (see `middleware/`); named by each operation's `security`. */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'vh_session',
    description:
      'The session cookie set at sign-in (`__Host-vh_session` in production). Changes must also carry the app’s `Origin`.',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A VantaHire API key, `Authorization: Bearer vh_…`, created on the API keys page. Each operation lists the scope it needs.',
  },
  interviewLink: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Interview-Token',
    description: 'The token of a candidate’s interview link.',
  },
  brevoWebhook: {
    type: 'http',
    scheme: 'bearer',
    description: 'The token configured as `BREVO_WEBHOOK_TOKEN`, sent by Brevo’s delivery webhook.',
  },
  whatsappSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature-256',
    description: 'The HMAC-SHA256 of the body with `WHATSAPP_APP_SECRET`, sent by the WhatsApp Cloud API.',
  },
} as const

export type SecurityRequirement = Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>

/** Anyone may call: no credentials needed (a bad API key is still refused). */
export const PUBLIC_SECURITY: SecurityRequirement[] = []

/**
 * Who may call a route that needs an account: the session cookie of any role, and an API key only
 * where the route names the scope it needs (OpenAPI 3.1 lets a bearer scheme list it).
 */
export function accountSecurity(options: { apiKeyScope?: ApiKeyScope }): SecurityRequirement[] {
  return options.apiKeyScope ? [{ session: [] }, { apiKey: [options.apiKeyScope] }] : [{ session: [] }]
}

/** Anyone, and the answer depends on who is signed in. */
export const OPTIONAL_SESSION_SECURITY: SecurityRequirement[] = [{}, { session: [] }]

export const INTERVIEW_LINK_SECURITY: SecurityRequirement[] = [{ interviewLink: [] }]

/** Files: a signed-in person or a candidate link; the file's own rules decide the rest. */
export const SESSION_OR_LINK_SECURITY: SecurityRequirement[] = [{ session: [] }, { interviewLink: [] }]

/** Anyone for public files (logos); a signed-in person or a candidate link for the others. */
export const ANYONE_SESSION_OR_LINK_SECURITY: SecurityRequirement[] = [{}, ...SESSION_OR_LINK_SECURITY]

export const BREVO_WEBHOOK_SECURITY: SecurityRequirement[] = [{ brevoWebhook: [] }]

export const WHATSAPP_WEBHOOK_SECURITY: SecurityRequirement[] = [{ whatsappSignature: [] }]

type Operation = {
  method: string
  path: string
  security?: SecurityRequirement[]
  request?: { body?: { content?: Record<string, unknown> } }
  responses: Record<string, unknown>
}

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete'])

/** Node's HTTP server answers this itself, with no body, before any of the app's code runs. */
const HEADERS_TOO_LARGE = {
  description: 'The URL or the headers are larger than the server reads (16 KB); sent with no body',
}

/**
 * The answers an operation can give whatever its handler does, added to what its route declares (a
 * route's own description of a status wins over the generic one): the HTTP server's and the app-wide
 * middleware's (`app.ts`), and those of its callers' credentials.
 * - Anywhere: 431 for a URL or headers over 16 KB.
 * - Under `/api`: 400 for text Postgres cannot store (checked before any route runs) or input its
 *   schema refuses; 503 while Postgres or Redis is unreachable; 404 for a path parameter left empty
 *   (no route matches); 413 for a body over the JSON limit, and 415 for a JSON body sent as another
 *   type.
 * - Under `/api` but for provider webhooks, which authenticate themselves: 401 for an `Authorization`
 *   header that is not a valid API key, even where none is needed; 429 once an API key has used its
 *   day; 403 for a change sent with the session cookie but without the app's `Origin`.
 * - Operations needing an account: 401 and 403; those of a candidate link: 401, 410 and 429.
 */
export function withStandardResponses<O extends Operation>(operation: O, options: { isWebhook: boolean }): O {
  const added: Record<string, unknown> = { 431: HEADERS_TOO_LARGE }
  if (operation.path.startsWith('/api/')) {
    const security = operation.security ?? []
    const needsAccount =
      security.length > 0 &&
      security.every((requirement) => 'session' in requirement || 'apiKey' in requirement)
    const usesLink = security.some((requirement) => 'interviewLink' in requirement)
    const isChange = UNSAFE_METHODS.has(operation.method)
    const hasBody = operation.request?.body !== undefined
    const statuses = new Set<ErrorStatus>([400, 503])
    if (operation.path.includes('{')) statuses.add(404)
    if (isChange || hasBody) statuses.add(413)
    if (operation.request?.body?.content?.['application/json']) statuses.add(415)
    const forbidden: string[] = []
    if (!options.isWebhook) {
      statuses.add(401).add(429)
      if (needsAccount) {
        forbidden.push('not allowed for this account')
        forbidden.push(
          security.some((requirement) => 'apiKey' in requirement)
            ? 'the API key lacks the scope this needs'
            : 'API keys cannot use this route',
        )
      }
      if (isChange) forbidden.push('a change sent with the session cookie but without the app’s Origin')
      if (forbidden.length > 0) statuses.add(403)
      if (usesLink) statuses.add(410)
    }
    for (const status of statuses) {
      const description =
        status === 403
          ? `Not allowed: ${forbidden.join('; ')}`
          : status === 401 && security.length === 0
            ? 'An `Authorization` header was sent that is not a valid API key'
            : status === 410 && usesLink
              ? 'The interview of this link has expired'
              : status === 415
                ? 'The body is not sent as `application/json`'
                : ERROR_DESCRIPTIONS[status]
      added[status] = jsonResponse(ErrorBodySchema, description)
    }
  }

  // A route's own words win, unless they are only the generic ones this knows better than.
  const responses: Record<string, unknown> = { ...added }
  for (const [status, response] of Object.entries(operation.responses)) {
    const isGeneric =
      status in added &&
      status !== '431' &&
      (response as { description?: string }).description === ERROR_DESCRIPTIONS[Number(status) as ErrorStatus]
    if (!isGeneric) responses[status] = response
  }
  return { ...operation, responses }
}
