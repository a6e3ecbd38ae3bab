import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeOidcProvider } from '../api/test/fakes/oidc-provider.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

// A product of this file's own, whose fake Google and LinkedIn sign in whoever each test says, so
// every role's first sign-in is a new person.
let oidc: FakeOidcProvider
let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  oidc = await FakeOidcProvider.start()
  const env: Record<string, string> = {}
  for (const provider of ['google', 'linkedin'] as const) {
    const prefix = provider.toUpperCase()
    env[`${prefix}_CLIENT_ID`] = oidc.clients[provider].clientId
    env[`${prefix}_CLIENT_SECRET`] = oidc.clients[provider].clientSecret
    env[`${prefix}_ISSUER`] = oidc.issuer(provider)
  }
  stack = await startTestStack({ spaDistDir: SPA_DIST_DIR, env })
})
afterAll(async () => {
  await stack?.stop()
  await oidc?.stop()
})

const at = (path: string) => new URL(path, stack.baseUrl).href
const pathnameIs = (pathname: string) => (url: URL) => url.pathname === pathname

/** A new person the fake providers will sign in. */
function newPerson(label: string, name: string) {
  const email = uniqueEmail(label)
  const person = { sub: `sub-${email}`, email, emailVerified: true, name }
  oidc.setUser('google', person)
  oidc.setUser('linkedin', person)
  return person
}

async function signInWithProvider(
  page: Page,
  provider: 'Google' | 'LinkedIn',
  options: { role?: 'recruiter'; path?: string } = {},
) {
  await page.goto(at(options.path ?? '/sign-in'))
  await page.getByRole('heading', { level: 1, name: 'Sign in to VantaHire' }).waitFor()
  if (options.role === 'recruiter') await page.getByRole('radio', { name: "I'm hiring (recruiter)" }).check()
  await page.getByRole('link', { name: `Continue with ${provider}` }).click()
}

async function signInForDevelopment(page: Page, email: string, role: 'Candidate' | 'Recruiter' | 'Admin') {
  await page.goto(at('/sign-in'))
  const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
  await devSignIn.getByRole('textbox', { name: 'Email address' }).fill(email)
  await devSignIn.getByRole('combobox', { name: 'Role' }).selectOption({ label: role })
  await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
}

describe('Where each role lands after signing in', () => {
  const session = useBrowserPage()

  it('lands a recruiter signing up with Google on the dashboard', async () => {
    const { page } = session
    newPerson('landing-recruiter', 'Rhea Recruiter')
    await signInWithProvider(page, 'Google', { role: 'recruiter' })
    await page.waitForURL(pathnameIs('/dashboard'))
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
    await page.getByText('Welcome back, Rhea.', { exact: false }).waitFor()

    // Signed in, the front page offers the way back to work instead of signing in.
    await page.goto(at('/'))
    await page.getByRole('link', { name: 'Go to your dashboard' }).click()
    await page.waitForURL(pathnameIs('/dashboard'))
    expect(await page.getByRole('link', { name: 'Sign in or create an account' }).count()).toBe(0)
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('lands a candidate signing up with LinkedIn on their applications and the interviews sent to them', async () => {
    const { page } = session
    const candidate = newPerson('landing-candidate', 'Casey Candidate')
    // Sent before the candidate had an account: it becomes theirs when they sign up with that email.
    const recruiter = await signInByApi(stack.baseUrl, { email: uniqueEmail('sender'), role: 'RECRUITER' })
    await recruiter.request('PUT', '/api/users/me/recruiter-profile', { companyName: 'Northwind Traders' })
    await recruiter.request('POST', '/api/interviews', {
      jobRole: 'Data Engineer',
      candidateEmail: candidate.email,
      questions: ['Why data?'],
    })

    await signInWithProvider(page, 'LinkedIn')
    await page.waitForURL(pathnameIs('/home'))
    await page.getByRole('heading', { level: 1, name: 'Welcome, Casey' }).waitFor()
    const interviews = page.getByRole('region', { name: 'Your interviews' })
    const item = interviews.getByRole('list', { name: 'Interviews to take' }).getByRole('listitem')
    await item.getByRole('heading', { name: 'Data Engineer' }).waitFor()
    expect(await item.count()).toBe(1)
    expect(await item.textContent()).toContain('Northwind Traders')
    await interviews.getByText('open the personal link', { exact: false }).waitFor()
    await page
      .getByRole('region', { name: 'Your applications' })
      .getByText("You haven't applied for any jobs yet")
      .waitFor()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('lands an admin on the approval queue, whether by development sign-in or by Google', async () => {
    const { page } = session
    await signInForDevelopment(page, uniqueEmail('landing-admin'), 'Admin')
    await page.waitForURL(pathnameIs('/admin/approvals'))
    await page.getByRole('heading', { level: 1, name: 'Job approvals' }).waitFor()

    // Someone who signed up with Google and was then made an admin lands there on their next sign-in.
    const person = newPerson('landing-promoted', 'Ada Admin')
    const other = await session.openPage()
    await signInWithProvider(other, 'Google')
    await other.waitForURL(pathnameIs('/home'))
    const admin = await signInByApi(stack.baseUrl, { email: uniqueEmail('promoter'), role: 'ADMIN' })
    const found = await admin.request<{ items: Array<{ id: string }> }>(
      'GET',
      `/api/admin/users?${new URLSearchParams({ q: person.email })}`,
    )
    expect(found.items).toHaveLength(1)
    await admin.request('PATCH', `/api/admin/users/${found.items[0]?.id}`, { role: 'ADMIN' })
    await signInWithProvider(other, 'Google')
    await other.waitForURL(pathnameIs('/admin/approvals'))
    await other.getByRole('heading', { level: 1, name: 'Job approvals' }).waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('lands development sign-ins by role too: recruiters on the dashboard, candidates on /home', async () => {
    const { page } = session
    await signInForDevelopment(page, uniqueEmail('dev-recruiter'), 'Recruiter')
    await page.waitForURL(pathnameIs('/dashboard'))
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()

    const other = await session.openPage()
    await signInForDevelopment(other, uniqueEmail('dev-candidate'), 'Candidate')
    await other.waitForURL(pathnameIs('/home'))
    await other
      .getByRole('region', { name: 'Your interviews' })
      .getByText('No interviews waiting for you')
      .waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('still returns people to the page they asked for before signing in', async () => {
    const { page } = session
    newPerson('landing-returning', 'Remy Returning')
    await page.goto(at('/interviews/new'))
    await page.waitForURL(pathnameIs('/sign-in'))
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/interviews/new')
    await page.getByRole('radio', { name: "I'm hiring (recruiter)" }).check()
    await page.getByRole('link', { name: 'Continue with Google' }).click()
    await page.waitForURL(pathnameIs('/interviews/new'))

    const other = await session.openPage()
    await other.goto(at('/my-applications'))
    await other.waitForURL(pathnameIs('/sign-in'))
    const devSignIn = other.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('textbox', { name: 'Email address' }).fill(uniqueEmail('dev-returning'))
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    await other.waitForURL(pathnameIs('/my-applications'))
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('shows a recruiter the interviews that need them, kept current live, and marks one reviewed', async () => {
    const { page } = session
    const email = uniqueEmail('attention')
    const recruiter = await signInByApi(stack.baseUrl, { email, role: 'RECRUITER' })
    const create = async (candidateName: string, extra: Record<string, unknown> = {}) =>
      (
        await recruiter.request<{ interview: { id: string } }>('POST', '/api/interviews', {
          jobRole: 'Site Reliability Engineer',
          candidateEmail: uniqueEmail('attention-candidate'),
          candidateName,
          questions: ['Tell me about an outage.'],
          ...extra,
        })
      ).interview.id
    const setStatus = (id: string, status: string) =>
      recruiter.request('PATCH', `/api/interviews/${id}/status`, { status })
    const finished = await create('Fiona Finished')
    await setStatus(finished, 'IN_PROGRESS')
    await setStatus(finished, 'COMPLETED')
    const running = await create('Rory Running')
    await setStatus(running, 'IN_PROGRESS')
    await create('Sam Soon', { expiresAt: new Date(Date.now() + 5 * 60 * 60 * 1000).toISOString() })
    await create('Lee Later', { expiresAt: new Date(Date.now() + 5 * 24 * 60 * 60 * 1000).toISOString() })

    await signIn(page, { email, role: 'RECRUITER' }, stack.baseUrl)
    await page.goto(at('/dashboard'))
    const attention = page.getByRole('region', { name: 'Needs your attention' })
    const toReview = attention.getByRole('region', { name: /Waiting for your review/ })
    const inProgress = attention.getByRole('region', { name: /In progress now/ })
    const expiring = attention.getByRole('region', { name: /Expiring within 48 hours/ })
    await toReview.getByRole('link', { name: 'Fiona Finished' }).waitFor()
    await inProgress.getByRole('link', { name: 'Rory Running' }).waitFor()
    await expiring.getByRole('link', { name: 'Sam Soon' }).waitFor()
    expect(await expiring.getByRole('link').allInnerTexts()).toEqual(['Sam Soon'])
    const totals = page.getByRole('region', { name: 'Totals' })
    await totals.getByRole('link', { name: '2 pending interviews: show them' }).waitFor()
    await totals.getByRole('link', { name: '0 open jobs: show them' }).waitFor()

    // Rory finishes while the dashboard is open: the review list grows without a reload.
    await setStatus(running, 'COMPLETED')
    await toReview.getByRole('link', { name: 'Rory Running' }).waitFor()
    await inProgress.getByText('Nobody is interviewing right now.').waitFor()

    await toReview.getByRole('link', { name: 'Fiona Finished' }).click()
    await page.waitForURL(pathnameIs(`/interviews/${finished}`))
    const review = page.getByRole('region', { name: 'Review' })
    await review.getByRole('button', { name: 'Mark reviewed' }).click()
    await review.getByText('Reviewed by you on', { exact: false }).waitFor()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
    await page.waitForURL(pathnameIs('/dashboard'))
    // The cached lists show at once and are asked for again: Fiona leaves them once reviewed.
    await toReview.getByRole('link', { name: 'Fiona Finished' }).waitFor({ state: 'detached' })
    await toReview.getByRole('link', { name: 'Rory Running' }).waitFor()
    expect(await toReview.getByRole('heading').textContent()).toBe('Waiting for your review (1)')
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
