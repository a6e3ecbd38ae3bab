import { gzipSync } from 'node:zlib'
import type { Page, Response } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'

const baseUrl = inject('baseUrl')
const PHONE_VIEWPORT = { width: 390, height: 844 }
/** What a candidate on a phone downloads, at most, before their interview shows (gzipped JavaScript). */
const CANDIDATE_FIRST_PAGE_BUDGET_BYTES = 100_000

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

/** The scripts an HTML page runs and preloads: what the browser fetches before any code of ours runs. */
function scriptsNamedBy(html: string): string[] {
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? []
  return tags.flatMap((tag) => {
    const isModule = tag.startsWith('<script') && /type="module"/.test(tag)
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag)
    const url = tag.match(/(?:src|href)="([^"]+)"/)?.[1]
    return (isModule || isPreload) && url ? [new URL(url, baseUrl).pathname] : []
  })
}

/** Every script the page fetches from now on, by path, with its body gzipped as a server would send it. */
function recordScripts(page: Page): Map<string, number> {
  const gzipBytes = new Map<string, number>()
  page.on('response', async (response: Response) => {
    if (response.request().resourceType() !== 'script') return
    const body = await response.body().catch(() => undefined)
    if (body) gzipBytes.set(new URL(response.url()).pathname, gzipSync(body).byteLength)
  })
  return gzipBytes
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0)

async function createInterviewPath(jobRole: string): Promise<string> {
  const recruiter = await signInByApi(baseUrl, { email: uniqueEmail('size-recruiter'), role: 'RECRUITER' })
  const body = await recruiter.request<{ link: { url: string } }>('POST', '/api/interviews', {
    jobRole,
    candidateEmail: 'casey@example.com',
    candidateName: 'Casey',
    timeLimitMinutes: 25,
  })
  return new URL(body.link.url).pathname
}

describe('the first page a visitor downloads', () => {
  const session = useBrowserPage({ viewport: PHONE_VIEWPORT, isMobile: true })

  it('shows a candidate their interview from under 100 kB of gzipped JavaScript', async () => {
    const path = await createInterviewPath('Field Technician')
    const html = await (await fetch(new URL(path, baseUrl))).text()
    const firstPageScripts = new Set(scriptsNamedBy(html))
    expect(firstPageScripts.size, html).toBeGreaterThan(0)

    // Only the scripts the page names may load: the interview must show without any other chunk.
    const { page } = session
    const blocked: string[] = []
    let socketRequests = 0
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.pathname.startsWith('/socket.io/')) socketRequests += 1
      if (route.request().resourceType() === 'script' && !firstPageScripts.has(url.pathname)) {
        blocked.push(url.pathname)
        return route.abort()
      }
      return route.continue()
    })
    const sizes = recordScripts(page)
    await page.goto(new URL(path, baseUrl).href)
    await page.getByRole('heading', { level: 1, name: 'Field Technician' }).waitFor()
    await page.getByRole('button', { name: 'Continue to the device check' }).waitFor()
    await page.waitForLoadState('networkidle')

    expect([...sizes.keys()].sort()).toEqual([...firstPageScripts].sort())
    const firstPageBytes = total(sizes)
    console.info(
      `first page /interview in Chromium: ${kb(firstPageBytes)} gzip JS (${sizes.size} files); ` +
        `fetched after it shows: ${blocked.length} chunks`,
    )
    expect(firstPageBytes, [...sizes].map(([file, bytes]) => `${file} ${kb(bytes)}`).join('\n')).toBeLessThan(
      CANDIDATE_FIRST_PAGE_BUDGET_BYTES,
    )
    // No live-update socket for a candidate: that belongs to signed-in recruiters and candidates.
    expect(socketRequests).toBe(0)
  })

  it('fetches the later steps once the overview shows, so the next step needs no wait', async () => {
    const path = await createInterviewPath('Night Nurse')
    const firstPageScripts = new Set(scriptsNamedBy(await (await fetch(new URL(path, baseUrl))).text()))
    const { page } = session
    const sizes = recordScripts(page)
    await page.goto(new URL(path, baseUrl).href)
    await page.getByRole('heading', { level: 1, name: 'Night Nurse' }).waitFor()
    await page.waitForLoadState('networkidle')
    const later = [...sizes].filter(([file]) => !firstPageScripts.has(file))
    expect(later.length, [...sizes.keys()].join('\n')).toBeGreaterThan(0)
    console.info(
      `fetched after the overview shows: ${kb(total(new Map(later)))} gzip JS (${later.length} files)`,
    )

    // The device check is already here: no request, no spinner between the steps.
    const fetchedBefore = sizes.size
    await page.getByRole('button', { name: 'Continue to the device check' }).click()
    await page.getByRole('heading', { level: 2, name: 'Device check' }).waitFor()
    expect(sizes.size).toBe(fetchedBefore)
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('shows an anonymous visitor the job board without the live-update socket', async () => {
    const { page } = session
    const sizes = recordScripts(page)
    let socketRequests = 0
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/socket.io/')) socketRequests += 1
    })
    await page.goto(new URL('/careers', baseUrl).href)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.waitForLoadState('networkidle')
    console.info(`first page /careers in Chromium: ${kb(total(sizes))} gzip JS (${sizes.size} files)`)
    expect(sizes.size).toBeGreaterThan(0)
    expect(socketRequests).toBe(0)
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
