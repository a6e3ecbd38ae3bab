import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodError } from 'zod'
import {
  AppError,
  codeForStatus,
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  isDependencyOutage,
  isRecordGone,
} from '../lib/errors.js'
import type { AppEnv } from './app-env.js'

const OUTAGE_RETRY_AFTER_SECONDS = 5
const INTERNAL_MESSAGE =
  'Something went wrong on our side. Please try again; if it keeps happening, contact support with the request id.'

/** Renders every error as `{ error: { code, message, requestId, details? } }`; 5xx internals never leave the server. */
export function handleError(): ErrorHandler<AppEnv> {
  return function handleError(error, c) {
    const logger = c.get('logger') ?? c.get('services').logger
    if (error instanceof AppError) {
      if (error.status >= 500) logger.error({ err: error }, error.message)
      // The rest of a refused body may still be on its way, so this connection cannot carry another
      // request: say so, or a keep-alive client sends its next one into a connection about to close.
      if (error.code === 'PAYLOAD_TOO_LARGE') c.header('Connection', 'close')
      return renderError(c, error.code, error.message, error.details)
    }
    if (error instanceof ZodError) {
      return renderError(c, 'VALIDATION_FAILED', 'The request is not valid.', {
        issues: describeIssues(error),
      })
    }
    if (error instanceof HTTPException) {
      const code = codeForStatus(error.status)
      if (error.status >= 500) {
        logger.error({ err: error }, error.message)
        return renderError(c, code, INTERNAL_MESSAGE)
      }
      return renderError(c, code, error.message || defaultMessage(code))
    }
    if (isRecordGone(error)) {
      logger.warn(
        { reason: error instanceof Error ? error.message.split('\n').at(-1) : String(error) },
        'record gone',
      )
      return renderError(
        c,
        'NOT_FOUND',
        'This no longer exists: it was removed while the request was handled.',
      )
    }
    if (isDependencyOutage(error)) {
      logger.warn(
        { reason: error instanceof Error ? error.message.split('\n').at(-1) : String(error) },
        'dependency unavailable',
      )
      c.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS))
      return renderError(
        c,
        'SERVICE_UNAVAILABLE',
        'VantaHire is briefly unavailable. Please try again in a moment.',
      )
    }
    logger.error({ err: error }, 'unhandled error')
    return renderError(c, 'INTERNAL_ERROR', INTERNAL_MESSAGE)
  }
}

export function handleNotFound(): NotFoundHandler<AppEnv> {
  return function handleNotFound(c) {
    return renderError(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`)
  }
}

/**
 * The one error envelope. Typed by its code and details, so a route that declares a failure
 * response (readiness's 503) can answer through here too.
 */
export function renderError<C extends ErrorCode, D = undefined>(
  c: Context<AppEnv>,
  code: C,
  message: string,
  details?: D,
) {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId') } }
  if (details !== undefined) body.error.details = details
  return c.json(
    body as { error: { code: C; message: string; requestId: string; details: D } },
    ERROR_STATUS[code] as (typeof ERROR_STATUS)[C],
  )
}

/** Zod issues as `{ path, message }` pairs, the shape the SPA shows next to form fields. */
export function describeIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

function defaultMessage(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', ' ')
}
