import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CARTESIA_API_KEY, FakeCartesiaServer } from '../api/test/fakes/cartesia-tts-server.ts'
import {
  FAKE_DEEPGRAM_API_KEY,
  FakeDeepgramSttServer,
  microphoneWav,
} from '../api/test/fakes/deepgram-stt-server.ts'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from '../api/test/fakes/openai-server.ts'
import { startTestStack } from '../api/test/support/stack.ts'
import { signInByApi, uniqueEmail } from './support/api-session'
import { useBrowserPage } from './support/browser'
import { signIn } from './support/sign-in'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

const ANSWER = 'I built a payments ledger in Go.'
const FOLLOW_UP = 'What was the hardest trade-off there?'

// The fake microphone loops this file from when the page opens it: silence long enough for the
// interviewer's opening to be played out, then one loud stretch (the candidate's answer), then quiet.
const WAV_DIR = await mkdtemp(join(tmpdir(), 'vantahire-voice-e2e-'))
const WAV_PATH = join(WAV_DIR, 'microphone.wav')
await writeFile(WAV_PATH, microphoneWav([{ silenceMs: 12_000 }, { speechMs: 1_500 }, { silenceMs: 60_000 }]))

describe('a candidate’s voice interview, with a fake microphone', () => {
  let llm: FakeOpenAiServer
  let stt: FakeDeepgramSttServer
  let tts: FakeCartesiaServer
  let stack: Awaited<ReturnType<typeof startTestStack>>

  beforeAll(async () => {
    ;[llm, stt, tts] = await Promise.all([
      FakeOpenAiServer.start(),
      // Energy detection: the loud stretches of the microphone's audio are heard as the scripted words.
      FakeDeepgramSttServer.start({ detection: 'energy', wordMs: 200 }),
      FakeCartesiaServer.start(),
    ])
    stack = await startTestStack({
      spaDistDir: SPA_DIST_DIR,
      env: {
        GROQ_API_KEY: FAKE_API_KEY,
        LLM_BASE_URL: llm.baseUrl,
        LLM_MAX_RETRIES: '0',
        DEEPGRAM_API_KEY: FAKE_DEEPGRAM_API_KEY,
        DEEPGRAM_BASE_URL: stt.baseUrl,
        CARTESIA_API_KEY: FAKE_CARTESIA_API_KEY,
        CARTESIA_BASE_URL: tts.baseUrl,
        VOICE_TTS_PROVIDER: 'cartesia',
        VOICE_TURN_DELAY_SCALE: '0.3',
      },
    })
  })
  afterAll(async () => {
    await stack?.stop()
    await Promise.all([llm?.stop(), stt?.stop(), tts?.stop()])
    await rm(WAV_DIR, { recursive: true, force: true })
  })

  const session = useBrowserPage({ permissions: ['microphone'] }, [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${WAV_PATH}`,
    '--autoplay-policy=no-user-gesture-required',
  ])

  it('checks the microphone, plays the interviewer, sends speech that is heard, and captions both sides', async () => {
    const { page } = session
    const recruiterEmail = uniqueEmail('recruiter')
    const recruiter = await signInByApi(stack.baseUrl, { email: recruiterEmail, role: 'RECRUITER' })
    const created = await recruiter.request<{ interview: { id: string }; link: { url: string } }>(
      'POST',
      '/api/interviews',
      {
        jobRole: 'Backend Engineer',
        type: 'VOICE',
        candidateEmail: 'casey@example.com',
        candidateName: 'Casey',
        timeLimitMinutes: 20,
        questions: ['Tell me about a system you built.', 'How do you test your code?'],
      },
    )
    stt.say(ANSWER)
    llm.enqueue(reply.text(FOLLOW_UP))

    await page.goto(new URL(new URL(created.link.url).pathname, stack.baseUrl).href)
    await page.getByRole('button', { name: 'Continue to the device check' }).click()
    await page.getByText(/This is a spoken interview/).waitFor()
    await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
    await page.getByRole('button', { name: 'Start the interview' }).click()

    // The microphone check: permission, then a level.
    await page.getByRole('heading', { level: 1, name: 'Check your microphone' }).waitFor()
    await page.getByRole('button', { name: 'Allow the microphone' }).click()
    await page.getByText('Microphone level').waitFor()
    await page.getByRole('button', { name: 'Begin the voice interview' }).click()

    const voice = page.getByRole('region', { name: /Backend Engineer voice interview/ })
    await voice.waitFor()
    await page.getByRole('timer').waitFor()
    const captions = page.getByRole('log', { name: 'Captions' })
    // The interviewer's opening is spoken: its audio arrives and plays, and its words are captioned.
    await captions.getByText(/Tell me about a system you built\./).waitFor()
    await page.getByText('Interviewer: speaking').waitFor()
    await expect
      .poll(async () => Number(await voice.getAttribute('data-audio-bytes-received')))
      .toBeGreaterThan(0)
    expect(tts.connections.length, 'the interviewer was spoken by the fake Cartesia').toBeGreaterThan(0)

    // The microphone's loud stretch reaches the fake speech-to-text, which hears the scripted words.
    await captions.getByText(ANSWER).waitFor({ timeout: 30_000 })
    const heard = await stt.connection(0)
    expect(heard.receivedAudioBytes).toBeGreaterThan(16_000 * 2)
    // The model's reply is captioned and spoken.
    await captions.getByText(FOLLOW_UP).waitFor({ timeout: 20_000 })
    expect(llm.chatRequests().length).toBeGreaterThan(0)
    expect(Number(await voice.getAttribute('data-frames-sent'))).toBeGreaterThan(0)
    expect(session.pageErrors).toEqual([])

    // Muted, nothing the microphone hears reaches speech recognition; unmuted, it flows again.
    const heardBytes = () => stt.connections.at(-1)?.receivedAudioBytes ?? 0
    await page.getByRole('button', { name: 'Mute' }).click()
    await page.getByText('Your microphone is muted.').waitFor()
    expect(await page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true')
    const mutedAt = heardBytes()
    await page.waitForTimeout(1_000)
    expect(heardBytes()).toBe(mutedAt)
    await page.getByRole('button', { name: 'Unmute' }).click()
    await expect.poll(heardBytes).toBeGreaterThan(mutedAt)

    // The instance serving the socket stops (a deploy): the page reconnects with a new ticket and
    // resumes the same interview, captions intact, without the candidate doing anything.
    const streams = stt.connections.length
    await Promise.all([...stack.services.lifecycle.voiceSessions].map((open) => open.end('server_shutdown')))
    await expect.poll(() => stt.connections.length, { timeout: 15_000 }).toBeGreaterThan(streams)
    await expect.poll(() => stack.services.lifecycle.voiceSessions.size).toBe(1)
    await expect.poll(heardBytes).toBeGreaterThan(0)
    await captions.getByText(ANSWER).waitFor()
    expect(await page.getByText('Voice problem').count()).toBe(0)
    expect(await page.getByText('The voice session has ended.').count()).toBe(0)

    // Switching to text keeps the transcript and shows the text chat.
    await page.getByRole('button', { name: 'Switch to text' }).click()
    const conversation = page.getByRole('log', { name: 'Conversation' })
    await conversation.getByText(ANSWER).waitFor()
    await conversation.getByText(FOLLOW_UP).waitFor()
    await page.getByRole('textbox', { name: 'Your answer' }).waitFor()

    // The recruiter sees how it sounded: the interviewer's response gap and the candidate's speech.
    await signIn(page, { email: recruiterEmail, role: 'RECRUITER' }, stack.baseUrl)
    await page.goto(`${stack.baseUrl}/interviews/${created.interview.id}`)
    const measures = page.getByRole('region', { name: 'Voice' })
    const measure = (label: string) =>
      measures.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]')
    await expect.poll(() => measure('Response gap (median)').textContent()).toMatch(/^\d+\.\d s$/)
    expect(await measure('Pace').textContent()).toMatch(/^\d+ words per minute$/)
    expect(await measure('Candidate’s share of the talking').textContent()).toMatch(/^\d+%$/)
    expect(session.pageErrors).toEqual([])
  }, 120_000)

  it('offers the interview in text when the microphone is blocked, and it goes on there', async () => {
    const recruiter = await signInByApi(stack.baseUrl, { email: uniqueEmail('recruiter'), role: 'RECRUITER' })
    const created = await recruiter.request<{ interview: { id: string }; link: { url: string } }>(
      'POST',
      '/api/interviews',
      {
        jobRole: 'Data Engineer',
        type: 'VOICE',
        candidateEmail: 'dana@example.com',
        candidateName: 'Dana',
        timeLimitMinutes: 20,
        questions: ['Tell me about a pipeline you built.', 'How do you test your code?'],
      },
    )
    // The browser says no, as it does when the candidate blocks the site's microphone.
    const page = await session.openPage({ permissions: [] })
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
    })
    await page.goto(new URL(new URL(created.link.url).pathname, stack.baseUrl).href)
    await page.getByRole('button', { name: 'Continue to the device check' }).click()
    await page.getByRole('checkbox', { name: /I agree to be interviewed by an AI interviewer/ }).check()
    await page.getByRole('button', { name: 'Start the interview' }).click()
    await page.getByRole('button', { name: 'Allow the microphone' }).click()
    await page.getByText('Microphone access is blocked').waitFor()
    await page.getByRole('button', { name: 'Check again' }).waitFor()

    await page.getByRole('button', { name: 'Continue in text instead' }).click()
    const conversation = page.getByRole('log', { name: 'Conversation' })
    await conversation.getByText(/Tell me about a pipeline you built\./).waitFor()
    llm.enqueue(reply.text('Which tools did you use?'))
    await page.getByRole('textbox', { name: 'Your answer' }).fill('A nightly import of sales data.')
    await page.getByRole('button', { name: 'Send' }).click()
    await conversation.getByText('Which tools did you use?').waitFor()
    expect(session.pageErrors).toEqual([])
  }, 60_000)
})
