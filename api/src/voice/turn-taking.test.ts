import { describe, expect, it } from 'vitest'
import { soundsFinished, turnEndDelayMs } from './turn-taking.js'

describe('turn-taking', () => {
  it('hears a finished sentence as finished', () => {
    expect(soundsFinished('I built the billing system.')).toBe(true)
    expect(soundsFinished('Did I answer your question?')).toBe(true)
  })

  it('hears missing punctuation, conjunctions and fillers as a thought in progress', () => {
    for (const text of [
      'I built the billing system',
      'I built it and.',
      'We chose Postgres because.',
      'So, um.',
      'and then,',
      'The main reason was...',
      '',
    ])
      expect(soundsFinished(text), text).toBe(false)
  })

  it('waits longer for an unfinished thought, and longer when patient than when quick', () => {
    expect(turnEndDelayMs('patient', 'It took a year.')).toBe(1000)
    expect(turnEndDelayMs('patient', 'It took a year and')).toBe(2500)
    expect(turnEndDelayMs('quick', 'It took a year.')).toBe(600)
    expect(turnEndDelayMs('quick', 'It took a year and')).toBe(1200)
    expect(turnEndDelayMs('patient', 'It took a year and', 0.1)).toBe(250)
  })
})
