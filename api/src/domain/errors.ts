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
  // A status change the domain's transition table does not allow; details name from, to and allowed.
  INVALID_TRANSITION: 409,
  // Why an application is refused, each its own code so the page can say what to do next.
  JOB_CLOSED: 409,
  JOB_NOT_APPROVED: 409,
  ALREADY_APPLIED: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_QUOTA_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId?: string; details?: unknown }
}
