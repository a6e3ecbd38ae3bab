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

  it('refuses a résumé that is too large or of the wrong type before uploading it', async () => {
    const { page } = session
    // A candidate lands on their home page; this one asks to come back to the account page.
    await page.goto(at(`/sign-in?${new URLSearchParams({ redirectTo: '/account' })}`))
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn
      .getByRole('textbox', { name: 'Email address' })
      .fill(`resume-${Date.now()}@vantahire.test`)
    await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Candidate' })
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    await page.waitForURL((url) => url.pathname === '/account')

    const uploads: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/files')
        uploads.push(request.url())
    })
    const profile = page.getByRole('region', { name: 'Candidate profile' })
    const resumeInput = profile.getByLabel('Résumé')
    // The same limit the API enforces (10 MB for a résumé), checked here: nothing is sent.
    await resumeInput.setInputFiles({
      name: 'huge-resume.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(20 * 1024 * 1024, 0x20),
    })
    await profile.getByRole('alert').getByText('This file is 20 MB; a resume can be at most 10 MB.').waitFor()
    await resumeInput.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ not a résumé'),
    })
    await profile
      .getByRole('alert')
      .getByText(/type is not accepted for a resume/)
      .waitFor()
    expect(uploads).toEqual([])

    // A good file still goes through, and the refusal gives way.
    await resumeInput.setInputFiles({
      name: 'resume.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Casey Candidate\nBackend engineer.\n'),
    })
    await profile.getByRole('link', { name: 'Download the current file' }).waitFor()
    expect(await profile.getByRole('alert').count()).toBe(0)
    expect(uploads).toHaveLength(1)
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
