import { type ClientResponse, hc } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import type { AppType } from '../../api/src/app'
import type { ErrorCode } from '../../api/src/domain/errors'

/**
 * The one client for VantaHire's API, typed from the API's own route definitions, so a changed
 * route or response shape breaks the SPA's build instead of a user's session.
 *
 * The base is the page's own origin because the API and the SPA are always served from one origin
 * (the API serves the built SPA; in development Vite proxies to it). An absolute base, rather than
 * '/', keeps `$url()` and `$ws()` working: both build a `URL`, which needs one.
 */
export const api = hc<AppType>(window.location.origin, {
  init: { credentials: 'include' },
})

/**
 * The API's error codes, plus one for answers that are not the API's envelope at all (a proxy's
 * error page). The server's codes are trusted as typed: the API serves this very build, so both
 * always come from the same commit.
 */
export type ApiErrorCode = ErrorCode | 'UNEXPECTED_RESPONSE'

/** An error the API reported through its error envelope, or a response that broke the contract. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: ApiErrorCode
  readonly requestId: string | undefined
  readonly details: unknown

  constructor(options: {
    status: number
    code: ApiErrorCode
    message: string
    requestId?: string
    details?: unknown
  }) {
    super(options.message)
    this.status = options.status
    this.code = options.code
    this.requestId = options.requestId
    this.details = options.details
  }
}

/** Body of the 2xx members of a typed response union (the API may declare error statuses too). */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? [Extract<S, SuccessStatusCode>] extends [never]
      ? never
      : T
    : never

type ResponseLike = Pick<Response, 'ok' | 'status' | 'statusText' | 'headers' | 'text'>

/**
 * Returns the parsed body of a 2xx response; turns anything else into an `ApiError`.
 * Every non-2xx answer from the API carries `{ error: { code, message, requestId?, details? } }`;
 * one without it (a proxy's 502 page, say) still becomes an ApiError so callers handle one type.
 */
export async function unwrap<R extends ResponseLike>(res: R): Promise<SuccessBody<R>> {
  if (res.ok) {
    const text = await res.text()
    // 204 and other empty bodies have nothing to parse; callers typed them as having no body.
    return (text === '' ? undefined : JSON.parse(text)) as SuccessBody<R>
  }
  throw await toApiError(res)
}

async function toApiError(res: ResponseLike): Promise<ApiError> {
  const fallback = {
    status: res.status,
    code: 'UNEXPECTED_RESPONSE' as const,
    message: `VantaHire's server could not answer just now (${res.status}${res.statusText ? ` ${res.statusText}` : ''}).`,
  }
  let body: unknown
  try {
    body = JSON.parse(await res.text())
  } catch {
    return new ApiError(fallback)
  }
  const error = isRecord(body) ? body.error : undefined
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return new ApiError(fallback)
  }
  return new ApiError({
    status: res.status,
    code: error.code as ErrorCode,
    message: error.message,
    requestId: typeof error.requestId === 'string' ? error.requestId : undefined,
    details: error.details,
  })
}

/** Narrows unknown JSON (error details, for instance) to an object whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A sentence a person can act on, for any error a fetcher may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message
  // fetch rejects with a TypeError when the network or the server is down.
  if (error instanceof TypeError)
    return 'VantaHire could not be reached. Check your connection and try again.'
  return 'Something went wrong. Please try again.'
}
