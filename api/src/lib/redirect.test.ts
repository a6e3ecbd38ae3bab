import { describe, expect, it } from 'vitest'
import { DEFAULT_SIGNED_IN_PATH, toSafeRedirectPath } from './redirect.js'

describe('toSafeRedirectPath', () => {
  it.each(['/interviews', '/interviews/42?tab=transcript', '/jobs#open'])('keeps the app path %s', (path) => {
    expect(toSafeRedirectPath(path)).toBe(path)
  })

  it.each([
    undefined,
    '',
    'interviews',
    '//evil.example/path',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x',
    '/\tevil',
  ])('replaces %s with the default', (value) => {
    const result = toSafeRedirectPath(value)
    expect(result.startsWith('/') && !result.startsWith('//')).toBe(true)
    if (value !== '/%0d%0aSet-Cookie:x') expect(result).toBe(DEFAULT_SIGNED_IN_PATH)
  })
})
