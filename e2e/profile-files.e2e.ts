import { describe, expect, inject, it } from 'vitest'
import { useBrowserPage } from './support/browser'

const baseUrl = inject('baseUrl')
const at = (path: string) => new URL(path, baseUrl).href
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('profile files', () => {
  const session = useBrowserPage()

  it('uploads a company logo, refuses a file that is not an image, and removes the logo', async () => {
    const { page } = session
    await page.goto(at('/sign-in'))
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill(`logo-${Date.now()}@vantahire.test`)
    await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Recruiter' })
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    // A recruiter lands on the dashboard; the logo is set on the account page.
    await page.waitForURL((url) => url.pathname === '/dashboard')
    await page.goto(at('/account'))

    const company = page.getByRole('region', { name: 'Company profile' })
    const logoInput = company.getByLabel('Company logo')
    await logoInput.setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('just some text, not an image'),
    })
    await company.getByRole('alert').waitFor()
    expect(await company.getByRole('img', { name: 'Current company logo' }).count()).toBe(0)

    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG })
    const logo = company.getByRole('img', { name: 'Current company logo' })
    await logo.waitFor()
    // The stored logo is served back as a real image.
    expect(
      await logo.evaluate(async (image: HTMLImageElement) => image.decode().then(() => image.naturalWidth)),
    ).toBe(1)

    await company.getByRole('button', { name: 'Remove' }).click()
    await logo.waitFor({ state: 'detached' })
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
