import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }
const at = (path: string) => new URL(path, baseUrl).href
const pathnameIs = (pathname: string) => (url: URL) => url.pathname === pathname

/** An admin on the admin area's front page; the sign-in form itself is tested in admin.e2e.ts. */
async function signInAsAdmin(page: Page, email: string) {
  await signIn(page, { email, role: 'ADMIN', fullName: 'Ada Admin' })
  await page.goto(at('/admin'))
}

describe('the background jobs page', () => {
  const session = useBrowserPage()

  it('lists the jobs, runs one now and shows what it did', async () => {
    const { page } = session
    await signInAsAdmin(page, uniqueEmail('ada-jobs'))
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Background jobs' })
      .click()
    await page.waitForURL(pathnameIs('/admin/jobs'))
    await page.getByRole('heading', { level: 1, name: 'Background jobs' }).waitFor()

    const jobs = page.getByRole('list', { name: 'Background jobs' })
    const expiry = jobs
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'expire-interviews' }) })
    await expiry.getByText('Every minute').waitFor()
    const reset = jobs
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'reset-api-key-counters' }) })
    await reset.getByText('Daily at 00:00 UTC').waitFor()

    await reset.getByRole('button', { name: 'Run now reset-api-key-counters' }).click()
    const outcome = reset.getByRole('status').filter({ hasText: 'reset-api-key-counters ran' })
    await outcome.waitFor()
    expect(await outcome.textContent()).toMatch(/\d+ reset, 0 failed/)
    // The list shows the run as the last one, by an admin.
    await reset.getByText('Succeeded').first().waitFor()
    await reset.getByText(/^The last (run|\d runs)$/).click()
    await reset.getByRole('cell', { name: 'By an admin' }).first().waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('is readable on a phone, and shows a run asked for elsewhere', async () => {
    const admin = await signInByApi(baseUrl, { email: uniqueEmail('ada-phone'), role: 'ADMIN' })
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
    await signInAsAdmin(page, uniqueEmail('ada-phone-browser'))
    await page.goto(at('/admin/jobs'))
    const jobs = page.getByRole('list', { name: 'Background jobs' })
    await jobs.getByRole('heading', { name: 'send-onboarding-reminders' }).waitFor()
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width)

    // The admin's own earlier run through the API shows after a reload.
    await admin.request('POST', '/api/admin/background-jobs/clean-expired-link-sessions/run')
    await page.reload()
    const cleanup = jobs
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'clean-expired-link-sessions' }) })
    await cleanup
      .getByText(/0 deleted, 0 failed/)
      .first()
      .waitFor()
  })
})
