import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_RUBRIC } from '../api/src/domain/evaluation.ts'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from '../api/test/fakes/openai-server.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

// A product of this file's own, with the fake model: the test scripts what the model answers, and
// the server's own job scores the interview once it ends, as in production.
let fake: FakeOpenAiServer
let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  fake = await FakeOpenAiServer.start()
  stack = await startTestStack({
    spaDistDir: SPA_DIST_DIR,
    env: { GROQ_API_KEY: FAKE_API_KEY, LLM_BASE_URL: fake.baseUrl },
  })
})
afterAll(async () => {
  await stack?.stop()
  await fake?.stop()
})

const ANSWER = 'I moved our job queue to partitioned Postgres tables, and lost jobs went to zero.'
const FOLLOW_UP = 'What made partitioning the right call over a dedicated queue?'

/** The candidate, acting through their link as their page would. */
function candidate(token: string) {
  const send = async (path: string, body?: unknown) => {
    const res = await fetch(`${stack.baseUrl}/api/candidate/interview${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-interview-token': token, origin: stack.baseUrl },
      body: JSON.stringify(body ?? {}),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`)
    return text
  }
  return {
    start: async () => {
      await send('/consent', { aiInterview: true, recording: false })
      await send('/start')
    },
    /** Sends an answer and reads the streamed reply to its end. */
    answer: (content: string) => send('/messages', { id: crypto.randomUUID(), content }),
    end: () => send('/end', { reason: 'I am done' }),
  }
}

describe("The recruiter's interview page", () => {
  const session = useBrowserPage()

  it('shows the transcript, the status and the score arriving live, and each quote leads to its words', async () => {
    const { page } = session
    await signIn(page, { role: 'RECRUITER', fullName: 'Rita Recruiter' }, stack.baseUrl)
    const created = await page.request.post(`${stack.baseUrl}/api/interviews`, {
      headers: { origin: stack.baseUrl },
      data: {
        jobRole: 'Backend Engineer',
        candidateEmail: 'casey@example.com',
        candidateName: 'Casey Candidate',
        questions: ['Tell me about a system you made more reliable.'],
      },
    })
    expect(created.status(), await created.text()).toBe(201)
    const { interview, link } = (await created.json()) as { interview: { id: string }; link: { url: string } }
    const token = new URL(link.url).pathname.split('/').at(-1) as string

    await page.goto(`${stack.baseUrl}/interviews/${interview.id}`)
    await page.getByRole('heading', { level: 1, name: 'Casey Candidate' }).waitFor()
    await page.getByText('No transcript yet').waitFor()
    await page.getByText('The interview is scored once it ends.').waitFor()
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor()

    // The candidate starts: the status and the opening question reach the open page.
    const casey = candidate(token)
    await casey.start()
    const transcript = page.getByRole('list', { name: 'Transcript' })
    await transcript.getByText('Tell me about a system you made more reliable.').waitFor()
    await page.getByText('Status: In progress').waitFor()

    fake.enqueue(reply.text(FOLLOW_UP))
    await casey.answer(ANSWER)
    await transcript.getByText(ANSWER).waitFor()
    await transcript.getByText(FOLLOW_UP).waitFor()

    // Ending it: the server's scoring job asks the model, whose every quote is in the transcript.
    fake.enqueue(
      reply.text(
        JSON.stringify({
          overallScore: 81,
          criteria: DEFAULT_RUBRIC.criteria.map((criterion, index) => ({
            name: criterion.name,
            score: 75 + index,
            quotes: index === 0 ? ['partitioned Postgres tables'] : ['lost jobs went to zero'],
          })),
          strengths: ['Concrete reliability work with a measured result.'],
          concerns: ['Did not describe the rollout.'],
          recommendation: 'hire',
          transcriptSummary: 'Casey described moving a job queue to partitioned Postgres tables.',
        }),
      ),
    )
    await casey.end()
    await page.getByText('Status: Completed').waitFor()
    await page.getByText('The candidate ended the interview.').waitFor()
    await page.getByText('81 / 100', { exact: true }).waitFor({ timeout: 30_000 })
    await page.getByText('Casey described moving a job queue to partitioned Postgres tables.').waitFor()
    await page.getByText('Recommendation: Hire').waitFor()

    // A quote leads to the words it cites, marked, with focus on their message.
    const evidence = page.getByRole('list', { name: `Evidence for ${DEFAULT_RUBRIC.criteria[0]?.name}` })
    await evidence.getByRole('button', { name: /partitioned Postgres tables/ }).click()
    const mark = transcript.locator('mark')
    await expect.poll(() => mark.textContent()).toBe('partitioned Postgres tables')
    expect(
      await mark.evaluate((element) => element.closest('li') === document.activeElement),
      'focus moves to the quoted message',
    ).toBe(true)

    await page.getByRole('button', { name: 'Check the record' }).click()
    await page.getByText('The record is intact').waitFor()

    // All of it arrived without a reload.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
    expect(session.pageErrors).toEqual([])
  })
})
