import { describe, expect, it } from 'vitest'
import { analyseTurn, percentile, summariseSpeech, type TimedWord } from './speech-analytics.js'

/** Words from "text", each lasting 0.3 s with 0.1 s between them; `pauseAfter` adds silence. */
function words(text: string, options: { start?: number; pauseAfter?: Record<number, number> } = {}) {
  let time = options.start ?? 0
  return text.split(' ').map((punctuatedWord, index): TimedWord => {
    const word = {
      word: punctuatedWord.toLowerCase().replace(/[^a-z']/g, ''),
      punctuatedWord,
      start: time,
      end: time + 0.3,
      confidence: 0.9,
    }
    time += 0.4 + (options.pauseAfter?.[index] ?? 0)
    return word
  })
}

describe('speech analytics', () => {
  it('counts fillers, telling "like" the filler from "like" the verb', () => {
    const turn = analyseTurn(words('Um, I like Go because, like, it is simple, you know, and uh fast.'))
    expect(turn.fillers).toEqual({ um: 1, like: 1, 'you know': 1, uh: 1 })
    expect(turn.fillerCount).toBe(4)
    expect(turn.wordCount).toBe(14)
  })

  it('finds pauses over two seconds between words of a turn', () => {
    const turn = analyseTurn(words('I would start with the schema.', { pauseAfter: { 2: 2.5, 4: 1.5 } }))
    expect(turn.longPauses).toEqual([{ afterWord: 'start', seconds: 2.6 }])
    expect(turn.speakingSeconds).toBeCloseTo(0.4 * 5 + 2.5 + 1.5 + 0.3, 5)
  })

  it('sums turns into words per minute and the talk ratio', () => {
    const first = analyseTurn(words('one two three four five six seven eight nine ten'))
    const second = analyseTurn(words('um eleven twelve', { pauseAfter: { 0: 3 } }))
    const summary = summariseSpeech({ turns: [first, second], interviewerSpeakingSeconds: 10 })
    expect(summary.wordCount).toBe(13)
    expect(summary.candidateSpeakingSeconds).toBeCloseTo(3.9 + 4.1, 5)
    expect(summary.wordsPerMinute).toBeCloseTo((13 / 8) * 60, 0)
    expect(summary.fillers).toEqual({ um: 1 })
    expect(summary.longPauseCount).toBe(1)
    expect(summary.candidateTalkRatio).toBeCloseTo(8 / 18, 3)
  })

  it('has no rates without speech', () => {
    const summary = summariseSpeech({ turns: [], interviewerSpeakingSeconds: 0 })
    expect(summary).toMatchObject({ wordsPerMinute: null, fillerRate: null, candidateTalkRatio: null })
  })

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull()
    expect(percentile([300, 100, 200, 400], 50)).toBe(200)
    expect(percentile([300, 100, 200, 400], 95)).toBe(400)
    expect(percentile([5], 95)).toBe(5)
  })
})
