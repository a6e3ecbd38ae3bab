import { describe, expect, it } from 'vitest'
import { REDIRECT_BYPASSES } from '../../test/support/redirect-bypasses.js'
import { ROLE_LANDING_PATHS, signedInLandingPath, toSafeRedirectPath } from './redirect.js'

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

  it.each(REDIRECT_BYPASSES.map((value) => [JSON.stringify(value), value]))('refuses %s', (_label, value) => {
    expect(toSafeRedirectPath(value)).toBeUndefined()
  })

  it('has no target when none was given', () => {
    expect(toSafeRedirectPath(undefined)).toBeUndefined()
    expect(toSafeRedirectPath(null)).toBeUndefined()
  })
})

describe('signedInLandingPath', () => {
  it('lands each role where its work is', () => {
    expect(signedInLandingPath('RECRUITER')).toBe('/dashboard')
    expect(signedInLandingPath('CANDIDATE')).toBe('/home')
    expect(signedInLandingPath('ADMIN')).toBe('/admin/approvals')
  })

  it('prefers the page the person asked for', () => {
    expect(signedInLandingPath('CANDIDATE', '/jobs/42?ref=mail')).toBe('/jobs/42?ref=mail')
    expect(signedInLandingPath('ADMIN', '/account')).toBe('/account')
  })

  it.each(REDIRECT_BYPASSES.map((value) => [JSON.stringify(value), value]))(
    'lands on the role page instead of %s',
    (_label, value) => {
      expect(signedInLandingPath('RECRUITER', value)).toBe(ROLE_LANDING_PATHS.RECRUITER)
    },
  )
})
