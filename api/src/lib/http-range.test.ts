import { describe, expect, it } from 'vitest'
import { formatContentRange, formatUnsatisfiedRange, parseByteRange } from './http-range.js'

const SIZE = 1000

describe('parseByteRange', () => {
  it.each([
    ['a closed range', 'bytes=0-99', { start: 0, end: 99 }],
    ['one byte', 'bytes=5-5', { start: 5, end: 5 }],
    ['an open end', 'bytes=900-', { start: 900, end: 999 }],
    ['the last byte as an open end', 'bytes=999-', { start: 999, end: 999 }],
    ['a suffix', 'bytes=-100', { start: 900, end: 999 }],
    ['a suffix longer than the file, which is the whole file', 'bytes=-5000', { start: 0, end: 999 }],
    ['an end past the file, trimmed', 'bytes=990-5000', { start: 990, end: 999 }],
    ['the unit in capitals', 'BYTES=0-9', { start: 0, end: 9 }],
    ['spaces around the numbers', 'bytes = 10 - 19', { start: 10, end: 19 }],
  ])('reads %s', (_label, header, range) => {
    expect(parseByteRange(header, SIZE)).toEqual(range)
  })

  it.each([
    ['a start at the size', 'bytes=1000-'],
    ['a start far beyond the end', 'bytes=999999999-'],
    ['a closed range beyond the end', 'bytes=1000-1010'],
    ['an empty suffix', 'bytes=-0'],
  ])('calls %s unsatisfiable', (_label, header) => {
    expect(parseByteRange(header, SIZE)).toBe('unsatisfiable')
  })

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another unit', 'items=0-9'],
    ['no numbers', 'bytes=-'],
    ['an end before the start', 'bytes=10-5'],
    ['several ranges', 'bytes=0-1,5-6'],
    ['a negative start', 'bytes=--5'],
    ['letters', 'bytes=a-b'],
  ])('ignores %s, which means the whole file', (_label, header) => {
    expect(parseByteRange(header, SIZE)).toBeNull()
  })
})

describe('Content-Range', () => {
  it('names the range and the size of a partial answer', () => {
    expect(formatContentRange({ start: 0, end: 99 }, SIZE)).toBe('bytes 0-99/1000')
  })

  it('names only the size when no range could be served', () => {
    expect(formatUnsatisfiedRange(SIZE)).toBe('bytes */1000')
  })
})
