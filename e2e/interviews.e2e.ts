import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signInByApi } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

const at = (path: string) => new URL(path, baseUrl).href
const isInterviewPage = (url: URL) => /^\/interviews\/[0-9a-f-]{36}$/.test(url.pathname)

async function createJobFor(page: Page, title: string): Promise<string> {
  const res = await page.request.post(at('/api/jobs'), { headers: { origin: baseUrl }, data: { title } })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { job: { id: string } }).job.id
}

/** Waits until nothing in the page says it is still loading. */
async function waitForContent(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !/Loading|Checking your sign-in/.test(document.querySelector('main')?.textContent ?? ''),
  )
}

describe('Interviews', () => {
  // Clipboard access, so the Copy button can be checked against what it copied.
  const session = useBrowserPage({ permissions: ['clipboard-read', 'clipboard-write'] })

  it('creates an interview with two questions, shares and revokes its link, moves it along, and finds it again', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Rita Recruiter' })
    await createJobFor(page, 'Platform Engineer')

    await page.goto(at('/interviews'))
    await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor()
    await page.getByText('No interviews yet').waitFor()
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()
    await page.getByRole('link', { name: 'New interview' }).click()
    await page.getByRole('heading', { level: 1, name: 'New interview' }).waitFor()

    // Choosing a job fills the role in with its title.
    const job = page.getByRole('combobox', { name: /^Job/ })
    await job.locator('option', { hasText: 'Platform Engineer' }).waitFor({ state: 'attached' })
    await job.selectOption({ label: 'Platform Engineer' })
    expect(await page.getByRole('textbox', { name: /^Job role/ }).inputValue()).toBe('Platform Engineer')
    await page.getByRole('radio', { name: /Voice/ }).check()
    await page.getByRole('spinbutton', { name: /Time limit/ }).fill('45')
    await page.getByLabel(/Complete by/).fill('2031-01-31T17:00')
    await page.getByRole('textbox', { name: /^Candidate email/ }).fill('ada.lovelace@example.com')
    await page.getByRole('textbox', { name: /^Candidate name/ }).fill('Ada Lovelace')

    const questions = page.getByRole('group', { name: 'Questions' })
    await questions.getByRole('button', { name: 'Add question' }).click()
    const first = questions.getByRole('textbox', { name: 'Question 1' })
    await expect.poll(() => first.evaluate((element) => element === document.activeElement)).toBe(true)
    await first.fill('Tell me about a system you made faster.')
    await questions.getByRole('button', { name: 'Add question' }).click()

    // The API refuses the empty second question; its message appears under that question.
    await page.getByRole('button', { name: 'Create interview' }).click()
    const second = questions.getByRole('textbox', { name: 'Question 2' })
    await questions.getByText('Cannot be empty').waitFor()
    expect(await second.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => second.evaluate((element) => element === document.activeElement)).toBe(true)

    await second.fill('How do you review a teammate’s code?')
    await questions.getByRole('button', { name: 'Move up question 2' }).click()
    expect(await questions.getByRole('textbox', { name: 'Question 1' }).inputValue()).toBe(
      'How do you review a teammate’s code?',
    )
    await page.getByRole('button', { name: 'Create interview' }).click()

    await page.waitForURL(isInterviewPage)
    const interviewPath = new URL(page.url()).pathname
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor()
    await page.getByRole('status').getByText('Interview created').waitFor()
    const details = page.getByRole('region', { name: 'Details' })
    expect(await details.getByRole('listitem').allInnerTexts()).toEqual([
      'How do you review a teammate’s code?',
      'Tell me about a system you made faster.',
    ])
    await page
      .getByRole('region', { name: 'Results' })
      .getByText('The conversation appears here, live, as soon as the candidate starts.')
      .waitFor()

    const links = page.getByRole('region', { name: 'Candidate link' })
    const link = await links.getByRole('textbox', { name: 'Candidate link' }).inputValue()
    expect(link).toMatch(/\/interview\/[\w-]{20,}$/)
    await links.getByRole('button', { name: 'Copy link', exact: true }).click()
    await links.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)

    await links.getByRole('button', { name: 'Revoke link 1' }).click()
    const confirmRevoke = page.getByRole('dialog', { name: 'Revoke this link?' })
    await confirmRevoke.getByRole('button', { name: 'Revoke link' }).click()
    await confirmRevoke.waitFor({ state: 'hidden' })
    await links.getByText('No current link').waitFor()
    expect(await links.getByRole('list', { name: 'All links' }).textContent()).toContain('Revoked')

    // The candidate who opens the revoked link is told it was withdrawn.
    const candidatePage = await session.openPage()
    await candidatePage.goto(link)
    await candidatePage.getByRole('alert').getByText('This link has been withdrawn').waitFor()

    await links.getByRole('button', { name: 'Create new link' }).click()
    const newLink = links.getByRole('textbox', { name: 'Candidate link' })
    await newLink.waitFor()
    expect(await newLink.inputValue()).not.toBe(link)

    const status = page.getByRole('region', { name: 'Status' })
    await status.getByRole('button', { name: 'Mark as started' }).click()
    await page.getByText('Status: In progress').waitFor()
    await page.getByRole('link', { name: 'Edit interview' }).waitFor({ state: 'detached' })
    await status.getByRole('button', { name: 'Mark as completed' }).click()
    const confirmComplete = page.getByRole('dialog', { name: 'Mark as completed?' })
    await confirmComplete.getByRole('button', { name: 'Mark as completed' }).click()
    await page.getByText('Status: Completed').waitFor()
    await status.getByText('This interview is final').waitFor()

    // Notes may change whatever the status.
    const notes = page.getByRole('region', { name: 'Your notes' })
    await notes.getByRole('textbox', { name: 'Notes' }).fill('Strong on performance work.')
    await notes.getByRole('button', { name: 'Save notes' }).click()
    await notes.getByRole('status').getByText('Notes saved.').waitFor()

    // The list finds it by candidate, status and job, and says when nothing matches.
    await page.getByRole('link', { name: '← All interviews' }).click()
    const list = page.getByRole('list', { name: 'Interviews' })
    const item = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ada Lovelace' }) })
    await item.waitFor()
    await page.getByRole('searchbox', { name: /Search candidates/ }).fill('lovelace')
    await page.waitForURL((url) => url.searchParams.get('q') === 'lovelace')
    await item.waitFor()
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pending' })
    await page.getByText('No interviews match these filters').waitFor()
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Completed' })
    await item.waitFor()
    await page.getByRole('combobox', { name: 'Job' }).selectOption({ label: 'Platform Engineer' })
    await item.waitFor()
    expect(await item.textContent()).toContain('Completed')
    await item.getByRole('link', { name: 'Ada Lovelace' }).click()
    expect(new URL(page.url()).pathname).toBe(interviewPath)

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('updates an open interview live when it changes elsewhere, and deletes it', async () => {
    const { page } = session
    const { email } = await signIn(page, { role: 'RECRUITER', fullName: 'Lee Live' })
    const res = await page.request.post(at('/api/interviews'), {
      headers: { origin: baseUrl },
      data: { jobRole: 'Data Analyst', candidateEmail: 'grace@example.com', candidateName: 'Grace Hopper' },
    })
    expect(res.status(), await res.text()).toBe(201)
    const { interview } = (await res.json()) as { interview: { id: string } }

    await page.goto(at(`/interviews/${interview.id}`))
    await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor()
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()

    // The same recruiter, in another browser, marks it expired; this page follows without a reload.
    const elsewhere = await signInByApi(baseUrl, { email, role: 'RECRUITER' })
    await elsewhere.request('PATCH', `/api/interviews/${interview.id}/status`, { status: 'EXPIRED' })
    await page.getByText('Status: Expired').waitFor()
    await page.getByRole('region', { name: 'Status' }).getByText('This interview is final').waitFor()

    await page.getByRole('button', { name: 'Delete' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete this interview?' })
    await confirm.getByRole('button', { name: 'Delete interview' }).click()
    await page.waitForURL((url) => url.pathname === '/interviews')
    await page.getByText('No interviews yet').waitFor()

    await page.goto(at(`/interviews/${interview.id}`))
    await page.getByRole('heading', { level: 1, name: 'Interview not found' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('says when live updates stop, and catches up on what it missed once back', async () => {
    const { page } = session
    const { email } = await signIn(page, { role: 'RECRUITER', fullName: 'Ivy Indicator' })
    const elsewhere = await signInByApi(baseUrl, { email, role: 'RECRUITER' })
    await page.goto(at('/interviews'))
    const connection = page.getByRole('banner').getByRole('status')
    await connection.filter({ hasText: /^Connection: Live$/ }).waitFor()

    await page.context().setOffline(true)
    await connection.filter({ hasText: /^Connection: Offline$/ }).waitFor()
    await elsewhere.request('POST', '/api/interviews', {
      jobRole: 'Support Engineer',
      candidateEmail: 'olive@example.com',
      candidateName: 'Olive Offline',
    })
    await page.context().setOffline(false)
    await connection.filter({ hasText: /^Connection: Live$/ }).waitFor()
    await page.getByRole('link', { name: 'Olive Offline' }).waitFor()

    // Connected, a new interview arrives as an event.
    await elsewhere.request('POST', '/api/interviews', {
      jobRole: 'Support Engineer',
      candidateEmail: 'pia@example.com',
      candidateName: 'Pia Present',
    })
    await page.getByRole('link', { name: 'Pia Present' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('notices when the session ends on another device and asks to sign in again', async () => {
    const { page } = session
    const { email } = await signIn(page, { role: 'RECRUITER', fullName: 'Sid Session' })
    await page.goto(at('/interviews'))
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()

    // Signing out everywhere from another device closes this page's live connection too.
    const elsewhere = await signInByApi(baseUrl, { email, role: 'RECRUITER' })
    await elsewhere.request('POST', '/api/auth/logout-all')
    await page.waitForURL((url) => url.pathname === '/sign-in')
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/interviews')
    await page.getByRole('heading', { level: 1, name: 'Sign in to VantaHire' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('asks who is signed in when the server refuses to reconnect (UNAUTHORIZED)', async () => {
    const { page } = session
    const { email } = await signIn(page, { role: 'RECRUITER', fullName: 'Rey Refused' })
    await page.goto(at('/jobs'))
    const connection = page.getByRole('banner').getByRole('status')
    await connection.filter({ hasText: /^Connection: Live$/ }).waitFor()

    // The session ends while this page is offline; reconnecting, its handshake is refused.
    await page.context().setOffline(true)
    await connection.filter({ hasText: /^Connection: Offline$/ }).waitFor()
    const elsewhere = await signInByApi(baseUrl, { email, role: 'RECRUITER' })
    await elsewhere.request('POST', '/api/auth/logout-all')
    await page.context().setOffline(false)
    await page.waitForURL((url) => url.pathname === '/sign-in')
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/jobs')

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('fits a phone screen: the list, the form and an interview', async () => {
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
    await signIn(page, { role: 'RECRUITER', fullName: 'Pat Phone' })
    const res = await page.request.post(at('/api/interviews'), {
      headers: { origin: baseUrl },
      data: {
        jobRole: 'Senior Site Reliability Engineer, Payments Infrastructure',
        candidateEmail: 'a.very.long.address.for.a.candidate@example.com',
        questions: ['Walk me through the last incident you led, from the first page to the post-mortem.'],
      },
    })
    expect(res.status(), await res.text()).toBe(201)
    const { interview } = (await res.json()) as { interview: { id: string } }

    for (const path of ['/interviews', '/interviews/new', `/interviews/${interview.id}`]) {
      await page.goto(at(path))
      await page.getByRole('heading', { level: 1 }).waitFor()
      await waitForContent(page)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(scrollWidth, `${path} is wider than the phone`).toBeLessThanOrEqual(PHONE_VIEWPORT.width)
    }
    // The main navigation stays in reach on a phone.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })
})
