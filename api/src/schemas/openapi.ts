import type { z } from '@hono/zod-openapi'
import { ErrorBodySchema } from './errors.js'

/** Small helpers so route definitions read as the contract, not as OpenAPI boilerplate. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export function jsonContent<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true }
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
