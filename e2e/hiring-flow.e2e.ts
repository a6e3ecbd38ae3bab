import { describe, expect, inject, it } from 'vitest'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const at = (path: string) => new URL(path, baseUrl).href

describe('the hiring flow, three people in three browsers', () => {
  const session = useBrowserPage()

  it('a recruiter creates a job, an admin approves it, a candidate applies, and the recruiter’s open board shows it without a reload', async () => {
    const title = `Reliability Engineer ${Date.now().toString(36)}`
    const recruiter = await session.openPage()
    const admin = await session.openPage()
    const candidate = await session.openPage()
    await signIn(recruiter, { role: 'RECRUITER', fullName: 'Riley Recruiter' })
    await signIn(admin, { role: 'ADMIN', fullName: 'Abe Approver' })
    await signIn(candidate, { role: 'CANDIDATE', fullName: 'Casey Candidate' })

    // The recruiter writes the job and submits it for approval.
    await recruiter.goto(at('/jobs/new'))
    await recruiter.getByRole('textbox', { name: /^Job title/ }).fill(title)
    await recruiter.getByRole('textbox', { name: /^Description/ }).fill('Keep interviews running smoothly.')
    await recruiter.getByRole('button', { name: 'Save draft' }).click()
    const job = recruiter.getByRole('listitem', { name: title })
    await job.getByRole('button', { name: `Submit for approval “${title}”` }).click()
    await job.getByText('Waiting for approval', { exact: true }).waitFor()

    // The admin approves it from the queue.
    await admin.goto(at('/admin/approvals'))
    const queued = admin
      .getByRole('list', { name: 'Jobs awaiting approval' })
      .getByRole('article', { name: title })
    await queued.getByRole('button', { name: `Approve “${title}”` }).click()
    await queued.waitFor({ state: 'detached' })

    // The recruiter opens the job's applications board and keeps it open.
    const jobs = await (await recruiter.request.get(at('/api/jobs?limit=100'))).json()
    const jobId = jobs.items.find((item: { title: string }) => item.title === title).id
    await recruiter.goto(at(`/jobs/${jobId}/applications`))
    await recruiter.getByRole('region', { name: 'Pending (0)' }).waitFor()
    await recruiter
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()

    // The candidate finds the job on the public board and applies.
    await candidate.goto(at(`/careers/${jobId}`))
    await candidate.getByRole('heading', { level: 1, name: title }).waitFor()
    const apply = candidate.getByRole('region', { name: 'Apply for this job' })
    await apply
      .getByRole('textbox', { name: /Cover letter/ })
      .fill('I have kept on-call calm for five years.')
    await apply.getByRole('button', { name: 'Submit application' }).click()
    await apply.getByText('Your application is sent').waitFor()

    // The recruiter's board, never reloaded, shows the application.
    const pending = recruiter.getByRole('region', { name: 'Pending (1)' })
    await pending.getByRole('article', { name: 'Casey Candidate' }).waitFor()
    expect(await recruiter.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
