import { describe, expect, it } from 'vitest'
import { REDIRECT_BYPASSES } from '../../test/support/redirect-bypasses.js'
import { DEFAULT_SIGNED_IN_PATH, toSafeRedirectPath } from './redirect.js'

describe('toSafeRedirectPath', () => {
  it.each([
    '/interviews',
    '/interviews/42?tab=transcript',
    '/jobs#open',
    '/careers/1f0e?ref=mail',
    '/account/settings',
    '/search?q=a%2Fb',
  ])('keeps the app path %s', (path) => {
    expect(toSafeRedirectPath(path)).toBe(path)
  })

  it('normalises dot segments that stay on our site', () => {
    expect(toSafeRedirectPath('/jobs/../interviews')).toBe('/interviews')
  })

  it('knows at least 30 bypass forms', () => {
    expect(REDIRECT_BYPASSES.length).toBeGreaterThanOrEqual(30)
  })

  it.each(REDIRECT_BYPASSES.map((value) => [JSON.stringify(value), value]))(
    'sends %s to the default page',
    (_label, value) => {
      expect(toSafeRedirectPath(value)).toBe(DEFAULT_SIGNED_IN_PATH)
    },
  )

  it('sends missing targets to the default page', () => {
    expect(toSafeRedirectPath(undefined)).toBe(DEFAULT_SIGNED_IN_PATH)
    expect(toSafeRedirectPath(null)).toBe(DEFAULT_SIGNED_IN_PATH)
  })
})
