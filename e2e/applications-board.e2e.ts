import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJob } from '../api/test/support/factories.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))
const APPLICATIONS = 500
const LAPTOP = { width: 1366, height: 768 }

// A product of this file's own: 500 applications are arranged straight in its database (through the
// API they would take minutes), then the recruiter works them in the browser.
let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  stack = await startTestStack({ spaDistDir: SPA_DIST_DIR })
})
afterAll(async () => {
  await stack?.stop()
})

const at = (path: string) => new URL(path, stack.baseUrl).href

/**
 * A live job of a new recruiter with `APPLICATIONS` applications: every tenth applicant has a long
 * unbroken email, applicant n applied n minutes after the first, and every seventh has a scored AI
 * interview (score n % 101). One named applicant, Zelda Quartermaine, is easy to search for.
 */
async function jobWithManyApplications() {
  const recruiterEmail = uniqueEmail('board-recruiter')
  const recruiter = await signInByApi(stack.baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
  const { prisma } = stack.services
  const job = await createJob(stack.services, { recruiterId: recruiter.userId, standing: 'live' })
  const run = Date.now().toString(36)
  const people = Array.from({ length: APPLICATIONS }, (_, n) => ({
    n,
    email:
      n % 10 === 0
        ? `averyveryverylongcandidatemailboxname.${n}.${run}@an-extremely-long-subdomain.recruiting-example.test`
        : `applicant-${n}-${run}@vantahire.test`,
    fullName: n === 123 ? 'Zelda Quartermaine' : `Applicant ${String(n).padStart(3, '0')}`,
  }))
  await prisma.user.createMany({
    data: people.map((person) => ({
      email: person.email,
      fullName: person.fullName,
      role: 'CANDIDATE' as const,
      provider: 'dev',
      providerId: person.email,
    })),
  })
  const users = await prisma.user.findMany({
    where: { email: { in: people.map((person) => person.email) } },
    select: { id: true, email: true },
  })
  const idOf = new Map(users.map((user) => [user.email, user.id]))
  const start = Date.UTC(2026, 10, 1)
  await prisma.jobApplication.createMany({
    data: people.map((person) => ({
      jobId: job.id,
      candidateId: idOf.get(person.email) as string,
      coverLetter: `I would like to work on your platform. (${person.n})`,
      appliedAt: new Date(start + person.n * 60_000),
    })),
  })
  await prisma.interview.createMany({
    data: people
      .filter((person) => person.n % 7 === 0)
      .map((person) => ({
        recruiterId: recruiter.userId,
        jobId: job.id,
        candidateEmail: person.email,
        candidateUserId: idOf.get(person.email),
        jobRole: job.title,
        status: 'COMPLETED' as const,
        score: person.n % 101,
      })),
  })
  return { recruiterEmail, job }
}

/** The page is no wider than the window: nothing sticks out sideways. */
async function horizontalOverflow(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

describe('The applications board at 500 applications', () => {
  const session = useBrowserPage({ viewport: LAPTOP, acceptDownloads: true })

  it('fits a laptop screen, counts everything, and searches, filters, sorts, tables and exports', async () => {
    const { recruiterEmail, job } = await jobWithManyApplications()
    const { page } = session
    await signIn(page, { email: recruiterEmail, role: 'RECRUITER' }, stack.baseUrl)
    await page.goto(at(`/jobs/${job.id}/applications`))

    // The columns count every application, not only the hundred loaded.
    await page.getByRole('region', { name: `Pending (${APPLICATIONS})` }).waitFor()
    await page.getByText(`Showing 100 of ${APPLICATIONS} applications.`).waitFor()
    expect(await horizontalOverflow(page)).toBe(0)
    // A long address wraps at its dots, inside its card.
    const longCard = page.getByRole('article', { name: 'Applicant 490' })
    await longCard.waitFor()
    const cardBox = await longCard.boundingBox()
    const emailBox = await longCard.getByText(/averyveryverylongcandidatemailboxname\.490/).boundingBox()
    expect(cardBox && emailBox && emailBox.x + emailBox.width <= cardBox.x + cardBox.width).toBe(true)

    // All 500 load, a hundred at a time, and the page still fits.
    for (let shown = 100; shown < APPLICATIONS; shown += 100) {
      await page.getByRole('button', { name: `Show more (${APPLICATIONS - shown} not shown)` }).click()
      await page.getByText(`Showing ${shown + 100} of ${APPLICATIONS} applications.`).waitFor()
    }
    expect(
      await page
        .getByRole('region', { name: `Pending (${APPLICATIONS})` })
        .getByRole('article')
        .count(),
    ).toBe(APPLICATIONS)
    expect(await horizontalOverflow(page)).toBe(0)

    // Search, by name, finds one among five hundred.
    await page.getByRole('searchbox', { name: /Search applicants/ }).fill('zelda quarter')
    await page.getByText('Showing 1 of 1 application matching the filters.').waitFor()
    await page
      .getByRole('region', { name: 'Pending (1)' })
      .getByRole('article', { name: 'Zelda Quartermaine' })
      .waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe('zelda quarter')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    // Back to the whole board, as loaded before.
    await page.getByText(`Showing ${APPLICATIONS} of ${APPLICATIONS} applications.`).waitFor()

    // Filter to the scored ones, best score first, as a table.
    const scoredCount = Math.ceil(APPLICATIONS / 7)
    await page.getByRole('combobox', { name: 'AI interview' }).selectOption({ label: 'Scored' })
    await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Best interview score' })
    await page.getByRole('button', { name: 'Table' }).click()
    await page
      .getByText(`Showing ${scoredCount} of ${scoredCount} applications matching the filters.`)
      .waitFor()
    const table = page.getByRole('table', { name: 'Applications' })
    await table.waitFor()
    const rows = table.getByRole('row')
    expect(await rows.count()).toBe(scoredCount + 1)
    const scores = (await table.locator('tbody tr td:nth-child(4)').allTextContents()).map(Number)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(scores[0]).toBe(Math.max(...Array.from({ length: scoredCount }, (_, i) => (i * 7) % 101)))
    expect(await horizontalOverflow(page)).toBe(0)
    expect(new URL(page.url()).searchParams.get('view')).toBe('table')

    // The CSV is what the filters show, in their order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Export CSV/ }).click(),
    ])
    const path = await download.path()
    const { readFile } = await import('node:fs/promises')
    const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toBe(
      'name,email,status,applied_at,reviewed_at,interview_score,resume_url,cover_letter,notes',
    )
    expect(lines).toHaveLength(scoredCount + 1)
    const csvScores = lines.slice(1).map((line) => Number(line.split(',')[5]))
    expect(csvScores).toEqual(scores)
    expect(session.pageErrors.map(String)).toEqual([])
  }, 180_000)

  it('undoes a rejection within seconds, and reopens a rejected application later', async () => {
    const recruiterEmail = uniqueEmail('undo-recruiter')
    const recruiter = await signInByApi(stack.baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
    const job = await createJob(stack.services, { recruiterId: recruiter.userId, standing: 'live' })
    const candidate = await signInByApi(stack.baseUrl, {
      email: uniqueEmail('undo-candidate'),
      role: 'CANDIDATE',
      fullName: 'Robin Reviewed',
    })
    const { application } = await candidate.request<{ application: { id: string } }>(
      'POST',
      `/api/jobs/${job.id}/applications`,
      { coverLetter: 'Happy to help your customers.' },
    )
    await recruiter.request('PATCH', `/api/applications/${application.id}`, { status: 'REVIEWED' })

    const { page } = session
    await signIn(page, { email: recruiterEmail, role: 'RECRUITER' }, stack.baseUrl)
    await page.goto(at(`/jobs/${job.id}/applications`))
    const reviewed = page.getByRole('region', { name: 'Reviewed (1)' })
    const card = reviewed.getByRole('article', { name: 'Robin Reviewed' })
    await card.waitFor()
    // Exactly the moves the API names for a reviewed application.
    expect(await card.getByRole('button', { name: /Robin Reviewed$/ }).allTextContents()).toEqual([
      'Shortlist Robin Reviewed',
      'Reject Robin Reviewed',
    ])

    // Reject, then undo: back to Reviewed.
    await card.getByRole('button', { name: 'Reject Robin Reviewed' }).click()
    await page
      .getByRole('region', { name: 'Rejected (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
      .waitFor()
    const undoBar = page.getByRole('region', { name: 'Undo rejection' })
    await undoBar.getByText('Rejected Robin Reviewed.').waitFor()
    await undoBar.getByRole('button', { name: 'Undo rejecting Robin Reviewed' }).click()
    await page
      .getByRole('region', { name: 'Reviewed (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
      .waitFor()
    await page.getByRole('region', { name: 'Rejected (0)' }).waitFor()
    await undoBar.waitFor({ state: 'detached' })
    const afterUndo = await recruiter.request<{ application: { status: string } }>(
      'GET',
      `/api/applications/${application.id}`,
    )
    expect(afterUndo.application.status).toBe('REVIEWED')

    // Reject again and let the undo time run out: the rejection stays. The pointer then moves off:
    // the bar can appear right under a Reject button low on the screen, and it waits while the
    // pointer rests on it (Chromium tells it so only on some layouts, hence the explicit move).
    await page.getByRole('button', { name: 'Reject Robin Reviewed' }).click()
    await page.mouse.move(0, 0)
    const rejected = page
      .getByRole('region', { name: 'Rejected (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
    await rejected.waitFor()
    await undoBar.waitFor()
    await undoBar.waitFor({ state: 'detached', timeout: 12_000 })
    expect(
      (
        await recruiter.request<{ application: { status: string } }>(
          'GET',
          `/api/applications/${application.id}`,
        )
      ).application.status,
    ).toBe('REJECTED')

    // A rejected card still has its actions: reopening at any earlier step.
    expect(await rejected.getByRole('button', { name: /Robin Reviewed$/ }).allTextContents()).toEqual([
      'Reopen as pending Robin Reviewed',
      'Reopen as reviewed Robin Reviewed',
      'Reopen as shortlisted Robin Reviewed',
    ])
    await rejected.getByRole('button', { name: 'Reopen as shortlisted Robin Reviewed' }).click()
    const shortlisted = page
      .getByRole('region', { name: 'Shortlisted (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
    await shortlisted.waitFor()

    // Hired, and taking the hire back asks first.
    await shortlisted.getByRole('button', { name: 'Mark as hired Robin Reviewed' }).click()
    const hired = page
      .getByRole('region', { name: 'Hired (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
    await hired.getByRole('button', { name: 'Take back the hire Robin Reviewed' }).click()
    const confirm = page.getByRole('dialog', { name: 'Take back the hire of Robin Reviewed?' })
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await page.getByRole('region', { name: 'Hired (1)' }).waitFor()
    await hired.getByRole('button', { name: 'Take back the hire Robin Reviewed' }).click()
    await confirm.getByRole('button', { name: 'Take back the hire' }).click()
    await page
      .getByRole('region', { name: 'Shortlisted (1)' })
      .getByRole('article', { name: 'Robin Reviewed' })
      .waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
