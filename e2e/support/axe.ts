import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** axe-core's browser build: one script that defines `window.axe`. */
let axeSource: Promise<string> | undefined
function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

type AxeViolation = {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** The part of axe's API the scan uses. */
type AxeInPage = {
  run(context: Document, options: { resultTypes: string[] }): Promise<{ violations: AxeViolation[] }>
}

/** How long a page may take to show its main heading; one that never does is scanned as it is. */
const HEADING_TIMEOUT_MS = 5_000

/** Waits until the page has drawn what it loads: its main heading is shown and nothing says "Loading…". */
export async function waitForPageToSettle(page: Page): Promise<void> {
  // A page without a heading is still scanned, so that axe names what is missing (page-has-heading-one).
  await page
    .locator('h1')
    .first()
    .waitFor({ timeout: HEADING_TIMEOUT_MS })
    .catch(() => undefined)
  await page
    .getByRole('status')
    .filter({ hasText: /Loading/ })
    .first()
    .waitFor({ state: 'detached' })
}

/**
 * Runs axe (every rule it runs by default: WCAG 2.x A and AA, and its best practices) on the page as it
 * is now, and fails naming each violation, its rule and the elements it found, when there is any.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window)
  // Evaluated rather than added as a <script>, which the product's Content-Security-Policy would refuse.
  if (!hasAxe) await page.evaluate(await loadAxeSource())
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: AxeInPage }
    const results = await axe.run(document, { resultTypes: ['violations'] })
    return results.violations
  })
  const described = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    elements: violation.nodes.map((node) => node.target.join(' ')),
  }))
  expect(described, `axe violations on ${state} (${page.url()})`).toEqual([])
}
