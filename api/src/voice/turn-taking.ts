/**
 * When the candidate has finished their turn. A final transcript segment followed by silence is
 * not enough in an interview: people pause to think mid-answer. So after the speech-to-text service
 * reports the end of speech, the turn ends only after a further wait, longer when the words so far
 * do not sound finished. Any new speech cancels the wait.
 */
import type { VoicePace } from '../domain/voice-pace.js'

export type { VoicePace }

/** Milliseconds of silence, counted from the end of speech, before the turn ends. */
export const TURN_END_DELAYS_MS: Record<VoicePace, { finished: number; unfinished: number }> = {
  patient: { finished: 1000, unfinished: 2500 },
  quick: { finished: 600, unfinished: 1200 },
}

/** Words that promise more: a turn ending on one of them is a thought in progress. */
const TRAILING_WORDS = new Set([
  'and',
  'but',
  'or',
  'so',
  'because',
  'then',
  'which',
  'that',
  'if',
  'when',
  'while',
  'although',
  'though',
  'like',
  'the',
  'a',
  'an',
  'to',
  'of',
  'with',
  'for',
  'um',
  'uh',
  'er',
  'erm',
  'hmm',
  'mm',
  'well',
  'actually',
  'basically',
  'i',
  "i'm",
  'we',
  'my',
  'our',
])

/** True when the text ends a sentence (terminal punctuation) and not on a word that promises more. */
export function soundsFinished(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed === '') return false
  if (/(\.\.\.|…|,|;|:|-|—)$/.test(trimmed)) return false
  if (!/[.!?]["'”’)]*$/.test(trimmed)) return false
  const lastWord = trimmed
    .replace(/[.!?"'”’)]+$/, '')
    .split(/\s+/)
    .at(-1)
    ?.toLowerCase()
  return !(lastWord && TRAILING_WORDS.has(lastWord))
}

/** How long to wait for more speech after the end of speech, for this pace and these words. */
export function turnEndDelayMs(pace: VoicePace, textSoFar: string, scale = 1): number {
  const delays = TURN_END_DELAYS_MS[pace]
  return Math.round((soundsFinished(textSoFar) ? delays.finished : delays.unfinished) * scale)
}
