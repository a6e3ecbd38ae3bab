import { AppError } from './errors.js'

/** One problem with one input field, in the shape of every VALIDATION_FAILED answer. */
export type InputIssue = { path: string; message: string }

// Postgres text cannot hold U+0000 (it answers 22021 and fails the whole query, including queries
// Prisma batched with other callers' reads). A lone UTF-16 surrogate has no UTF-8 form, so it would
// be stored silently replaced by U+FFFD: not what the caller sent.
const NUL = '\u0000'
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const ESCAPED_UNITS = new RegExp(`[${NUL}\\uD800-\\uDFFF]`, 'g')
/** A JSON escape that could decode to either; most bodies have none, and skip the walk. */
const SUSPICIOUS_JSON_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/
/** Enough to name every bad field of a real form, without answering a hostile body at length. */
const MAX_ISSUES = 100

/** Why `text` cannot be stored as sent, or null when it can. */
export function describeUnstorableText(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)'
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it contains an unpaired surrogate)'
  return null
}

/**
 * The issue for `text` at `path`, or null when it can be stored. `of` names what the text is when it
 * is not the field's value (`name`, `file name`); a faulty name is written with `\u0000`-style escapes.
 */
export function checkStorableText(
  text: string,
  path: string,
  options: { of?: string } = {},
): InputIssue | null {
  const message = describeUnstorableText(text)
  if (!message) return null
  return options.of
    ? { path: escapeUnstorable(path), message: `has a ${options.of} that ${message}` }
    : { path, message }
}

/**
 * Decodes one percent-encoded URL component (`+` is a space in query strings). Malformed escapes and
 * escapes of bytes that are not UTF-8 are the caller's mistake, reported as an issue.
 */
export function decodeUrlComponent(
  raw: string,
  path: string,
  options: { isQuery: boolean },
): { value: string; issue: InputIssue | null } {
  const encoded = options.isQuery ? raw.replaceAll('+', ' ') : raw
  try {
    const value = decodeURIComponent(encoded)
    return { value, issue: checkStorableText(value, path) }
  } catch {
    return { value: raw, issue: { path, message: 'is not valid percent-encoded UTF-8' } }
  }
}

/**
 * Every string and object key in the JSON `text` that cannot be stored, with its path under
 * `prefix` (`body.questions.2`). Text that is not JSON has none: the route's validator reports it.
 */
export function findUnstorableJson(text: string, prefix: string): InputIssue[] {
  if (!SUSPICIOUS_JSON_ESCAPE.test(text)) return []
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  const issues: InputIssue[] = []
  // Iterative, so that a body nested thousands of levels deep cannot overflow the stack. Children
  // go on last-first, each key after its value, so that issues come out in document order.
  const pending: { value: unknown; path: string; isKey?: boolean }[] = [{ value, path: prefix }]
  for (let item = pending.pop(); item && issues.length < MAX_ISSUES; item = pending.pop()) {
    if (typeof item.value === 'string') {
      const issue = checkStorableText(item.value, item.path, { of: item.isKey ? 'name' : undefined })
      if (issue) issues.push(issue)
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, child] of Object.entries(item.value).reverse()) {
        const path = `${item.path}.${key}`
        pending.push({ value: child, path }, { value: key, path, isKey: true })
      }
    }
  }
  return issues
}

/** `text` with its NULs and surrogates written as `\u0000`-style escapes, to name a field whose name is at fault. */
export function escapeUnstorable(text: string): string {
  return text.replace(ESCAPED_UNITS, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The one answer to input that cannot be stored: 400 VALIDATION_FAILED naming each field. */
export function unstorableInputError(issues: InputIssue[]): AppError {
  return new AppError({
    code: 'VALIDATION_FAILED',
    message: 'The request is not valid.',
    details: { issues },
  })
}
