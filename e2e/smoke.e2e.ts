import { describe, expect, inject, it } from 'vitest'
import { useBrowserPage } from './support/browser'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

describe('VantaHire smoke', () => {
  const session = useBrowserPage()

  it('shows an anonymous visitor what VantaHire does and how to start, with no error anywhere', async () => {
    const { page } = session
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    const meAnswers: number[] = []
    const failedRequests: string[] = []
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/me') meAnswers.push(response.status())
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`)
    })
    page.on('requestfailed', (request) => failedRequests.push(`failed ${request.url()}`))

    await page.goto(baseUrl)
    await page.getByRole('heading', { level: 1, name: /VantaHire/ }).waitFor()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'How to start' }).waitFor()
    await page.getByRole('link', { name: 'Sign in or create an account' }).waitFor()
    // The header knows nobody is signed in only once /api/auth/me has answered.
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor()
    await page.waitForLoadState('networkidle')

    // The front page is for visitors, not operators: the service checks live on /status.
    expect(await page.getByRole('region', { name: 'System status' }).count()).toBe(0)
    expect(await page.getByText('Postgres').count()).toBe(0)
    expect(meAnswers).toEqual([200])
    expect(failedRequests).toEqual([])
    expect(consoleErrors).toEqual([])
    expect(session.pageErrors.map(String)).toEqual([])

    await page.getByRole('link', { name: 'Sign in or create an account' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sign in to VantaHire' }).waitFor()
  })

  it('shows Postgres and Redis operational on the status page', async () => {
    const { page } = session
    await page.goto(new URL('/status', baseUrl).href)

    const status = page.getByRole('region', { name: 'System status' })
    await status.getByText('All systems operational', { exact: true }).waitFor()
    const checks = await status
      .getByRole('list', { name: 'Service checks' })
      .getByRole('listitem')
      .allInnerTexts()
    const checkFor = (name: string) => checks.find((text) => text.startsWith(name))
    expect(checkFor('Postgres'), `checks shown: ${JSON.stringify(checks)}`).toMatch(/\bOK$/)
    expect(checkFor('Redis'), `checks shown: ${JSON.stringify(checks)}`).toMatch(/\bOK$/)

    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('shows the not-found page for an unknown path, with a way back', async () => {
    const { page } = session
    await page.goto(new URL('/no-such-page', baseUrl).href)

    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor()
    await page.getByRole('link', { name: 'Back to the home page' }).click()
    await page.getByRole('heading', { level: 1, name: /VantaHire/ }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
  })

  it('lets a keyboard user skip straight to the content', async () => {
    const { page } = session
    await page.goto(baseUrl)
    await page.getByRole('heading', { level: 1, name: /VantaHire/ }).waitFor()

    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content')
  })

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await session.openPage({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
    await page.goto(baseUrl)
    await page.getByRole('heading', { level: 2, name: 'How to start' }).waitFor()

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click()
    await page.getByRole('heading', { level: 1, name: 'VantaHire status' }).waitFor()
  })
})
