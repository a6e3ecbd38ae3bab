import { z } from '@hono/zod-openapi'

const isoDateTimeText = z.iso.datetime({ offset: true })

/**
 * A moment in a response body. Services hand over the `Date` they read from the database; this
 * schema is the one place it becomes an ISO 8601 string (`2027-01-31T17:00:00.000Z`). An ISO string
 * is accepted too, and normalised to the same form, so a value that has already been through JSON
 * (a cache, a queued event) still fits.
 *
 * It validates a `Date` and transforms that, rather than transforming and declaring
 * `.openapi({ type: 'string', format: 'date-time' })`: the OpenAPI generator renders `z.date()`
 * as exactly that, and unlike an explicit `type` it keeps `.nullable()` as `["string", "null"]`.
 */
export const IsoDateTimeSchema = z
  .preprocess(
    (value: Date | string) =>
      typeof value === 'string' && isoDateTimeText.safeParse(value).success ? new Date(value) : value,
    z.date(),
  )
  .transform((date) => date.toISOString())

/** What `z.iso.datetime()` accepts: a calendar-valid date and time in UTC, ending in `Z`. */
const UTC_DATE_TIME_PATTERN = z.regexes.datetime({}).source

/**
 * A moment a request sets in the future (an expiry). The document says so, and says it must be UTC:
 * `format: date-time` alone would promise that any offset is accepted, which it is not.
 */
export function futureDateTime(example: string, description?: string) {
  return z.iso
    .datetime({ error: `must be a date and time, for example ${example}` })
    .refine((value) => new Date(value).getTime() > Date.now(), { error: 'must be in the future' })
    .openapi({
      pattern: UTC_DATE_TIME_PATTERN,
      example,
      description: [description, 'Must be in the future, in UTC (ending in `Z`).'].filter(Boolean).join(' '),
    })
}
