import { describe, expect, it } from 'vitest'
import { locateQuote, locateQuotes, normalizeQuotable } from './transcript-quotes.js'

const messages = [
  { id: 'q1', role: 'assistant', content: 'Tell me about a system you scaled.' },
  {
    id: 'a1',
    role: 'user',
    content: 'We moved   the queue to “partitioned” tables —\nit took two weeks; it’s been stable since.',
  },
  { id: 's1', role: 'system', content: 'Secret instructions the candidate never saw.' },
  { id: 'a2', role: 'user', content: 'Tell me about a system you scaled. I built one.' },
]

/** The text a location points at, as stored. */
function slice(location: { messageId: string; start: number; end: number } | null) {
  const message = messages.find((candidate) => candidate.id === location?.messageId)
  return location && message ? message.content.slice(location.start, location.end) : null
}

describe('locating quotes in the transcript', () => {
  it('finds a verbatim quote and says where it is', () => {
    const location = locateQuote(messages, 'it took two weeks')
    const start = messages[1]!.content.indexOf('it took two weeks')
    expect(location).toEqual({ messageId: 'a1', role: 'user', start, end: start + 17 })
    expect(slice(location)).toBe('it took two weeks')
  })

  it('forgives whitespace runs, typographic quotes and dashes, and maps back to the original text', () => {
    const location = locateQuote(messages, ' We moved the queue to "partitioned" tables - it took ')
    expect(location?.messageId).toBe('a1')
    expect(slice(location)).toBe('We moved   the queue to “partitioned” tables —\nit took')
    expect(slice(locateQuote(messages, "it's been stable since."))).toBe('it’s been stable since.')
  })

  it('forgives nothing else: case, paraphrase, words joined across turns', () => {
    expect(locateQuote(messages, 'we moved the queue')).toBeNull()
    expect(locateQuote(messages, 'We moved the queue to partitioned tables')).toBeNull()
    expect(locateQuote(messages, 'you scaled. We moved')).toBeNull()
    expect(locateQuote(messages, 'It took two weeks.')).toBeNull()
  })

  it('never finds an empty quote or one from a system message', () => {
    expect(locateQuote(messages, '   ')).toBeNull()
    expect(locateQuote(messages, 'Secret instructions')).toBeNull()
  })

  it('prefers the candidate’s words when the interviewer said the same', () => {
    expect(locateQuote(messages, 'Tell me about a system you scaled.')).toMatchObject({
      messageId: 'a2',
      role: 'user',
      start: 0,
    })
    expect(locateQuote(messages.slice(0, 1), 'Tell me about')).toMatchObject({
      messageId: 'q1',
      role: 'assistant',
    })
  })

  it('lists the quotes that are not in the transcript', () => {
    const { located, missing } = locateQuotes(messages, [
      'it took two weeks',
      'I led a team of forty',
      'I built one.',
    ])
    expect([...located.keys()]).toEqual(['it took two weeks', 'I built one.'])
    expect(missing).toEqual(['I led a team of forty'])
  })

  it('keeps an offset for every normalised character and the end', () => {
    const { text, offsets } = normalizeQuotable('a \t b—c')
    expect(text).toBe('a b-c')
    expect(offsets).toEqual([0, 1, 4, 5, 6, 7])
  })
})
