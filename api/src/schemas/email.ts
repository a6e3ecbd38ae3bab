import { z } from '@hono/zod-openapi'

/**
 * The addresses the API accepts, which are fewer than `format: email` allows (no quoted local parts,
 * no IP literals, a top-level domain of two letters or more), so the document carries the pattern.
 */
export const EMAIL_PATTERN = z.regexes.email.source

/** An email address in a request, stored trimmed and in lower case. */
export function emailAddress() {
  return z
    .email({ error: 'must be an email address' })
    .max(320)
    .openapi({ pattern: EMAIL_PATTERN })
    .transform((email) => email.trim().toLowerCase())
}
