import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { type ApiSession, samplePdf, signInByApi, uniqueEmail } from './support/api-session'
import { expectNoAxeViolations, waitForPageToSettle } from './support/axe'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

/**
 * Every page of the app, for each role that can see it, in the states people meet it in (empty and
 * filled lists, dialogs open, forms showing their errors, a candidate's link from consent to the end,
 * broken links, the 404 page) scanned with axe: none may have a violation.
 */

const baseUrl = inject('baseUrl')
const at = (path: string) => new URL(path, baseUrl).href
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`

/** Opens a page, waits for what it loads, and scans it. */
async function scan(page: Page, path: string, state = path) {
  await page.goto(at(path))
  await waitForPageToSettle(page)
  await expectNoAxeViolations(page, state)
}

type Seeded = {
  recruiter: ApiSession
  interviewId: string
  linkPath: string
  jobId: string
  resumeId: string
}

/** A recruiter with a company, an interview and its link, a live job, and a candidate's application to it. */
async function seedRecruiterWithWork(id: string): Promise<Seeded> {
  const recruiter = await signInByApi(baseUrl, {
    email: uniqueEmail('a11y-recruiter'),
    role: 'RECRUITER',
    fullName: `Rita Recruiter ${id}`,
  })
  await recruiter.request('PUT', '/api/users/me/recruiter-profile', { companyName: `Northwind ${id}` })
  const created = await recruiter.request<{ interview: { id: string }; link: { url: string } }>(
    'POST',
    '/api/interviews',
    {
      jobRole: `Support Engineer ${id}`,
      candidateEmail: 'casey@example.com',
      candidateName: 'Casey',
      timeLimitMinutes: 20,
      questions: ['Tell me about a customer you helped.', 'How do you find the cause of a bug?'],
    },
  )
  await recruiter.request('POST', `/api/interviews/${created.interview.id}/invites`, { channels: ['email'] })

  const job = await recruiter.request<{ job: { id: string } }>('POST', '/api/jobs', {
    title: `Support Lead ${id}`,
    description: `Lead our support team.\n\n${'Answer customers, and teach others to. '.repeat(10)}`,
    requirements: 'Three years in support.',
    location: 'Remote',
    jobType: 'FULL_TIME',
    salaryRange: '€50,000–€60,000',
  })
  await recruiter.request('POST', `/api/jobs/${job.job.id}/submit`)
  const admin = await signInByApi(baseUrl, { email: uniqueEmail('a11y-approver'), role: 'ADMIN' })
  await admin.request('POST', `/api/admin/jobs/${job.job.id}/approve`)

  const candidate = await signInByApi(baseUrl, {
    email: uniqueEmail('a11y-applicant'),
    role: 'CANDIDATE',
    fullName: `Casey Applicant ${id}`,
  })
  const resume = await candidate.upload(
    { category: 'RESUME' },
    { name: 'casey-resume.pdf', type: 'application/pdf', content: samplePdf('Casey Applicant') },
  )
  await candidate.request('POST', `/api/jobs/${job.job.id}/applications`, {
    coverLetter: 'I have led support teams for five years. '.repeat(8),
    resumeFileId: resume.id,
  })
  return {
    recruiter,
    interviewId: created.interview.id,
    linkPath: new URL(created.link.url).pathname,
    jobId: job.job.id,
    resumeId: resume.id,
  }
}

/** A candidate answers the first question and ends the interview, through the link's pages. */
async function takeInterview(page: Page, linkPath: string) {
  await page.goto(at(linkPath))
  await page.getByRole('button', { name: 'Continue to the device check' }).click()
  await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
  await page.getByRole('button', { name: 'Start the interview' }).click()
  const input = page.getByRole('textbox', { name: 'Your answer' })
  await input.fill('I helped a customer recover a lost order.')
  await input.press('Enter')
  await page
    .getByRole('log', { name: 'Conversation' })
    .getByText(/How do you find the cause of a bug\?/)
    .waitFor()
  await page.getByRole('button', { name: 'End interview' }).click()
  await page
    .getByRole('dialog', { name: 'End the interview now?' })
    .getByRole('button', { name: 'End interview' })
    .click()
  await page.getByRole('heading', { level: 1, name: /^Thank you/ }).waitFor()
}

/** The pages of a recruiter with an interview taken, a live job with an application, and an invite sent. */
async function scanFilledRecruiterPages(page: Page, busy: Seeded) {
  await scan(page, '/dashboard', 'a recruiter’s dashboard with work')
  await scan(page, '/interviews', 'a recruiter’s interviews')
  await scan(page, `/interviews/${busy.interviewId}`, 'a finished interview with its transcript')
  await page.getByText('I helped a customer recover a lost order.').first().waitFor()
  await expectNoAxeViolations(page, 'a finished interview with its transcript')
  await scan(page, `/interviews/${busy.interviewId}/edit`, 'the interview edit form')
  await scan(page, '/jobs', 'a recruiter’s jobs')
  await scan(page, `/jobs/${busy.jobId}/edit`, 'the job edit form')
  await scan(page, `/jobs/${busy.jobId}/applications`, 'a job’s applications board')
  await page.getByRole('article', { name: /Casey Applicant/ }).waitFor()
  await expectNoAxeViolations(page, 'a job’s applications board with an application')
  await scan(page, `/jobs/${busy.jobId}/invite`, 'inviting many candidates to a job')
  await scan(page, '/outbox', 'an outbox with an invite')
  await scan(page, `/files/${busy.resumeId}/view`, 'a résumé in the viewer')

  await scan(page, '/jobs', 'a recruiter’s jobs')
  await page
    .getByRole('button', { name: /^Close/ })
    .first()
    .click()
  await page.getByRole('dialog').waitFor()
  await expectNoAxeViolations(page, 'the dialog asking to close a job')
  await page.keyboard.press('Escape')

  await scan(page, '/account/api-keys', 'the API keys page')
  await page.getByRole('button', { name: 'Create API key' }).click()
  await page.locator('[aria-invalid="true"]').first().waitFor()
  await expectNoAxeViolations(page, 'the API key form showing its errors')
}

describe('accessibility: every page and state passes axe', () => {
  const session = useBrowserPage()

  it('public pages, sign-in with its errors, the job board, broken links and the 404 page', async () => {
    const { page } = session
    const id = unique()
    const { recruiter, jobId } = await seedRecruiterWithWork(id)

    await scan(page, '/', 'the landing page')
    await scan(page, '/status', 'the status page')
    await page
      .getByText(/Postgres/)
      .first()
      .waitFor()
    await expectNoAxeViolations(page, 'the status page with its checks')

    await scan(page, '/sign-in', 'the sign-in page')
    const devSignIn = page.getByRole('region', { name: 'Development sign-in' })
    await devSignIn.getByRole('button', { name: 'Sign in for development' }).click()
    await page.locator('[aria-invalid="true"]').first().waitFor()
    await expectNoAxeViolations(page, 'the sign-in form showing its errors')

    await scan(page, '/careers', 'the job board')
    await scan(page, `/careers?q=${encodeURIComponent(`no such job ${id}`)}`, 'the job board with no match')
    await scan(page, `/careers/${jobId}`, 'a job on the board, signed out')

    await scan(page, '/interview', 'the interview page opened without a link')
    await scan(page, '/interview/not-a-real-token-at-all-0000000000000000', 'an invalid interview link')
    await page.getByRole('alert').getByText('This link is not valid').waitFor()
    const withdrawn = await recruiter.request<{
      interview: { id: string }
      link: { id: string; url: string }
    }>('POST', '/api/interviews', {
      jobRole: `Withdrawn Role ${id}`,
      candidateEmail: 'wes@example.com',
      candidateName: 'Wes',
    })
    await recruiter.request(
      'DELETE',
      `/api/interviews/${withdrawn.interview.id}/sessions/${withdrawn.link.id}`,
    )
    await scan(page, new URL(withdrawn.link.url).pathname, 'a withdrawn interview link')
    await page.getByRole('alert').getByText('This link has been withdrawn').waitFor()

    const voice = await recruiter.request<{ link: { url: string } }>('POST', '/api/interviews', {
      jobRole: `Voice Role ${id}`,
      type: 'VOICE',
      candidateEmail: 'vera@example.com',
      candidateName: 'Vera',
    })
    await scan(page, new URL(voice.link.url).pathname, 'a voice interview’s overview, voice not configured')

    await scan(page, `/no-such-page-${id}`, 'the 404 page')
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('a candidate’s interview link: overview, consent with its error, the interview in progress, ending it, finished', async () => {
    const { page } = session
    const { linkPath } = await seedRecruiterWithWork(unique())

    await scan(page, linkPath, 'the interview overview')
    await page.getByRole('button', { name: 'Continue to the device check' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your device and give your consent' }).waitFor()
    await page.getByText('Internet connection: passed.').waitFor()
    await expectNoAxeViolations(page, 'the device check and consent step')

    await page.getByRole('button', { name: 'Start the interview' }).click()
    await page.getByText('Tick this box to take the interview: it is conducted by an AI.').waitFor()
    await expectNoAxeViolations(page, 'the consent step showing its error')

    await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    const conversation = page.getByRole('log', { name: 'Conversation' })
    await conversation.getByText(/Tell me about a customer you helped\./).waitFor()
    await expectNoAxeViolations(page, 'the interview in progress')

    const input = page.getByRole('textbox', { name: 'Your answer' })
    await input.fill('I helped a customer recover a lost order.')
    await input.press('Enter')
    await conversation.getByText(/How do you find the cause of a bug\?/).waitFor()
    await expectNoAxeViolations(page, 'the interview after an answer')

    await page.getByRole('button', { name: 'End interview' }).click()
    const dialog = page.getByRole('dialog', { name: 'End the interview now?' })
    await dialog.waitFor()
    await expectNoAxeViolations(page, 'the dialog asking to end the interview')
    await dialog.getByRole('button', { name: 'End interview' }).click()
    await page.getByRole('heading', { level: 1, name: /^Thank you/ }).waitFor()
    await expectNoAxeViolations(page, 'the finished interview')

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('a candidate’s pages, empty and then with an application, and the pages they may not open', async () => {
    const { page } = session
    const { recruiter, jobId } = await seedRecruiterWithWork(unique())
    const candidate = await signIn(page, { role: 'CANDIDATE', fullName: 'Cleo Candidate' })

    await scan(page, '/home', 'a new candidate’s home')
    await recruiter.request('POST', '/api/interviews', {
      jobRole: 'Support Engineer',
      candidateEmail: candidate.email,
      candidateName: 'Cleo Candidate',
    })
    await scan(page, '/my-applications', 'a candidate’s applications, none yet')
    await scan(page, '/account', 'a candidate’s account')

    await scan(page, `/careers/${jobId}`, 'a job on the board, signed in as a candidate')
    const apply = page.getByRole('region', { name: 'Apply for this job' })
    await apply.getByRole('button', { name: 'Submit application' }).click()
    await page.locator('[aria-invalid="true"]').first().waitFor()
    await expectNoAxeViolations(page, 'the application form showing its errors')
    await apply.getByRole('textbox', { name: /Cover letter/ }).fill('I would like to lead your support team.')
    await apply.getByRole('button', { name: 'Submit application' }).click()
    await apply.getByText('Your application is sent').waitFor()
    await expectNoAxeViolations(page, 'a job the candidate has applied to')

    await scan(page, '/home', 'a candidate’s home with an interview and an application')
    await scan(page, '/my-applications', 'a candidate’s applications')
    await page
      .getByRole('button', { name: /^Withdraw/ })
      .first()
      .click()
    await page.getByRole('dialog').waitFor()
    await expectNoAxeViolations(page, 'the dialog asking to withdraw an application')
    await page.keyboard.press('Escape')

    // The account menu open, and the dialog behind its "Sign out everywhere".
    const menuButton = page.getByRole('banner').locator('button[aria-expanded]')
    await menuButton.click()
    await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor()
    await expectNoAxeViolations(page, 'the account menu, open')
    await page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await page.getByRole('dialog', { name: 'Sign out everywhere?' }).waitFor()
    await expectNoAxeViolations(page, 'the dialog asking to sign out everywhere')
    await page.keyboard.press('Escape')

    await scan(page, '/', 'the landing page, signed in')
    await scan(page, '/dashboard', 'a recruiter’s page, opened by a candidate')
    await scan(page, '/admin', 'the admin area, opened by a candidate')

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('a recruiter’s pages, empty and then filled, with their forms’ errors and dialogs', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Nora New' })
    await scan(page, '/dashboard', 'a new recruiter’s dashboard')
    await scan(page, '/interviews', 'no interviews yet')
    await scan(page, '/jobs', 'no jobs yet')
    await scan(page, '/outbox', 'an empty outbox')
    await scan(page, '/account', 'a recruiter’s account')
    await scan(page, '/account/api-keys', 'no API keys yet')
    const nobody = '00000000-0000-4000-8000-000000000000'
    await scan(page, `/interviews/${nobody}`, 'an interview that does not exist')
    await scan(page, `/interviews/${nobody}/edit`, 'editing an interview that does not exist')
    await scan(page, `/jobs/${nobody}/edit`, 'editing a job that does not exist')
    await scan(page, `/jobs/${nobody}/applications`, 'the applications of a job that does not exist')
    await scan(page, `/jobs/${nobody}/invite`, 'inviting to a job that does not exist')

    await scan(page, '/interviews/new', 'the new interview form')
    await page.getByRole('button', { name: 'Create interview' }).click()
    await page.locator('[aria-invalid="true"]').first().waitFor()
    await expectNoAxeViolations(page, 'the new interview form showing its errors')

    await scan(page, '/jobs/new', 'the new job form')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.locator('[aria-invalid="true"]').first().waitFor()
    await expectNoAxeViolations(page, 'the new job form showing its errors')

    const busy = await seedRecruiterWithWork(unique())
    // The candidate takes the interview, so the recruiter's pages show a finished one with its transcript.
    await takeInterview(await session.openPage(), busy.linkPath)
    const me = await busy.recruiter.request<{ user: { email: string } }>('GET', '/api/auth/me')
    const filled = await session.openPage()
    await signIn(filled, { email: me.user.email, role: 'RECRUITER' })
    await scanFilledRecruiterPages(filled, busy)
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('the admin area: overview, users with a dialog open, the approval queue with a rejection’s error, settings, background jobs', async () => {
    const { page } = session
    const id = unique()
    const recruiter = await signInByApi(baseUrl, {
      email: uniqueEmail('a11y-submitter'),
      role: 'RECRUITER',
      fullName: `Sam Submitter ${id}`,
    })
    await recruiter.request('PUT', '/api/users/me/recruiter-profile', { companyName: `Harbour ${id}` })
    const title = `Crane Operator ${id}`
    const job = await recruiter.request<{ job: { id: string } }>('POST', '/api/jobs', {
      title,
      description: `Run the cranes.\n\n${'Safely, and on time. '.repeat(20)}`,
      location: 'Rotterdam',
      jobType: 'CONTRACT',
    })
    await recruiter.request('POST', `/api/jobs/${job.job.id}/submit`)
    await signIn(page, { role: 'ADMIN', fullName: 'Ada Access' })

    await scan(page, '/admin', 'the admin overview')
    await scan(page, '/admin/users', 'the users list')
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill(`Sam Submitter ${id}`)
    await page.getByRole('button', { name: `Disable Sam Submitter ${id}` }).click()
    await page.getByRole('dialog', { name: `Disable Sam Submitter ${id}?` }).waitFor()
    await expectNoAxeViolations(page, 'the dialog asking to disable a user')
    await page.keyboard.press('Escape')

    await scan(page, '/admin/approvals', 'the approval queue')
    const card = page.getByRole('article', { name: title })
    await card.getByRole('button', { name: 'Show the whole description' }).click()
    await card.getByRole('button', { name: `Reject… “${title}”` }).click()
    await card.getByRole('button', { name: 'Reject job' }).click()
    await card.getByText('Say why, in at least 3 characters').waitFor()
    await expectNoAxeViolations(page, 'an approval card with the rejection form showing its error')
    await card.getByRole('button', { name: `Approve “${title}”` }).waitFor({ state: 'detached' })
    await card.getByRole('button', { name: 'Cancel' }).click()
    await card.getByRole('button', { name: `Approve “${title}”` }).click()
    await page.getByRole('status').getByText(`Approved “${title}”`).waitFor()
    await expectNoAxeViolations(page, 'the approval queue after a decision')

    await scan(page, '/admin/settings', 'the settings')
    await scan(page, '/admin/jobs', 'the background jobs')
    await scan(page, '/outbox', 'every recruiter’s outbox, for an admin')

    expect(session.pageErrors.map(String)).toEqual([])
  })
})
