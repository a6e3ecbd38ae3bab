import { describe, expect, inject, it } from 'vitest'
import { type ApiSession, samplePdf, signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

const at = (path: string) => new URL(path, baseUrl).href

/** A job the recruiter created, submitted, and an admin approved: open for applications. */
async function openJob(recruiter: ApiSession, admin: ApiSession, title: string): Promise<string> {
  const { job } = await recruiter.request<{ job: { id: string } }>('POST', '/api/jobs', { title })
  await recruiter.request('POST', `/api/jobs/${job.id}/submit`)
  await admin.request('POST', `/api/admin/jobs/${job.id}/approve`)
  return job.id
}

describe('Jobs and applications', () => {
  const session = useBrowserPage()

  it('creates a job, submits it for approval, follows a rejection live, and resubmits it', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Jo Jobs' })
    const admin = await signInByApi(baseUrl, { email: uniqueEmail('admin'), role: 'ADMIN' })

    await page.goto(at('/jobs'))
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor()
    await page.getByText('No jobs yet').waitFor()
    await page.getByRole('link', { name: 'New job' }).click()
    await page.getByRole('heading', { level: 1, name: 'New job' }).waitFor()

    // The API's reason for refusing appears under the field, which takes focus.
    await page.getByRole('button', { name: 'Save draft' }).click()
    const title = page.getByRole('textbox', { name: /^Job title/ })
    await page.getByText('Is required').waitFor()
    expect(await title.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => title.evaluate((element) => element === document.activeElement)).toBe(true)

    await title.fill('Staff Backend Engineer')
    await page
      .getByRole('textbox', { name: /^Description/ })
      .fill('Own our interview pipeline.\nWork with Go and Postgres.')
    await page.getByRole('textbox', { name: /^Department/ }).fill('Engineering')
    await page.getByRole('textbox', { name: /^Location/ }).fill('Remote')
    await page.getByRole('combobox', { name: /^Job type/ }).selectOption({ label: 'Full-time' })
    await page.getByRole('textbox', { name: /^Salary range/ }).fill('€90,000–€110,000')
    await page.getByRole('button', { name: 'Save draft' }).click()

    await page.waitForURL((url) => url.pathname === '/jobs')
    await page.getByRole('status').getByText('“Staff Backend Engineer” is saved').waitFor()
    const job = page.getByRole('listitem', { name: 'Staff Backend Engineer' })
    await job.getByText('Draft', { exact: true }).waitFor()
    expect(await job.textContent()).toContain('Engineering · Remote · Full-time · €90,000–€110,000')

    await job.getByRole('button', { name: 'Submit for approval “Staff Backend Engineer”' }).click()
    await job.getByText('Waiting for approval', { exact: true }).waitFor()
    await job.getByRole('button', { name: /Submit for approval/ }).waitFor({ state: 'detached' })

    // An admin rejects it elsewhere: the page shows it, with the reason, without a reload.
    const { items } = await admin.request<{ items: Array<{ id: string; title: string }> }>(
      'GET',
      '/api/admin/jobs/pending',
    )
    const jobId = items.find((item) => item.title === 'Staff Backend Engineer')?.id
    expect(jobId).toBeDefined()
    await admin.request('POST', `/api/admin/jobs/${jobId}/reject`, {
      reason: 'Please add the salary currency in words.',
    })
    await job.getByText('Rejected', { exact: true }).waitFor()
    await job.getByText('Please add the salary currency in words.').waitFor()

    // The dashboard lists it among the jobs needing attention.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
    const attention = page.getByRole('region', { name: 'Jobs needing attention' })
    await attention.getByText('Please add the salary currency in words.').waitFor()

    await page.goto(at(`/jobs/${jobId}/edit`))
    const salary = page.getByRole('textbox', { name: /^Salary range/ })
    await salary.waitFor()
    expect(await page.getByRole('textbox', { name: /^Job title/ }).inputValue()).toBe(
      'Staff Backend Engineer',
    )
    await salary.fill('90,000 to 110,000 euros a year')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL((url) => url.pathname === '/jobs')
    await job.getByText('Rejected', { exact: true }).waitFor()
    await job.getByRole('button', { name: /Submit for approval/ }).click()
    await job.getByText('Waiting for approval', { exact: true }).waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('shows a new application on the open board at once, moves it, keeps notes and invites the candidate', async () => {
    const { page } = session
    const { email: recruiterEmail } = await signIn(page, { role: 'RECRUITER', fullName: 'Bo Board' })
    const recruiter = await signInByApi(baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
    const admin = await signInByApi(baseUrl, { email: uniqueEmail('admin'), role: 'ADMIN' })
    const jobId = await openJob(recruiter, admin, 'Product Designer')

    await page.goto(at(`/jobs/${jobId}/applications`))
    await page.getByRole('heading', { level: 1, name: /Product Designer/ }).waitFor()
    await page.getByRole('region', { name: 'Pending (0)' }).waitFor()
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()

    const candidate = await signInByApi(baseUrl, {
      email: uniqueEmail('candidate'),
      role: 'CANDIDATE',
      fullName: 'Casey Candidate',
    })
    const resume = await candidate.upload(
      { category: 'RESUME' },
      { name: 'casey-resume.pdf', type: 'application/pdf', content: samplePdf('Casey Candidate') },
    )
    await candidate.request('POST', `/api/jobs/${jobId}/applications`, {
      coverLetter: 'I have designed hiring tools for six years. '.repeat(8),
      resumeFileId: resume.id,
    })

    // No reload: the application arrives over the live connection.
    const pending = page.getByRole('region', { name: 'Pending (1)' })
    const card = pending.getByRole('article', { name: 'Casey Candidate' })
    await card.waitFor()
    await card.getByText('Read the whole letter').waitFor()

    await card.getByRole('button', { name: 'Mark as reviewed Casey Candidate' }).click()
    const reviewed = page.getByRole('region', { name: 'Reviewed (1)' })
    const movedCard = reviewed.getByRole('article', { name: 'Casey Candidate' })
    await movedCard.waitFor()
    await page.getByRole('region', { name: 'Pending (0)' }).waitFor()
    // Focus follows the card to its new column.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Casey Candidate')

    await movedCard.getByText('Private notes').filter({ visible: true }).click()
    await movedCard.getByRole('textbox', { name: 'Private notes' }).fill('Portfolio is excellent.')
    await movedCard.getByRole('button', { name: 'Save notes' }).click()
    await movedCard.getByRole('status').getByText('Notes saved.').waitFor()

    // A job with applications cannot be deleted: asking to delete it offers closing instead (no Delete
    // that would only fail), and a closed job can be reopened.
    const publicStatus = async () => (await fetch(at(`/api/public/jobs/${jobId}`))).status
    await page.goto(at('/jobs'))
    const job = page.getByRole('listitem', { name: 'Product Designer' })
    await job.getByRole('button', { name: 'Delete “Product Designer”' }).click()
    const confirmDelete = page.getByRole('dialog', { name: '“Product Designer” cannot be deleted' })
    await confirmDelete.getByText(/It has 1 application, which stay/).waitFor()
    expect(await confirmDelete.getByRole('button', { name: /Delete/ }).count()).toBe(0)
    await confirmDelete.getByRole('button', { name: 'Close job instead' }).click()
    await confirmDelete.waitFor({ state: 'detached' })
    await job.getByText('Closed', { exact: true }).waitFor()
    expect(await publicStatus()).toBe(404)
    expect(await job.getByRole('button', { name: /^Delete/ }).count()).toBe(0)

    await job.getByRole('button', { name: 'Reopen “Product Designer”' }).click()
    await job.getByText('Live on the job board', { exact: true }).waitFor()
    expect(await publicStatus()).toBe(200)
    await job.getByRole('link', { name: 'Applications (1) “Product Designer”' }).waitFor()

    await job.getByRole('link', { name: 'Applications (1) “Product Designer”' }).click()
    const board = page
      .getByRole('region', { name: 'Reviewed (1)' })
      .getByRole('article', { name: 'Casey Candidate' })
    await board.getByText('Invite to AI interview').click()
    await board.getByRole('button', { name: 'Create interview for Casey Candidate' }).click()
    await board.getByRole('link', { name: 'Open the interview with Casey Candidate' }).click()
    await page.getByRole('heading', { level: 1, name: 'Casey Candidate' }).waitFor()
    await page.getByRole('textbox', { name: 'Candidate link' }).waitFor()

    // The resume came with the application; the viewer opens it.
    await page.getByRole('link', { name: 'View resume' }).click()
    await page.getByRole('heading', { level: 1, name: 'casey-resume.pdf' }).waitFor()
    const download = page.getByRole('link', { name: 'Download casey-resume.pdf' })
    expect(await download.getAttribute('href')).toBe(`/api/files/${resume.id}`)
    // The preview shows where the page's security policy allows framing it, and says so where it does not.
    await page
      .getByTitle('Preview of casey-resume.pdf')
      .or(page.getByText("The preview can't be shown here"))
      .waitFor()

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('explains a missing file and a file that belongs to someone else', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Fay Files' })
    const ownerEmail = uniqueEmail('owner')
    const owner = await signInByApi(baseUrl, { email: ownerEmail, role: 'RECRUITER' })
    const { interview } = await owner.request<{ interview: { id: string } }>('POST', '/api/interviews', {
      jobRole: 'Writer',
      candidateEmail: 'sam@example.com',
    })
    const file = await owner.upload(
      { category: 'RESUME', interviewId: interview.id },
      { name: 'sam.txt', type: 'text/plain', content: Buffer.from('Sam, writer.\n') },
    )

    await page.goto(at(`/files/${file.id}/view`))
    await page.getByRole('alert').getByText("You can't open this file").waitFor()

    await page.goto(at('/files/00000000-0000-4000-8000-000000000000/view'))
    await page.getByRole('alert').getByText("This file doesn't exist").waitFor()

    // Its owner gets the download link; a text file has no preview.
    const ownerPage = await session.openPage()
    await signIn(ownerPage, { email: ownerEmail, role: 'RECRUITER' })
    await ownerPage.goto(at(`/files/${file.id}/view`))
    await ownerPage.getByRole('heading', { level: 1, name: 'sam.txt' }).waitFor()
    await ownerPage.getByText('No preview for this type of file').waitFor()
    await ownerPage.getByRole('link', { name: 'Download sam.txt' }).waitFor()
  })

  it('fits a phone screen: the jobs list and the applications board stack', async () => {
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
    const { email } = await signIn(page, { role: 'RECRUITER', fullName: 'Max Mobile' })
    const recruiter = await signInByApi(baseUrl, { email, role: 'RECRUITER' })
    const admin = await signInByApi(baseUrl, { email: uniqueEmail('admin'), role: 'ADMIN' })
    const jobId = await openJob(recruiter, admin, 'Customer Success Manager, Enterprise Accounts (EMEA)')
    const candidate = await signInByApi(baseUrl, {
      email: uniqueEmail('candidate'),
      role: 'CANDIDATE',
      fullName: 'Robin Applicant',
    })
    await candidate.request('POST', `/api/jobs/${jobId}/applications`, { coverLetter: 'Hello.' })

    for (const [path, ready] of [
      ['/jobs', 'Customer Success Manager, Enterprise Accounts (EMEA)'],
      [`/jobs/${jobId}/applications`, 'Robin Applicant'],
      ['/dashboard', 'Robin Applicant'],
    ] as const) {
      await page.goto(at(path))
      await page.getByText(ready, { exact: true }).first().waitFor()
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(scrollWidth, `${path} is wider than the phone`).toBeLessThanOrEqual(PHONE_VIEWPORT.width)
    }

    expect(session.pageErrors.map(String)).toEqual([])
  })
})
