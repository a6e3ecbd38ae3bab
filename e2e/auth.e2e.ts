import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

const at = (path: string) => new URL(path, baseUrl).href
const pathnameIs = (pathname: string) => (url: URL) => url.pathname === pathname

/** Everything in the page's body, hidden text included. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '')
}

describe('Signing in and the account pages', () => {
  // Clipboard access, so the new key's Copy button can be checked against what it copied.
  const session = useBrowserPage({ permissions: ['clipboard-read', 'clipboard-write'] })

  it('signs a recruiter up with Google, shows a new API key once, and signs out', async () => {
    const { page } = session
    await page.goto(at('/sign-in'))
    await page.getByRole('heading', { level: 1, name: 'Sign in to VantaHire' }).waitFor()
    expect(await page.getByRole('radio', { name: "I'm a candidate" }).isChecked()).toBe(true)
    await page.getByRole('radio', { name: "I'm hiring (recruiter)" }).check()

    // The fake provider answers at once, so the browser comes straight back into the app.
    await page.getByRole('link', { name: 'Continue with Google' }).click()
    // A recruiter lands on the dashboard (no longer on /account); the account page is one click away.
    await page.waitForURL(pathnameIs('/dashboard'))
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
    await page.goto(at('/account'))
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor()
    const details = page.getByRole('region', { name: 'Your details' })
    const fullName = details.getByRole('textbox', { name: 'Full name' })
    await fullName.waitFor()
    expect(await fullName.inputValue()).toBe('Erin Example')
    await page
      .getByRole('region', { name: 'Company profile' })
      .getByRole('textbox', { name: 'Company name' })
      .waitFor()

    const userMenu = page.getByRole('banner').getByRole('button', { name: /Erin Example/ })
    await userMenu.click()
    expect(await userMenu.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('banner').getByRole('link', { name: 'API keys' }).click()
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor()
    const yourKeys = page.getByRole('region', { name: 'Your keys' })
    await yourKeys.getByText('No API keys yet').waitFor()

    const createKey = page.getByRole('region', { name: 'Create a key' })
    await createKey.getByRole('textbox', { name: 'Name' }).fill('Applicant tracking system')
    await createKey.getByRole('checkbox', { name: 'Read results' }).check()
    await createKey.getByRole('button', { name: 'Create API key' }).click()

    const newKey = page.getByRole('region', { name: /Your new API key/ })
    const key = ((await newKey.getByRole('code').textContent()) ?? '').trim()
    expect(key).toMatch(/^vh_\w{20,}/)
    await newKey.getByRole('button', { name: 'Copy key' }).click()
    await newKey.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)

    const keyItem = yourKeys
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Applicant tracking system' }) })
    await keyItem.waitFor()

    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor()
    await keyItem.waitFor()
    expect(await page.getByRole('region', { name: /Your new API key/ }).count()).toBe(0)
    expect(await pageText(page)).not.toContain(key)
    const shownPrefix = ((await keyItem.textContent()) ?? '').match(/(vh_\w+)…/)?.[1]
    expect(shownPrefix, `key item: ${await keyItem.textContent()}`).toBeDefined()
    expect(key.startsWith(shownPrefix ?? '-')).toBe(true)
    expect(shownPrefix?.length).toBeLessThan(key.length)
    expect(await keyItem.textContent()).toContain('Read results')

    await keyItem.getByRole('button', { name: /Revoke/ }).click()
    const confirm = page.getByRole('dialog', { name: 'Revoke “Applicant tracking system”?' })
    await confirm.getByRole('button', { name: 'Revoke key' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await keyItem.getByRole('button', { name: /Revoke/ }).waitFor({ state: 'detached' })
    expect(await keyItem.textContent()).toContain('Revoked')

    await userMenu.click()
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor()
    // The front page is downloaded on first visit (this test never opened it): the address changes once it has arrived.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/')

    await page.goto(at('/account'))
    await page.waitForURL(pathnameIs('/sign-in'))
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/account')
    await page.getByRole('heading', { level: 1, name: 'Sign in to VantaHire' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('signs a candidate in with development sign-in on a phone and saves their profile', async () => {
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
    await page.goto(at('/sign-in'))
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill('e2e.candidate@vantahire.test')
    await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Candidate' })
    await devSignIn.getByRole('textbox', { name: /Full name/ }).fill('Casey Candidate')
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()

    // A candidate lands on their applications and interviews (no longer on /account).
    await page.waitForURL(pathnameIs('/home'))
    await page.goto(at('/account'))
    // One name field: the account's. The candidate profile does not ask for it again.
    const profile = page.getByRole('region', { name: 'Candidate profile' })
    const name = page
      .getByRole('region', { name: 'Your details' })
      .getByRole('textbox', { name: 'Full name' })
    await name.waitFor()
    expect(await name.inputValue()).toBe('Casey Candidate')
    await profile.getByRole('textbox', { name: 'Phone' }).waitFor()
    expect(await profile.getByRole('textbox', { name: /name/i }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Company profile' }).count()).toBe(0)

    // A field the API refuses is marked, with the API's reason under it.
    const phone = profile.getByRole('textbox', { name: 'Phone' })
    await phone.fill('call me')
    await profile.getByRole('button', { name: 'Save profile' }).click()
    await profile.getByText('Must be a phone number', { exact: false }).waitFor()
    expect(await phone.getAttribute('aria-invalid')).toBe('true')

    await phone.fill('+44 20 7946 0958')
    await profile.getByRole('textbox', { name: 'Skills' }).fill('TypeScript, SQL, , TypeScript')
    await profile.getByRole('button', { name: 'Save profile' }).click()
    await profile.getByRole('status').getByText('Your profile is saved.').waitFor()
    expect(await profile.getByRole('textbox', { name: 'Skills' }).inputValue()).toBe('TypeScript, SQL')
    expect(await phone.getAttribute('aria-invalid')).toBeNull()

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width)

    // API keys are for recruiters; a candidate is told so rather than shown an error.
    await page.goto(at('/account/api-keys'))
    await page.getByRole('heading', { level: 1, name: 'This page is for recruiters' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('opens, moves through and closes the account menu from the keyboard', async () => {
    const { page } = session
    await signIn(page, { email: 'e2e.keyboard@vantahire.test', role: 'RECRUITER', fullName: 'Kim Keyboard' })
    await page.goto(at('/account'))
    const menuButton = page.getByRole('banner').getByRole('button', { name: /Kim Keyboard/ })
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim())

    await menuButton.focus()
    await page.keyboard.press('ArrowDown')
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('banner').getByRole('link', { name: 'Account' }).waitFor()
    expect(await focusedText()).toBe('Account')
    await page.keyboard.press('ArrowDown')
    expect(await focusedText()).toBe('API keys')
    await page.keyboard.press('End')
    expect(await focusedText()).toBe('Sign out everywhere')
    await page.keyboard.press('Escape')
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false')
    expect(await focusedText()).toMatch(/Kim Keyboard/)

    // Enter opens it like a click; a click elsewhere on the page closes it.
    await page.keyboard.press('Enter')
    await page.getByRole('banner').getByRole('link', { name: 'API keys' }).waitFor()
    await page.getByRole('heading', { level: 1, name: 'Your account' }).click()
    await page.getByRole('banner').getByRole('link', { name: 'API keys' }).waitFor({ state: 'hidden' })
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false')

    // Sign out everywhere asks first; Escape keeps the person signed in.
    await menuButton.click()
    await page.getByRole('banner').getByRole('button', { name: 'Sign out everywhere' }).click()
    const confirm = page.getByRole('dialog', { name: 'Sign out everywhere?' })
    await confirm.waitFor()
    expect(await focusedText()).toBe('Cancel')
    await page.keyboard.press('Escape')
    await confirm.waitFor({ state: 'hidden' })
    await menuButton.click()
    await page.getByRole('banner').getByRole('button', { name: 'Sign out everywhere' }).click()
    await confirm.getByRole('button', { name: 'Sign out everywhere' }).click()
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor()
    // The front page is downloaded on first visit: the address changes once it has arrived.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/')
    await page.getByRole('heading', { level: 1 }).first().waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it.each([
    '/.//evil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '//evil.example',
    '/\uff0fevil.example',
  ])('after development sign-in, stays on this site when asked to return to %s', async (redirectTo) => {
    const page = await session.openPage()
    await page.goto(at(`/sign-in?${new URLSearchParams({ redirectTo })}`))
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill('e2e.redirects@vantahire.test')
    await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Candidate' })
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    // Refused targets fall back to the candidate's own landing page (it was /account before).
    await page.waitForURL(pathnameIs('/home'))
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin)
  })

  it('explains a refused sign-in: the email already belongs to an account of another provider', async () => {
    const { page } = session
    await page.goto(at('/sign-in?error=email_linked_to_other_provider&provider=linkedin'))
    const alert = page.getByRole('alert')
    await alert.getByText('This email address already signs in another way').waitFor()
    const message = (await alert.textContent()) ?? ''
    expect(message).toContain('LinkedIn')
    expect(message).toMatch(/an admin must merge/i)
    // The way to sign in is still right there.
    await page.getByRole('link', { name: 'Continue with Google' }).waitFor()
  })
})
