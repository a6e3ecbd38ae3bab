/**
 * Checks that a quote is in the transcript, and says where. A quote counts as found only when it
 * appears verbatim in one message, after both sides are normalised in the ways copying text
 * innocently changes it: runs of whitespace become one space, typographic quotes become straight
 * ones, dashes become hyphens. Nothing else (no case folding, no Unicode normalisation, no fuzzy
 * matching): a quote that needs more than that to match is not the candidate's words.
 */

/** The transcript's speakers as `InterviewMessage.role` stores them. */
export const QUOTABLE_ROLES = ['user', 'assistant'] as const
export type QuotableRole = (typeof QUOTABLE_ROLES)[number]

export type TranscriptMessage = { id: string; role: string; content: string }

/** Where a quote is: `content.slice(start, end)` of the message is the quoted text, as stored. */
export type QuoteLocation = { messageId: string; role: QuotableRole; start: number; end: number }

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/
const WHITESPACE = /\s/

/**
 * `text` normalised, with `offsets[i]` the index in `text` of the normalised text's i-th code unit
 * and one more entry for its end, so a match maps back to the original.
 */
export function normalizeQuotable(text: string): { text: string; offsets: number[] } {
  let normalized = ''
  const offsets: number[] = []
  let index = 0
  while (index < text.length) {
    const char = text[index] as string
    if (WHITESPACE.test(char)) {
      const runStart = index
      while (index < text.length && WHITESPACE.test(text[index] as string)) index += 1
      normalized += ' '
      offsets.push(runStart)
      continue
    }
    normalized += SINGLE_QUOTES.test(char)
      ? "'"
      : DOUBLE_QUOTES.test(char)
        ? '"'
        : DASHES.test(char)
          ? '-'
          : char
    offsets.push(index)
    index += 1
  }
  offsets.push(text.length)
  return { text: normalized, offsets }
}

function isQuotableRole(role: string): role is QuotableRole {
  return (QUOTABLE_ROLES as readonly string[]).includes(role)
}

/**
 * Where `quote` first appears in `messages` (candidate's answers before the interviewer's
 * questions, each in transcript order), or null. Leading and trailing whitespace of the quote does
 * not count; an empty quote is found nowhere.
 */
export function locateQuote(messages: readonly TranscriptMessage[], quote: string): QuoteLocation | null {
  const needle = normalizeQuotable(quote).text.trim()
  if (needle === '') return null
  // The candidate's own words are what a score rests on; prefer them when both sides said it.
  const ordered = [...messages].sort((a, b) => Number(b.role === 'user') - Number(a.role === 'user'))
  for (const message of ordered) {
    if (!isQuotableRole(message.role)) continue
    const haystack = normalizeQuotable(message.content)
    const at = haystack.text.indexOf(needle)
    if (at === -1) continue
    return {
      messageId: message.id,
      role: message.role,
      start: haystack.offsets[at] as number,
      // The original index just past the match's last code unit (past a whole whitespace run, if it
      // ends in one, cannot happen: the needle is trimmed).
      end: (haystack.offsets[at + needle.length - 1] as number) + 1,
    }
  }
  return null
}

/** Every quote located, or the ones that are not in the transcript. */
export function locateQuotes(
  messages: readonly TranscriptMessage[],
  quotes: readonly string[],
): { located: Map<string, QuoteLocation>; missing: string[] } {
  const located = new Map<string, QuoteLocation>()
  const missing: string[] = []
  for (const quote of quotes) {
    if (located.has(quote)) continue
    const location = locateQuote(messages, quote)
    if (location) located.set(quote, location)
    else if (!missing.includes(quote)) missing.push(quote)
  }
  return { located, missing }
}
