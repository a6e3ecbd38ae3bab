import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations } from './support/axe'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const baseUrl = inject('baseUrl')
const at = (path: string) => new URL(path, baseUrl).href

type OpenApiDocument = {
  tags?: { name: string }[]
  paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>
}

/**
 * Records what a page asks of anyone but this origin, what fails, and every Content-Security-Policy
 * violation: Chromium logs most to the console, and reports each as an event in the page.
 */
async function watch(page: Page) {
  const origin = new URL(baseUrl).origin
  const seen = {
    foreignRequests: [] as string[],
    failedRequests: [] as string[],
    consoleErrors: [] as string[],
  }
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin)
      seen.foreignRequests.push(request.url())
  })
  page.on('requestfailed', (request) => seen.failedRequests.push(`failed ${request.url()}`))
  page.on('response', (response) => {
    if (response.status() >= 400) seen.failedRequests.push(`${response.status()} ${response.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      seen.consoleErrors.push(message.text())
  })
  await page.addInitScript(() => {
    const violations: string[] = []
    Object.assign(window, { cspViolations: violations })
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    )
  })
  return {
    ...seen,
    cspViolations: () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  }
}

describe('The API reference', () => {
  const session = useBrowserPage()

  it('renders every tag of operations from this origin alone, under the CSP, with no skeleton left', async () => {
    const { page } = session
    const seen = await watch(page)
    const document = (await (await fetch(at('/api/openapi.json'))).json()) as OpenApiDocument
    const tags = [
      ...new Set(
        Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])),
      ),
    ]
    expect(tags.length).toBeGreaterThan(5)

    await page.goto(at('/api/docs'))
    await page.getByRole('heading', { level: 1, name: 'VantaHire API' }).waitFor()
    const sidebar = page.getByRole('complementary', { name: 'Sidebar for VantaHire API' })
    for (const tag of tags) await sidebar.getByText(tag, { exact: true }).first().waitFor()

    // An integrator's operations, opened from the list: each is listed, and the first one shown.
    await sidebar.getByText('Interviews', { exact: true }).first().click()
    const interviewOperations = Object.values(document.paths)
      .flatMap((item) => Object.values(item))
      .filter((operation) => operation.tags?.includes('Interviews'))
      .map((operation) => operation.summary ?? '')
    expect(interviewOperations).toContain('Transcript, score and summary')
    for (const summary of interviewOperations)
      await sidebar.getByText(summary, { exact: true }).first().waitFor()
    await page.getByRole('heading', { name: 'Create an interview' }).first().waitFor()
    await page.waitForLoadState('networkidle')

    // One reference, mounted once: nothing left loading beside it.
    expect(await page.locator('.introduction-skeleton').count()).toBe(0)
    expect(await page.locator('[data-v-app]').count()).toBe(1)
    expect(await page.locator('#vantahire-api-reference[data-v-app]').count()).toBe(1)
    // Neither the AI agent nor the hosted client is offered.
    expect(await page.getByRole('button', { name: /Ask AI/i }).count()).toBe(0)
    expect(seen.foreignRequests).toEqual([])
    expect(seen.failedRequests).toEqual([])
    expect(seen.consoleErrors).toEqual([])
    expect(await seen.cspViolations()).toEqual([])
    expect(session.pageErrors.map(String)).toEqual([])
    await expectNoAxeViolations(page, 'the API reference')
  })

  it('is linked from the API keys page', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER' })
    await page.goto(at('/account/api-keys'))
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor()

    await page.getByRole('link', { name: 'API reference' }).click()
    await page.waitForURL((url) => url.pathname === '/api/docs')
    await page.getByRole('heading', { level: 1, name: 'VantaHire API' }).waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
