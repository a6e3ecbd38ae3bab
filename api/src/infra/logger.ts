import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger }

/**
 * Query parameter names whose values are credentials, wherever they appear in the name
 * (`token`, `interviewToken`, `api_key`, `session_id`, `client_secret` …).
 */
const SECRET_PARAMETER_NAME =
  /token|key|code|state|session|secret|passw|pwd|auth|sig|credential|cookie|ticket/i

/**
 * Values shaped like VantaHire's secrets, wherever they stand in a URL: API keys (`vh_…`), link
 * tokens (32 URL-safe characters), session ids (43) and anything else as long and random-looking.
 * UUIDs are record ids, not secrets, and stay readable.
 */
const SECRET_SHAPED = /vh_[A-Za-z0-9_]+|[A-Za-z0-9_-]{32,}/g
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const REDACTED = '[redacted]'

/**
 * Structured paths that must never reach the log, wherever a caller puts them. Request logging
 * never records headers wholesale; this is the second line of defence.
 */
const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-interview-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-interview-token"]',
  'headers["x-api-key"]',
  '*.token',
  '*.apiKey',
  '*.sessionId',
  '*.password',
  '*.secret',
  '*.code',
]

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'vantahire-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  )
}

/**
 * The path and query of `url` for the log: values of credential-bearing parameters, and anything
 * shaped like a token or key in the path or the query, replaced.
 */
export function redactUrl(url: string): string {
  const parsed = new URL(url, 'http://placeholder.invalid')
  const path = parsed.pathname
    .split('/')
    .map((segment) => (redactSecretShapes(safeDecode(segment)) === safeDecode(segment) ? segment : REDACTED))
    .join('/')
  const query = new URLSearchParams()
  for (const [name, value] of parsed.searchParams) {
    query.append(
      redactSecretShapes(name),
      SECRET_PARAMETER_NAME.test(name) ? REDACTED : redactSecretShapes(value),
    )
  }
  const search = query.toString()
  return search ? `${path}?${search}` : path
}

function redactSecretShapes(text: string): string {
  return text.replace(SECRET_SHAPED, (match) => (UUID.test(match) ? match : REDACTED))
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
