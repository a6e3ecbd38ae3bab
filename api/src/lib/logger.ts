import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger }

/** Query parameters whose values are credentials: interview links, OAuth callbacks, API keys. */
const SECRET_QUERY_PARAMETERS = new Set([
  'token',
  'code',
  'state',
  'key',
  'api_key',
  'apikey',
  'access_token',
  'id_token',
  'refresh_token',
  'session',
  'signature',
  'sig',
])

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

/** Returns the path and query of `url` with the values of credential-bearing parameters replaced. */
export function redactUrl(url: string): string {
  const parsed = new URL(url, 'http://placeholder.invalid')
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) parsed.searchParams.set(name, '[redacted]')
  }
  const query = parsed.searchParams.toString()
  return query ? `${parsed.pathname}?${query}` : parsed.pathname
}
