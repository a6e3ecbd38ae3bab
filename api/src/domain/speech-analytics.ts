/** A recognised word with its timing in seconds, as the speech-to-text service reports it. */
export type TimedWord = { word: string; start: number; end: number; punctuatedWord?: string }

/**
 * Speech measures from the speech-to-text word timings, computed per candidate turn when the turn
 * ends and summed over the interview. A flag for the recruiter to look at, never a verdict.
 */

/** Silence between two words of one turn longer than this is a long pause. */
export const LONG_PAUSE_SECONDS = 2

const SINGLE_FILLERS = new Set(['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'ah', 'hmm', 'mm'])
const PHRASE_FILLERS = [
  ['you', 'know'],
  ['i', 'mean'],
  ['sort', 'of'],
  ['kind', 'of'],
] as const
/** Phrases that are fillers only when set off by commas ("it was, you know, hard"), not "I know what you know". */
const COMMA_ONLY_PHRASES = new Set(['sort of', 'kind of', 'i mean'])

export type TurnSpeech = {
  wordCount: number
  /** From the first word's start to the last word's end. */
  speakingSeconds: number
  fillers: Record<string, number>
  fillerCount: number
  longPauses: { afterWord: string; seconds: number }[]
}

const bare = (word: TimedWord) => word.word.toLowerCase().replace(/[^a-z']/g, '')
const punctuated = (word: TimedWord | undefined) => word?.punctuatedWord ?? word?.word ?? ''

/** The measures of one turn's words (in the order spoken). */
export function analyseTurn(words: readonly TimedWord[]): TurnSpeech {
  const fillers: Record<string, number> = {}
  const count = (filler: string) => {
    fillers[filler] = (fillers[filler] ?? 0) + 1
  }
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as TimedWord
    const text = bare(word)
    const previousEndsClause = index === 0 || /[,.;:!?]$/.test(punctuated(words[index - 1]))
    if (SINGLE_FILLERS.has(text)) {
      count(text.replace(/(.)\1+$/, '$1'))
      continue
    }
    // "like" is a filler when set off by commas ("it was, like, huge"), not in "I like Go".
    if (text === 'like' && (punctuated(word).endsWith(',') || (previousEndsClause && index > 0))) {
      count('like')
      continue
    }
    const next = words[index + 1]
    if (!next) continue
    const phrase = PHRASE_FILLERS.find(([first, second]) => first === text && second === bare(next))
    if (!phrase) continue
    const name = phrase.join(' ')
    if (COMMA_ONLY_PHRASES.has(name) && !(previousEndsClause || punctuated(next).endsWith(','))) continue
    count(name)
    index++
  }
  const longPauses: TurnSpeech['longPauses'] = []
  for (let index = 1; index < words.length; index++) {
    const gap = (words[index] as TimedWord).start - (words[index - 1] as TimedWord).end
    if (gap > LONG_PAUSE_SECONDS)
      longPauses.push({ afterWord: punctuated(words[index - 1]), seconds: round(gap, 2) })
  }
  const first = words[0]
  const last = words.at(-1)
  return {
    wordCount: words.length,
    speakingSeconds: first && last ? round(Math.max(0, last.end - first.start), 2) : 0,
    fillers,
    fillerCount: Object.values(fillers).reduce((sum, value) => sum + value, 0),
    longPauses,
  }
}

export type SpeechSummary = {
  candidateTurns: number
  wordCount: number
  wordsPerMinute: number | null
  fillerCount: number
  /** Fillers per hundred words. */
  fillerRate: number | null
  fillers: Record<string, number>
  longPauseCount: number
  longestPauseSeconds: number | null
  candidateSpeakingSeconds: number
  interviewerSpeakingSeconds: number
  /** The candidate's share of the time either side spoke, 0–1. */
  candidateTalkRatio: number | null
}

/** The interview's measures from its candidate turns and the time the interviewer spoke. */
export function summariseSpeech(input: {
  turns: readonly TurnSpeech[]
  interviewerSpeakingSeconds: number
}): SpeechSummary {
  const { turns } = input
  const wordCount = turns.reduce((sum, turn) => sum + turn.wordCount, 0)
  const candidateSeconds = turns.reduce((sum, turn) => sum + turn.speakingSeconds, 0)
  const fillers: Record<string, number> = {}
  for (const turn of turns)
    for (const [name, value] of Object.entries(turn.fillers)) fillers[name] = (fillers[name] ?? 0) + value
  const fillerCount = Object.values(fillers).reduce((sum, value) => sum + value, 0)
  const pauses = turns.flatMap((turn) => turn.longPauses.map((pause) => pause.seconds))
  const talk = candidateSeconds + input.interviewerSpeakingSeconds
  return {
    candidateTurns: turns.length,
    wordCount,
    wordsPerMinute: candidateSeconds > 0 ? round((wordCount / candidateSeconds) * 60, 1) : null,
    fillerCount,
    fillerRate: wordCount > 0 ? round((fillerCount / wordCount) * 100, 1) : null,
    fillers,
    longPauseCount: pauses.length,
    longestPauseSeconds: pauses.length > 0 ? Math.max(...pauses) : null,
    candidateSpeakingSeconds: round(candidateSeconds, 2),
    interviewerSpeakingSeconds: round(input.interviewerSpeakingSeconds, 2),
    candidateTalkRatio: talk > 0 ? round(candidateSeconds / talk, 3) : null,
  }
}

/** The nearest-rank percentile (0–100) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
