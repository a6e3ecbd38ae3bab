import { describe, expect, it } from 'vitest'
import { createSentenceSplitter } from './sentences.js'

function split(pieces: string[]) {
  const splitter = createSentenceSplitter()
  const out: string[] = []
  for (const piece of pieces) out.push(...splitter.push(piece))
  const rest = splitter.flush()
  if (rest) out.push(rest)
  return out
}

describe('createSentenceSplitter', () => {
  it('releases a sentence once the next has begun, whatever the token boundaries', () => {
    const splitter = createSentenceSplitter()
    expect(splitter.push('Thank you for that answer')).toEqual([])
    expect(splitter.push('. ')).toEqual([])
    expect(splitter.push('How')).toEqual(['Thank you for that answer.'])
    expect(splitter.push(' did you test it?')).toEqual([])
    expect(splitter.flush()).toBe('How did you test it?')
  })

  it('gives the same sentences for any split of the text', () => {
    const text = 'That is interesting. Dr. Smith said so, e.g. in 2020! What would you change?  Tell me more.'
    const whole = split([text])
    expect(whole).toEqual([
      'That is interesting.',
      'Dr. Smith said so, e.g. in 2020!',
      'What would you change?',
      'Tell me more.',
    ])
    expect(split(text.split(''))).toEqual(whole)
    expect(split(text.match(/.{1,7}/gs) ?? [])).toEqual(whole)
  })

  it('joins very short sentences to the next and keeps trailing whitespace out of the last', () => {
    expect(split(['Okay. ', 'So what happened next?\n'])).toEqual(['Okay. So what happened next?'])
    expect(split(['   '])).toEqual([])
  })

  it('treats a blank line as a boundary', () => {
    expect(split(['Thank you for the detail\n\nNext question: why Postgres?'])).toEqual([
      'Thank you for the detail',
      'Next question: why Postgres?',
    ])
  })
})
