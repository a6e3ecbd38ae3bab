import { describe, expect, it } from 'vitest'
import { contentDisposition } from './content-disposition.js'

describe('contentDisposition', () => {
  it('sends a quote- and accent-free fallback beside the exact name', () => {
    expect(contentDisposition('attachment', 'Zoë "Z" 履歴書.pdf')).toBe(
      `attachment; filename="Zoe _Z_ ___.pdf"; filename*=UTF-8''Zo%C3%AB%20%22Z%22%20%E5%B1%A5%E6%AD%B4%E6%9B%B8.pdf`,
    )
  })

  it('keeps a plain ASCII name as it is in both forms', () => {
    expect(contentDisposition('inline', 'logo.png')).toBe(
      `inline; filename="logo.png"; filename*=UTF-8''logo.png`,
    )
  })

  it('percent-encodes the characters RFC 8187 does not allow unencoded', () => {
    expect(contentDisposition('attachment', "it's (final)*.txt")).toBe(
      `attachment; filename="it's (final)*.txt"; filename*=UTF-8''it%27s%20%28final%29%2A.txt`,
    )
  })

  it('replaces backslashes and control characters in the fallback, which could end or split the header', () => {
    expect(contentDisposition('attachment', 'a\\b\r\nc.txt')).toBe(
      `attachment; filename="a_b__c.txt"; filename*=UTF-8''a%5Cb%0D%0Ac.txt`,
    )
  })
})
