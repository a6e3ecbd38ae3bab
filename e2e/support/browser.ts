import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/** Debian's Chromium: Playwright cannot download its own browser builds here. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  // Root in a container has no user namespaces for Chromium's sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // QUIC and background services would try to reach the internet, which these machines cannot.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url))
const SCREENSHOT_TIMEOUT_MS = 10_000
/** Waits for one locator or navigation; well under the test timeout, so a failure still leaves time for its screenshot. */
const ACTION_TIMEOUT_MS = 15_000

/**
 * Starts Chromium. Playwright gives every launch a fresh temporary profile (user data dir) and
 * deletes it on close, so no state leaks between runs.
 */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
}

export type BrowserSession = {
  /** A fresh page in a fresh context (no cookies, no storage) for the current test. */
  readonly page: Page
  /** Another isolated page for the current test, for instance at a phone's viewport. */
  openPage(options?: BrowserContextOptions): Promise<Page>
  /** Uncaught exceptions thrown in the current test's pages; a healthy page throws none. */
  readonly pageErrors: readonly Error[]
}

/**
 * Registers hooks that launch one Chromium for the enclosing suite and give each test fresh pages.
 * When a test fails, every page it opened is saved as a screenshot under e2e/artifacts/.
 */
export function useBrowserPage(
  defaults: BrowserContextOptions = {},
  /** More Chromium flags for this suite's browser, such as a fake microphone's. */
  launchArgs: readonly string[] = [],
): BrowserSession {
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  let pages: Page[] = []
  let pageErrors: Error[] = []

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    if (!browser) throw new Error('useBrowserPage() hooks have not launched the browser yet')
    const context = await browser.newContext({ ...defaults, ...options })
    context.setDefaultTimeout(ACTION_TIMEOUT_MS)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error))
    pages.push(page)
    return page
  }

  beforeAll(async () => {
    browser = await launchBrowser(launchArgs)
  })

  afterAll(async () => {
    await browser?.close()
  })

  beforeEach(async () => {
    contexts = []
    pages = []
    pageErrors = []
    await openPage()
  })

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const name = slugify(`${task.suite?.name ?? ''} ${task.name}`)
      await Promise.all(
        pages.map((page, index) => saveScreenshot(page, index === 0 ? name : `${name}-${index}`)),
      )
    }
    await Promise.all(contexts.map((context) => context.close()))
  })

  return {
    get page() {
      const page = pages[0]
      if (!page) throw new Error('No page: use session.page inside a test')
      return page
    },
    openPage,
    get pageErrors() {
      return pageErrors
    },
  }
}

/** Best effort: a failing test's report matters more than its screenshot. */
async function saveScreenshot(page: Page, name: string): Promise<void> {
  try {
    await mkdir(ARTIFACTS_DIR, { recursive: true })
    // A page stuck mid-navigation never finishes a screenshot; stopping the load shows what arrived.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Page.stopLoading')
    await cdp.detach()
    await page.screenshot({
      path: `${ARTIFACTS_DIR}${name}.png`,
      fullPage: true,
      timeout: SCREENSHOT_TIMEOUT_MS,
    })
  } catch (error) {
    console.warn(`Could not save a screenshot of the failed test "${name}":`, error)
  }
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)
}
