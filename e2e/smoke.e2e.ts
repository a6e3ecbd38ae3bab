import { describe, expect, inject, it } from 'vitest'
import { useBrowserPage } from './support/browser'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }

describe('VantaHire smoke', () => {
  const session = useBrowserPage()

  it('shows the landing page with Postgres and Redis operational', async () => {
    const { page } = session
    await page.goto(baseUrl)

    await page.getByRole('heading', { level: 1, name: /VantaHire/ }).waitFor()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).waitFor()

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
    await page.getByRole('region', { name: 'System status' }).getByText('All systems operational').waitFor()

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click()
    await page.getByRole('heading', { level: 1, name: 'VantaHire status' }).waitFor()
  })
})
