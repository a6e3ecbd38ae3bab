import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGcsServer } from '../api/test/fakes/gcs-server.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))
const BUCKET = 'vantahire-videos-e2e'
/** Every WebM file starts with the EBML header's id. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3])

describe('recording an interview, with a fake camera and Cloud Storage', () => {
  let gcs: FakeGcsServer
  let stack: Awaited<ReturnType<typeof startTestStack>>

  beforeAll(async () => {
    gcs = await FakeGcsServer.start()
    stack = await startTestStack({
      spaDistDir: SPA_DIST_DIR,
      env: {
        GCS_BUCKET_NAME: BUCKET,
        GCS_CREDENTIALS: gcs.credentialsJson,
        GCS_API_ENDPOINT: gcs.baseUrl,
      },
    })
  })
  afterAll(async () => {
    await stack?.stop()
    await gcs?.stop()
  })

  const session = useBrowserPage({ permissions: ['camera', 'microphone'] }, [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
  ])

  it('records the candidate with consent, uploads to the bucket, and the recruiter plays it', async () => {
    const { page } = session
    const recruiterEmail = uniqueEmail('recruiter')
    const recruiter = await signInByApi(stack.baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
    const created = await recruiter.request<{ interview: { id: string }; link: { url: string } }>(
      'POST',
      '/api/interviews',
      {
        jobRole: 'Backend Engineer',
        candidateEmail: 'casey@example.com',
        candidateName: 'Casey',
        timeLimitMinutes: 20,
        questions: ['Tell me about a system you built.'],
      },
    )
    const interviewId = created.interview.id

    await page.goto(new URL(new URL(created.link.url).pathname, stack.baseUrl).href)
    await page.getByRole('button', { name: 'Continue to the device check' }).click()
    await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
    await page.getByRole('checkbox', { name: /I agree to be recorded on camera and microphone/ }).check()
    await page.getByRole('button', { name: 'Start the interview' }).click()

    // Recording starts with the interview: the candidate sees themselves and the upload's progress.
    await page.getByRole('textbox', { name: 'Your answer' }).waitFor()
    const recording = page.getByRole('region', { name: 'Recording' })
    await recording.getByText('Recording your camera and microphone').waitFor()
    await recording.getByRole('progressbar', { name: 'Recording uploaded' }).waitFor()
    await recording.getByLabel('Your camera, as it is being recorded').waitFor()
    // Storage stumbles once (503): the page sends the chunk again.
    gcs.failNextPuts(1)
    // Recorded long enough for a whole 1 MiB chunk to go up mid-interview, answered 308 by storage.
    await expect.poll(() => gcs.uploadPuts().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2)
    const firstChunk = `bytes 0-${1024 * 1024 - 1}/*`
    expect(gcs.uploadPuts().map((put) => put.headers['content-range'])).toEqual([firstChunk, firstChunk])
    await expect
      .poll(async () => recording.getByText(/MB uploaded/).textContent(), { timeout: 10_000 })
      .toMatch(/^1\.0 MB of/)

    await page.getByRole('button', { name: 'End interview' }).click()
    await page
      .getByRole('dialog', { name: 'End the interview now?' })
      .getByRole('button', { name: 'End interview' })
      .click()
    await page.getByRole('heading', { level: 1, name: 'Thank you, Casey' }).waitFor()
    await page.getByText('Recording saved').waitFor({ timeout: 30_000 })

    // The bucket holds a WebM video under the interview's key, and the interview names it.
    const row = await stack.services.prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { recordingGcsKey: true },
    })
    expect(row.recordingGcsKey).toMatch(new RegExp(`^recordings/${interviewId}/`))
    const stored = gcs.object(BUCKET, row.recordingGcsKey as string)
    expect(stored?.contentType).toBe('video/webm')
    expect(stored?.data.subarray(0, 4).equals(EBML_MAGIC)).toBe(true)
    // It went up through a resumable session in several chunks; the last named the total and completed it.
    const puts = gcs.uploadPuts()
    expect(puts.length).toBeGreaterThanOrEqual(3)
    expect(puts.at(-1)?.headers['content-range']).toMatch(new RegExp(`/${stored?.data.length}$`))
    expect(session.pageErrors.map(String)).toEqual([])

    // The recruiter's page plays it from the signed URL.
    const recruiterPage = await session.openPage()
    await signIn(recruiterPage, { email: recruiterEmail, role: 'RECRUITER' }, stack.baseUrl)
    await recruiterPage.goto(new URL(`/interviews/${interviewId}`, stack.baseUrl).href)
    const panel = recruiterPage.getByRole('region', { name: 'Recording' })
    const video = panel.locator('video')
    await video.waitFor()
    expect(await video.getAttribute('src')).toContain(`${gcs.baseUrl}/${BUCKET}/recordings/`)
    // Metadata loaded: the browser fetched the signed URL and could decode the video.
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1)
    expect(await video.evaluate((element: HTMLVideoElement) => element.videoWidth)).toBeGreaterThan(0)
    expect(await panel.getByText('The recording could not be played').count()).toBe(0)
  }, 120_000)

  it('says recording is off when the server keeps none', async () => {
    const plain = await startTestStack({ spaDistDir: SPA_DIST_DIR })
    try {
      const { page } = session
      const recruiterEmail = uniqueEmail('recruiter')
      const recruiter = await signInByApi(plain.baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
      const created = await recruiter.request<{ interview: { id: string }; link: { url: string } }>(
        'POST',
        '/api/interviews',
        { jobRole: 'Backend Engineer', candidateEmail: 'casey@example.com', questions: ['Why us?'] },
      )
      await page.goto(new URL(new URL(created.link.url).pathname, plain.baseUrl).href)
      await page.getByRole('button', { name: 'Continue to the device check' }).click()
      await page.getByText('Recording is off: this site does not record interviews.').waitFor()
      expect(await page.getByRole('checkbox', { name: /recorded/ }).count()).toBe(0)

      const recruiterPage = await session.openPage()
      await signIn(recruiterPage, { email: recruiterEmail, role: 'RECRUITER' }, plain.baseUrl)
      await recruiterPage.goto(new URL(`/interviews/${created.interview.id}`, plain.baseUrl).href)
      await recruiterPage
        .getByRole('region', { name: 'Recording' })
        .getByText('Recording is not configured')
        .waitFor()
    } finally {
      await plain.stop()
    }
  }, 60_000)
})
