/**
 * Cuts the interviewer's reply into sentences as its tokens arrive, so each can go to speech
 * synthesis while the model is still writing the next. A sentence is released only once the next
 * one has begun: the last sentence always comes from `flush`, so the synthesizer can be told it is
 * the last (Cartesia's `continue: false`).
 */
export type SentenceSplitter = {
  /** Adds streamed text; returns the sentences it completed, in order. */
  push(text: string): string[]
  /** The rest, once the reply has ended; null when nothing but whitespace is left. */
  flush(): string | null
}

/** Short words ending in a period that do not end a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e'])

/** A boundary: terminal punctuation (with closing quotes or brackets), whitespace, then more text. */
const BOUNDARY = /([.!?…]+["'”’)\]]*)(\s+)(?=\S)|\n\s*\n+(?=\S)/g

/** Below this a "sentence" is joined to the next (a lone "Okay." sounds choppy spoken alone). */
const MIN_SENTENCE_CHARS = 12

export function createSentenceSplitter(options: { minChars?: number } = {}): SentenceSplitter {
  const minChars = options.minChars ?? MIN_SENTENCE_CHARS
  let buffer = ''
  return {
    push(text) {
      buffer += text
      const sentences: string[] = []
      let start = 0
      BOUNDARY.lastIndex = 0
      for (let match = BOUNDARY.exec(buffer); match; match = BOUNDARY.exec(buffer)) {
        const end = match.index + (match[1]?.length ?? 0)
        const candidate = buffer.slice(start, end).trim()
        if (candidate.length < minChars || endsWithAbbreviation(candidate)) continue
        sentences.push(candidate)
        start = match.index + match[0].length
      }
      buffer = buffer.slice(start)
      return sentences
    },
    flush() {
      const rest = buffer.trim()
      buffer = ''
      return rest === '' ? null : rest
    },
  }
}

function endsWithAbbreviation(text: string): boolean {
  const last = text.split(/\s+/).at(-1)?.toLowerCase() ?? ''
  if (!last.endsWith('.')) return false
  const word = last.slice(0, -1)
  // "U.S." and single initials ("J.") do not end a sentence either.
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word)
}
