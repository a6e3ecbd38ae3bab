import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Every error code the API, socket.io acknowledgements and the voice WebSocket can answer with, and
 * the HTTP status each one maps to. The map is exhaustive: adding a code forces choosing a status.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_QUOTA_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId?: string; details?: unknown }
}

export class AppError extends HTTPException {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(options: { code: ErrorCode; message: string; details?: unknown; cause?: unknown }) {
    super(ERROR_STATUS[options.code], { message: options.message, cause: options.cause })
    this.name = 'AppError'
    this.code = options.code
    this.details = options.details
  }
}

/** The code that stands for a bare HTTP status (for HTTPExceptions thrown by Hono's own middleware). */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, value]) => value === status)
  if (match) return match[0]
  return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'
}

/**
 * True when Prisma found no record that a write or `…OrThrow` read needed (P2025): another request
 * removed it between this request's check and its write, so for this caller it no longer exists.
 */
export function isRecordGone(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'P2025'
}

/** Prisma's codes for "the database cannot be reached" and "no connection came free in time". */
const DATABASE_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024'])

/**
 * True when `error` means Postgres or Redis is unreachable right now, which is not a bug: callers get
 * 503 and are told to retry, and the process keeps running until the dependency returns.
 */
export function isDependencyOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (
    error.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable/.test(error.message)
  ) {
    return true
  }
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && DATABASE_OUTAGE_CODES.has(code)
}

/** True when a write lost a race to another writer of the same unique value (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002'
}

/** The status an error will be answered with, as the error handler renders it. */
export function statusOfError(error: unknown): number {
  if (error instanceof HTTPException) return error.status
  if (isDependencyOutage(error)) return ERROR_STATUS.SERVICE_UNAVAILABLE
  return ERROR_STATUS.INTERNAL_ERROR
}
