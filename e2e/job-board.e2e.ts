import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { samplePdf, signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

const at = (path: string) => new URL(path, baseUrl).href
const pathnameIs = (pathname: string) => (url: URL) => url.pathname === pathname
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`

/** A recruiter's job, submitted and approved by an admin: open on the board. */
async function seedOpenJob(job: { title: string; description: string; companyName: string }) {
  const recruiter = await signInByApi(baseUrl, { email: uniqueEmail('board-recruiter'), role: 'RECRUITER' })
  await recruiter.request('PUT', '/api/users/me/recruiter-profile', { companyName: job.companyName })
  const created = await recruiter.request('POST', '/api/jobs', {
    title: job.title,
    description: job.description,
    location: 'Lisbon, Portugal',
    jobType: 'FULL_TIME',
    salaryRange: '€60,000–€75,000',
  })
  const jobId: string = created.job.id
  await recruiter.request('POST', `/api/jobs/${jobId}/submit`)
  const admin = await signInByApi(baseUrl, { email: uniqueEmail('board-admin'), role: 'ADMIN' })
  await admin.request('POST', `/api/admin/jobs/${jobId}/approve`)
  return jobId
}

async function expectNoSidewaysScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width)
}

describe('the public job board', () => {
  const session = useBrowserPage()

  it('lets a visitor find a job, sign in as a candidate, apply, and follow the application', async () => {
    const { page } = session
    const keyword = `Quokka${unique()}`
    const title = `Platform Engineer ${keyword}`
    const jobId = await seedOpenJob({
      title,
      companyName: 'Harbour Analytics',
      description: `You will run our data platform.\n\nWe write <b>plain text</b> here, and it stays plain.\nSecond line.`,
    })

    await page.goto(at('/careers'))
    await page.getByRole('heading', { level: 1, name: 'Open jobs' }).waitFor()
    const search = page.getByRole('search')
    await search.getByRole('searchbox', { name: /Keywords/ }).fill(keyword)
    await search.getByRole('combobox', { name: /Job type/ }).selectOption({ label: 'Full-time' })
    await search.getByRole('button', { name: 'Search jobs' }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === keyword)

    const jobs = page.getByRole('list', { name: 'Open jobs' })
    const item = jobs.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) })
    // The earlier results stay on screen while the search runs; its own count says when it is in.
    await page.getByText('Showing 1 open job.').waitFor()
    await item.waitFor()
    expect(await jobs.getByRole('listitem').count()).toBe(1)
    const itemText = (await item.textContent()) ?? ''
    expect(itemText).toContain('Harbour Analytics')
    expect(itemText).toContain('Lisbon, Portugal')
    expect(itemText).toMatch(/Posted/)

    // A search that matches nothing says so, and offers the way back.
    await search.getByRole('textbox', { name: /Location/ }).fill('Atlantis')
    await search.getByRole('button', { name: 'Search jobs' }).click()
    await page.getByText('No open jobs match your search').waitFor()
    await page.goBack()
    await item.waitFor()

    await item.getByRole('link', { name: title }).click()
    await page.waitForURL(pathnameIs(`/careers/${jobId}`))
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await page.getByText('Harbour Analytics').count()).toBeGreaterThan(0)
    expect(await page.getByText('€60,000–€75,000').count()).toBe(1)
    // The description is text: its markup shows as typed and makes no element.
    await page.getByText('We write <b>plain text</b> here, and it stays plain.', { exact: false }).waitFor()
    expect(await page.locator('main b').count()).toBe(0)

    const apply = page.getByRole('region', { name: 'Apply for this job' })
    const signInLink = apply.getByRole('link', { name: 'Sign in as a candidate to apply' })
    const href = new URL((await signInLink.getAttribute('href')) ?? '', baseUrl)
    expect(href.pathname).toBe('/sign-in')
    expect(href.searchParams.get('redirectTo')).toBe(`/careers/${jobId}`)
    await signInLink.click()

    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill(uniqueEmail('board-candidate'))
    await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Candidate' })
    await devSignIn.getByRole('textbox', { name: /Full name/ }).fill('Alex Applicant')
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    await page.waitForURL(pathnameIs(`/careers/${jobId}`))

    // Nothing to send: the page says so before anything is uploaded.
    await apply.getByRole('button', { name: 'Submit application' }).click()
    await apply.getByText('Attach a résumé or write a cover letter (or both).').waitFor()

    // A cover letter started and left is kept in this browser, and comes back with a banner.
    const coverLetter = apply.getByRole('textbox', { name: /Cover letter/ })
    await coverLetter.fill('I have run data platforms for six years.')
    await page.reload()
    const draftBanner = apply.getByText('Your unsent cover letter is back')
    await draftBanner.waitFor()
    expect(await coverLetter.inputValue()).toBe('I have run data platforms for six years.')
    await apply.getByLabel(/Resume/).setInputFiles({
      name: 'alex-resume.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Alex Applicant, data platform engineer'),
    })
    await apply.getByRole('button', { name: 'Submit application' }).click()
    await apply.getByText('Your application is sent').waitFor()

    await apply.getByRole('link', { name: 'Go to My applications' }).click()
    await page.waitForURL(pathnameIs('/my-applications'))
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
    const application = page
      .getByRole('list', { name: 'Your applications' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title }) })
    await application.waitFor()
    expect(await application.textContent()).toContain('Pending')
    expect(await application.textContent()).toContain('Harbour Analytics')
    await application.getByRole('link', { name: 'Download the resume you sent' }).waitFor()

    // Coming back to the job shows the application instead of a second form, and no draft.
    await page.goto(at(`/careers/${jobId}`))
    await apply.getByText("You've already applied for this job").waitFor()
    expect(await apply.getByRole('button', { name: 'Submit application' }).count()).toBe(0)
    expect(await draftBanner.count()).toBe(0)

    // The candidate withdraws it from My applications; the job offers the form again, without the old draft.
    await page.goto(at('/my-applications'))
    await application.getByRole('button', { name: `Withdraw application to “${title}”` }).click()
    const confirm = page.getByRole('dialog', { name: `Withdraw your application to “${title}”?` })
    await confirm.getByRole('button', { name: 'Withdraw' }).click()
    await confirm.waitFor({ state: 'detached' })
    await application.getByText(/You withdrew it/).waitFor()
    expect(await application.getByRole('button', { name: /Withdraw application/ }).count()).toBe(0)
    await page.goto(at(`/careers/${jobId}`))
    await apply.getByText('You withdrew your application').waitFor()
    await apply.getByRole('button', { name: 'Submit application' }).waitFor()
    expect(await draftBanner.count()).toBe(0)
    expect(await coverLetter.inputValue()).toBe('')

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('fits a phone, and tells a recruiter that only candidates apply', async () => {
    const title = `Support Lead ${unique()}`
    const jobId = await seedOpenJob({
      title,
      companyName: 'Tidewater Labs',
      description: 'Lead our support team.',
    })
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })

    await page.goto(at('/careers'))
    await page.getByRole('list', { name: 'Open jobs' }).getByRole('link', { name: title }).waitFor()
    await expectNoSidewaysScroll(page)

    await signIn(page, { email: uniqueEmail('board-recruiter'), role: 'RECRUITER' })
    await page.goto(at(`/careers/${jobId}`))
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const apply = page.getByRole('region', { name: 'Apply for this job' })
    await apply.getByText('Only candidates apply to jobs').waitFor()
    expect(await apply.getByRole('button', { name: 'Submit application' }).count()).toBe(0)
    await expectNoSidewaysScroll(page)

    // An address that is no job at all is explained, with the way back to the board.
    await page.goto(at('/careers/00000000-0000-4000-8000-000000000000'))
    await page.getByRole('heading', { level: 1, name: "This job isn't open" }).waitFor()
    await page.getByRole('link', { name: 'See all open jobs' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('pages through a long list with Load more, and moves focus to the first new job', async () => {
    const { page } = session
    const keyword = `Numbat${unique()}`
    const recruiter = await signInByApi(baseUrl, { email: uniqueEmail('board-many'), role: 'RECRUITER' })
    const admin = await signInByApi(baseUrl, { email: uniqueEmail('board-many-admin'), role: 'ADMIN' })
    // One more than the API's default page of 20, approved oldest first, so the newest is listed first.
    for (let index = 1; index <= 21; index += 1) {
      const created = await recruiter.request('POST', '/api/jobs', { title: `${keyword} role ${index}` })
      await recruiter.request('POST', `/api/jobs/${created.job.id}/submit`)
      await admin.request('POST', `/api/admin/jobs/${created.job.id}/approve`)
    }

    await page.goto(at(`/careers?q=${keyword}`))
    const jobs = page.getByRole('list', { name: 'Open jobs' })
    await jobs.getByRole('link', { name: `${keyword} role 21` }).waitFor()
    expect(await jobs.getByRole('listitem').count()).toBe(20)
    await page.getByText('Showing the first 20 open jobs.').waitFor()

    await page.getByRole('button', { name: 'Load more open jobs' }).click()
    const oldest = jobs.getByRole('link', { name: `${keyword} role 1`, exact: true })
    await oldest.waitFor()
    await page.getByText('Showing all 21 open jobs.').waitFor()
    expect(await page.getByRole('button', { name: 'Load more open jobs' }).count()).toBe(0)
    await expect.poll(() => oldest.evaluate((link) => link === document.activeElement)).toBe(true)

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('sends a candidate with no applications to the job board', async () => {
    const { page } = session
    await page.goto(at('/my-applications'))
    await page.waitForURL(pathnameIs('/sign-in'))
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill(uniqueEmail('new-candidate'))
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    await page.waitForURL(pathnameIs('/my-applications'))
    await page.getByText("You haven't applied for any jobs yet").waitFor()
    await page.getByRole('link', { name: 'Browse open jobs' }).first().click()
    await page.waitForURL(pathnameIs('/careers'))
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
