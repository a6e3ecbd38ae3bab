import type { z } from '@hono/zod-openapi'
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
