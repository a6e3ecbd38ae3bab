import { describe, expect, inject, it } from 'vitest'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'

const baseUrl = inject('baseUrl')

/** A recruiter, through the public API as an integration would: signs in, creates an interview, returns its link. */
async function createInterviewLink(jobRole: string) {
  const recruiter = await signInByApi(baseUrl, { email: uniqueEmail('recruiter'), role: 'RECRUITER' })
  const body = await recruiter.request<{ interview: { id: string }; link: { id: string; url: string } }>(
    'POST',
    '/api/interviews',
    { jobRole, candidateEmail: 'casey@example.com', candidateName: 'Casey', timeLimitMinutes: 25 },
  )
  const path = new URL(body.link.url).pathname
  const revoke = () =>
    recruiter.request('DELETE', `/api/interviews/${body.interview.id}/sessions/${body.link.id}`)
  return { path, revoke }
}

describe('a candidate’s interview link', () => {
  const session = useBrowserPage()

  it('opens the interview and takes the token out of the address bar at once', async () => {
    const { page } = session
    const { path } = await createInterviewLink('Support Engineer')
    await page.goto(new URL(path, baseUrl).href)
    await page.getByRole('heading', { level: 1, name: 'Support Engineer' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/interview')
    await page.getByText('25 minutes', { exact: true }).waitFor()
    await page.getByText('Welcome, Casey.').waitFor()
    // Reloading keeps the interview: the token lives in this tab, not in the address.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Support Engineer' }).waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('explains a withdrawn link', async () => {
    const { page } = session
    const { path, revoke } = await createInterviewLink('Withdrawn Role')
    await revoke()
    await page.goto(new URL(path, baseUrl).href)
    await page.getByRole('alert').getByText('This link has been withdrawn').waitFor()
    expect(new URL(page.url()).pathname).toBe('/interview')
  })
})
