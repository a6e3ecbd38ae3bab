import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from '../api/test/fakes/openai-server.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { type ApiSession, signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

/** A phone: the page must fit 390 px without sideways scrolling and take touches. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
}

/** A real 1×1 PNG, so the browser can draw the company's logo. */
const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

type CreatedInterview = { interview: { id: string }; link: { url: string } }

/** A recruiter (with a company profile) creates an interview through the API and hands out its link. */
async function createInterview(
  baseUrl: string,
  options: { questions: string[]; withLogo?: boolean; type?: 'TEXT' | 'VOICE' },
): Promise<{ recruiter: ApiSession; interviewId: string; path: string }> {
  const recruiter = await signInByApi(baseUrl, { email: uniqueEmail('recruiter'), role: 'RECRUITER' })
  const logo = options.withLogo
    ? await recruiter.upload({ category: 'LOGO' }, { name: 'logo.png', type: 'image/png', content: LOGO_PNG })
    : undefined
  await recruiter.request('PUT', '/api/users/me/recruiter-profile', {
    companyName: 'Northwind',
    // Too light for white text: the page falls back to its own accent for buttons.
    brandColor: '#fde047',
    ...(logo ? { logoFileId: logo.id } : {}),
  })
  const created = await recruiter.request<CreatedInterview>('POST', '/api/interviews', {
    jobRole: 'Backend Engineer',
    type: options.type ?? 'TEXT',
    candidateEmail: 'casey@example.com',
    candidateName: 'Casey',
    timeLimitMinutes: 20,
    questions: options.questions,
  })
  return { recruiter, interviewId: created.interview.id, path: new URL(created.link.url).pathname }
}

/** Overview → device check and consent → start: the candidate lands in the chat with focus in the answer field. */
async function openAndStart(page: Page, baseUrl: string, path: string) {
  await page.goto(new URL(path, baseUrl).href)
  await page.getByRole('heading', { level: 1, name: 'Backend Engineer' }).waitFor()
  await page.getByText('Welcome, Casey.').waitFor()
  await page.getByRole('button', { name: 'Continue to the device check' }).click()

  const checkHeading = page.getByRole('heading', {
    level: 1,
    name: 'Check your device and give your consent',
  })
  await checkHeading.waitFor()
  expect(await checkHeading.evaluate((element) => element === document.activeElement)).toBe(true)
  await page.getByText('Internet connection: passed.').waitFor()
  await page.getByText(/when you paste \(how many characters, never what you pasted\)/).waitFor()

  // Starting without the required consent is refused on the page, with focus on the box to tick.
  await page.getByRole('button', { name: 'Start the interview' }).click()
  await page.getByText('Tick this box to take the interview: it is conducted by an AI.').waitFor()
  const aiConsent = page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ })
  expect(await aiConsent.evaluate((element) => element === document.activeElement)).toBe(true)
  await aiConsent.check()
  await page.getByRole('button', { name: 'Start the interview' }).click()

  await page.getByRole('heading', { level: 1, name: 'Backend Engineer interview · Northwind' }).waitFor()
  const input = page.getByRole('textbox', { name: 'Your answer' })
  await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true)
  return input
}

const conversation = (page: Page) => page.getByRole('log', { name: 'Conversation' })

/** Sends an answer with Enter, as a keyboard would, and waits for the interviewer's whole reply in the log. */
async function answer(page: Page, text: string, expectedReply: string) {
  const input = page.getByRole('textbox', { name: 'Your answer' })
  await input.fill(text)
  await input.press('Enter')
  await conversation(page).getByText(expectedReply, { exact: true }).waitFor()
}

async function expectFitsThePhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0)
}

describe('a candidate’s text interview with the AI interviewer, on a phone', () => {
  let fake: FakeOpenAiServer
  let stack: Awaited<ReturnType<typeof startTestStack>>

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start()
    // Its own API, configured with the fake model: the suite's shared one runs without a model.
    stack = await startTestStack({
      spaDistDir: SPA_DIST_DIR,
      env: {
        GROQ_API_KEY: FAKE_API_KEY,
        LLM_BASE_URL: fake.baseUrl,
        // Long enough that a reload on a busy machine still finds the reply being written.
        INTERVIEW_REPLY_GRACE_MS: '30000',
        // A failing model fails at once, for the test of the page's own retry.
        LLM_MAX_RETRIES: '0',
        // These tests script the model's every answer; the scoring job would take some of them.
        CRON_ENABLED: 'false',
      },
    })
  })
  afterAll(async () => {
    await stack?.stop()
    await fake?.stop()
  })

  const session = useBrowserPage(PHONE)

  it('runs from the link to the finished page: streamed replies, a reload and a lost connection mid-interview, a human review', async () => {
    const { page } = session
    fake.reset()
    const { recruiter, interviewId, path } = await createInterview(stack.baseUrl, {
      questions: ['Tell me about a system you built.', 'How do you test your code?'],
      withLogo: true,
    })

    const input = await openAndStart(page, stack.baseUrl, path)
    await conversation(page)
      .getByText(/Hello, Casey, and thank you for joining/)
      .waitFor()
    await conversation(page)
      .getByText(/Tell me about a system you built\./)
      .waitFor()
    await page.getByRole('timer').waitFor()
    await expectFitsThePhone(page)
    const send = page.getByRole('button', { name: 'Send' })
    expect((await send.boundingBox())?.height).toBeGreaterThanOrEqual(44)

    // 1. A follow-up, streamed.
    fake.enqueue(reply.text('What was the hardest trade-off you made there?', { chunkDelayMs: 20 }))
    await answer(
      page,
      'A payments ledger in Go, with Postgres underneath.',
      'What was the hardest trade-off you made there?',
    )

    // 2. The next question streams slowly; the page is reloaded while it is being written.
    const slowQuestion =
      'Thank you. Moving on to the second question now: how do you test your code, and what do you leave untested on purpose?'
    fake.enqueue(reply.text(slowQuestion, { chunkDelayMs: 250 }))
    await input.fill('Consistency over latency: every entry is written before we answer.')
    await input.press('Enter')
    const streaming = page.getByRole('region', { name: 'The interviewer is replying' })
    await streaming.getByText(/Thank you\. Moving/).waitFor()
    // While the reply streams the field takes no typing, but keeps the focus.
    expect(await input.isEditable()).toBe(false)
    expect(await conversation(page).getByText(slowQuestion).count()).toBe(0)
    await page.reload()
    // The transcript comes back, and the page follows the reply still being written.
    await conversation(page)
      .getByText('Consistency over latency: every entry is written before we answer.')
      .waitFor()
    await conversation(page).getByText('What was the hardest trade-off you made there?').waitFor()
    await conversation(page).getByText(slowQuestion, { exact: true }).waitFor()
    expect(
      fake.chatRequests(),
      'the reload followed the reply instead of asking the model again',
    ).toHaveLength(2)

    // 3. The connection drops as an answer is sent: the candidate is told, and it goes when it is back.
    fake.enqueue(reply.text('Which tests have caught real bugs for you?', { chunkDelayMs: 20 }))
    await page.context().setOffline(true)
    await input.fill('Unit tests for the rules, and a few end-to-end tests against real services.')
    await input.press('Enter')
    await page.getByRole('alert').getByText('Connection lost').waitFor()
    await page.context().setOffline(false)
    await conversation(page)
      .getByText('Which tests have caught real bugs for you?', { exact: true })
      .waitFor()

    // The transcript grew long; the answer field is still on screen, and nothing scrolls sideways.
    const box = await input.boundingBox()
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.viewport.height).toBe(true)
    await expectFitsThePhone(page)

    // 4. The closing reply ends the interview: the finished page, with focus on its heading.
    fake.enqueue(
      reply.text('Thank you, that is all from me. The team will be in touch.', { chunkDelayMs: 20 }),
    )
    await input.fill('The ledger reconciliation tests, more than once.')
    await input.press('Enter')
    const thanks = page.getByRole('heading', { level: 1, name: 'Thank you, Casey' })
    await thanks.waitFor()
    await expect.poll(() => thanks.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.getByText('You have answered all of the questions.').waitFor()
    await page.getByRole('heading', { name: 'What happens next' }).waitFor()
    // Logos are public files: the candidate's page shows it without signing in.
    const logo = page.getByRole('img', { name: 'Northwind logo' })
    await logo.waitFor()
    expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1)
    await expectFitsThePhone(page)

    // 5. A human review, asked for once and remembered after a reload.
    await page
      .getByRole('textbox', { name: /What should the reviewer know\?/ })
      .fill('My connection dropped once.')
    await page.getByRole('button', { name: 'Ask for a human review' }).click()
    await page.getByRole('status').getByText('Your request for a human review was sent').waitFor()
    await page.reload()
    await page.getByRole('status').getByText('Your request for a human review was sent').waitFor()
    expect(await page.getByRole('button', { name: 'Ask for a human review' }).count()).toBe(0)

    // What the recruiter now has: each answer once, one model call per reply, the review, the signals.
    const { interview } = await recruiter.request<{
      interview: { status: string; humanReviewRequestedAt: string | null; humanReviewReason: string | null }
    }>('GET', `/api/interviews/${interviewId}`)
    expect(interview).toMatchObject({ status: 'COMPLETED', humanReviewReason: 'My connection dropped once.' })
    expect(interview.humanReviewRequestedAt).not.toBeNull()
    expect(fake.chatRequests()).toHaveLength(4)
    const evidence = await recruiter.request<{ records: { kind: string; payload: any }[] }>(
      'GET',
      `/api/interviews/${interviewId}/evidence`,
    )
    const answers = evidence.records.filter(
      (record) => record.kind === 'message' && record.payload.role === 'user',
    )
    expect(answers.map((record) => record.payload.content)).toEqual([
      'A payments ledger in Go, with Postgres underneath.',
      'Consistency over latency: every entry is written before we answer.',
      'Unit tests for the rules, and a few end-to-end tests against real services.',
      'The ledger reconciliation tests, more than once.',
    ])
    const signals = evidence.records
      .filter((record) => record.kind === 'integrity_event')
      .map((record) => record.payload.type)
    expect(signals).toEqual(expect.arrayContaining(['network_offline', 'network_online']))
    expect(evidence.records.filter((record) => record.kind === 'review_request')).toHaveLength(1)
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('explains a reply that failed, and sends the same answer again on request', async () => {
    const { page } = session
    fake.reset()
    const { recruiter, interviewId, path } = await createInterview(stack.baseUrl, {
      questions: ['Why this role?'],
    })
    const input = await openAndStart(page, stack.baseUrl, path)
    fake.enqueue(reply.serverError(503))
    await input.fill('I like hard problems.')
    await input.press('Enter')
    const problem = page.getByRole('alert').filter({ hasText: 'No reply yet' })
    await problem.getByText('The interviewer could not reply; send your answer again.').waitFor()
    // The answer was kept; the field waits for the retry rather than a second answer.
    expect(await input.isEditable()).toBe(false)
    fake.enqueue(reply.text('What is the hardest problem you have solved?', { chunkDelayMs: 20 }))
    await problem.getByRole('button', { name: 'Send again' }).click()
    await conversation(page)
      .getByText('What is the hardest problem you have solved?', { exact: true })
      .waitFor()
    expect(await problem.count()).toBe(0)
    expect(await input.isEditable()).toBe(true)
    const evidence = await recruiter.request<{ records: { kind: string; payload: any }[] }>(
      'GET',
      `/api/interviews/${interviewId}/evidence`,
    )
    const answers = evidence.records.filter(
      (record) => record.kind === 'message' && record.payload.role === 'user',
    )
    expect(answers.map((record) => record.payload.content)).toEqual(['I like hard problems.'])
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('warns at five minutes and at one, and ends when the time runs out', async () => {
    const { page } = session
    const { interviewId, path } = await createInterview(stack.baseUrl, { questions: ['Why this role?'] })
    await openAndStart(page, stack.baseUrl, path)
    // The clock runs on the server from the start: moving the start back is time passing.
    const leaveSeconds = (seconds: number) =>
      stack.services.prisma.interview.update({
        where: { id: interviewId },
        data: { startedAt: new Date(Date.now() - (20 * 60 - seconds) * 1000) },
      })
    await leaveSeconds(4 * 60 + 50)
    await page.reload()
    await page.getByText('Five minutes left in your interview.').waitFor()
    expect(await page.getByRole('timer').textContent()).toMatch(/^4:[0-4]\d$/)

    await leaveSeconds(10)
    await page.reload()
    await page.getByText('One minute left in your interview.').waitFor()
    const thanks = page.getByRole('heading', { level: 1, name: 'Thank you, Casey' })
    await thanks.waitFor({ timeout: 30_000 })
    await page
      .getByText('The time for this interview ran out. Everything you sent before then was saved.')
      .waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })
})

describe('a candidate’s text interview without a language model', () => {
  const baseUrl = inject('baseUrl')
  const session = useBrowserPage(PHONE)

  it('asks the recruiter’s questions as written and finishes', async () => {
    const { page } = session
    const { path } = await createInterview(baseUrl, {
      questions: ['What does idempotency mean to you?', 'How would you design a rate limiter?'],
    })
    await openAndStart(page, baseUrl, path)
    await conversation(page)
      .getByText(/What does idempotency mean to you\?/)
      .waitFor()
    await answer(
      page,
      'Doing it twice has the effect of doing it once.',
      'Thank you. How would you design a rate limiter?',
    )
    const input = page.getByRole('textbox', { name: 'Your answer' })
    await input.fill('A token bucket in Redis.')
    await input.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Thank you, Casey' }).waitFor()
    await page.getByText('You have answered all of the questions.').waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })

  it('says a voice interview cannot be spoken on a server without speech services, and offers it in text', async () => {
    const { page } = session
    const { path } = await createInterview(baseUrl, { questions: ['Why this role?'], type: 'VOICE' })
    await page.goto(new URL(path, baseUrl).href)
    await page.getByRole('heading', { level: 1, name: 'Backend Engineer' }).waitFor()
    await page.getByRole('status').getByText('Voice is not available').waitFor()
    expect(await page.getByRole('button', { name: 'Continue to the device check' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Take the interview in text' }).click()
    await page.getByText(/This is a written interview/).waitFor()
    await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    await page.getByRole('textbox', { name: 'Your answer' }).waitFor()
    await conversation(page)
      .getByText(/Why this role\?/)
      .waitFor()
  })

  it('ends early after the candidate confirms', async () => {
    const { page } = session
    const { path } = await createInterview(baseUrl, { questions: ['Why this role?', 'Why now?'] })
    await openAndStart(page, baseUrl, path)
    await page.getByRole('button', { name: 'End interview' }).click()
    const dialog = page.getByRole('dialog', { name: 'End the interview now?' })
    await dialog.waitFor()
    // Cancel keeps the interview going.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('textbox', { name: 'Your answer' }).waitFor()
    await page.getByRole('button', { name: 'End interview' }).click()
    await dialog.getByRole('button', { name: 'End interview' }).click()
    const thanks = page.getByRole('heading', { level: 1, name: 'Thank you, Casey' })
    await thanks.waitFor()
    await expect.poll(() => thanks.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.getByText('The interview has ended. Everything you sent was saved.').waitFor()
    expect(session.pageErrors.map(String)).toEqual([])
  })
})
