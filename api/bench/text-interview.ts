import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { createParser } from 'eventsource-parser'
import { FAKE_API_KEY, FakeOpenAiServer, type ReceivedRequest, reply } from '../test/fakes/openai-server.js'
import { createInterviewWithLink, createUser } from '../test/support/factories.js'
import type { Benchmark } from './benchmarks.js'
import { formatMs, percentile, trackPeakMemoryOf } from './support/measure.js'
import { type BenchStack, startApiProcess } from './support/stack.js'

export type TextInterviewOptions = {
  /** Interviews running at once, one candidate each. */
  interviews: number
  /** Answers each candidate sends (fewer if the interviewer closes first). */
  turns: number
  /** The fake model's time to its first token, then between tokens. */
  modelLatencyMs: number
  tokenIntervalMs: number
  /** Each candidate waits a random 0…thinkMs before starting and before each answer; 0: all in lockstep. */
  thinkMs: number
  /** Passed to the API process's node, e.g. `--cpu-prof`. */
  serverExecArgv?: string[]
}

export const TEXT_INTERVIEW_DEFAULTS: TextInterviewOptions = {
  interviews: 100,
  turns: 3,
  modelLatencyMs: 200,
  tokenIntervalMs: 5,
  // 100 people answering every 10 s or so, several times as often as people type answers: the load
  // of 100 interviews at once. 0 sends every answer in lockstep instead, which only measures queues.
  thinkMs: 20_000,
}

export type TextInterviewResult = {
  interviews: number
  overheadP50Ms: number
  overheadP95Ms: number
  errors: number
  rssPerInterviewKb: number
}

/** The line scripts read: always the last one `npm run bench:interview` prints. */
export function textInterviewSummary(result: TextInterviewResult): string {
  return `interview bench: n=${result.interviews} overhead_p50=${result.overheadP50Ms.toFixed(2)} overhead_p95=${result.overheadP95Ms.toFixed(2)} errors=${result.errors} rss_per_interview_kb=${Math.round(result.rssPerInterviewKb)}`
}

// About 20 tokens, as a short interviewer question is.
const REPLY_TEXT =
  'Thank you, that helps. What was the hardest trade-off you made there, and how did you decide it?'
const ANSWER_TEXT =
  'I split the work into small deployable steps, measured each one in production, and rolled back twice before the queue held under load.'
const ANSWER_ID = /answer ([0-9a-f-]{36})/
/** Candidates run whole, at once, before measuring, so that start-up costs (JIT, first connections) stay out of the figures. */
const WARM_UP_INTERVIEWS = 10

type AnswerTiming = { answerId: string; sentAt: number; firstTokenAt: number; doneAt: number }

/**
 * Candidates answering the text interviewer at once, over HTTP, against the API in its own process
 * with the language model pointed at the fake. Per answer, the server's overhead is the candidate's
 * time to the first token minus the model's own (the fake's time from receiving the request to
 * writing its first token); the clients and the fake share this process and one clock.
 */
export async function runTextInterviewBenchmark(
  stack: BenchStack,
  options: TextInterviewOptions,
): Promise<TextInterviewResult> {
  const fake = await FakeOpenAiServer.start()
  fake.defaultReply = reply.text(REPLY_TEXT, {
    firstTokenDelayMs: options.modelLatencyMs,
    chunkDelayMs: options.tokenIntervalMs,
  })
  const api = await startApiProcess(stack, {
    // No background jobs: scoring the finished interviews would ask the fake for evaluations it
    // cannot write, and share the cores with the path being measured.
    env: { GROQ_API_KEY: FAKE_API_KEY, LLM_BASE_URL: fake.baseUrl, CRON_ENABLED: 'false' },
    execArgv: options.serverExecArgv,
  })
  try {
    const recruiter = await createUser(stack.services)
    const tokens: string[] = []
    for (let i = 0; i < WARM_UP_INTERVIEWS + options.interviews; i++) {
      const { link } = await createInterviewWithLink(stack.services, { recruiterId: recruiter.id })
      tokens.push(link.token)
    }
    const client = new CandidateClient(api.url)

    const warmUp = { answers: [] as AnswerTiming[], failures: [] as string[] }
    await Promise.all(
      tokens
        .splice(0, WARM_UP_INTERVIEWS)
        .map((token) => runCandidate(client, token, { ...options, thinkMs: 0 }, warmUp)),
    )
    // Not fatal: a loaded machine can time out a first request; a broken setup fails the run as well.
    if (warmUp.failures.length > 0)
      console.log(`Warm-up: ${warmUp.failures.length} errors, the first: ${warmUp.failures[0]}\n`)
    fake.reset()

    const run = { answers: [] as AnswerTiming[], failures: [] as string[] }
    const stopMemory = await trackPeakMemoryOf(api.pid, async () => (await api.readUsage()).rssBytes)
    const cpuBefore = (await api.readUsage()).cpuMs
    const startedAt = performance.now()
    await Promise.all(tokens.map((token) => runCandidate(client, token, options, run)))
    const elapsedMs = performance.now() - startedAt
    const memory = await stopMemory()
    const cpuMs = (await api.readUsage()).cpuMs - cpuBefore
    client.close()

    const modelTimings = new Map<string, ReceivedRequest['timing']>()
    for (const received of fake.chatRequests()) {
      const messages = (received.body?.messages ?? []) as { content?: string }[]
      const answerId = ANSWER_ID.exec(messages.at(-1)?.content ?? '')?.[1]
      if (answerId) modelTimings.set(answerId, received.timing)
    }
    const rows = { client: [] as number[], model: [] as number[], overhead: [] as number[] }
    const split = { before: [] as number[], after: [] as number[], done: [] as number[] }
    for (const answer of run.answers) {
      const model = modelTimings.get(answer.answerId)
      if (model?.firstTokenAt === undefined) {
        run.failures.push(`answer ${answer.answerId}: no model request carried it`)
        continue
      }
      const clientMs = answer.firstTokenAt - answer.sentAt
      const modelMs = model.firstTokenAt - model.receivedAt
      rows.client.push(clientMs)
      rows.model.push(modelMs)
      rows.overhead.push(clientMs - modelMs)
      split.before.push(model.receivedAt - answer.sentAt)
      split.after.push(answer.firstTokenAt - model.firstTokenAt)
      split.done.push(answer.doneAt - answer.sentAt)
    }

    const line = (label: string, values: number[]) =>
      `| ${label} | ${[50, 95, 99, 100].map((p) => formatMs(percentile(values, p))).join(' | ')} |`
    console.log(
      `${options.interviews} candidates at once, ${rows.overhead.length} answers in ${(elapsedMs / 1000).toFixed(1)} s. The API process used ${(cpuMs / 1000).toFixed(1)} s of CPU (${(cpuMs / Math.max(1, rows.overhead.length)).toFixed(1)} ms an answer, consent, start and end included).\n`,
    )
    console.log('| per answer | p50 | p95 | p99 | max |')
    console.log('|---|---|---|---|---|')
    console.log(line('answer sent → first token (candidate)', rows.client))
    console.log(line("model's own first-token latency (fake)", rows.model))
    console.log(line('**server overhead** (the difference)', rows.overhead))
    console.log(line('… before the model: answer sent → model request arrives', split.before))
    console.log(line("… after the model: model's first token → candidate's", split.after))
    console.log(line('answer sent → `done`', split.done))
    const perInterviewKb = (memory.peakGrowthMb * 1024) / options.interviews
    console.log('')
    console.log('| API process memory | |')
    console.log('|---|---|')
    console.log(`| RSS before the run | ${memory.startMb.toFixed(1)} MB |`)
    console.log(`| peak growth during the run | ${memory.peakGrowthMb.toFixed(1)} MB |`)
    console.log(`| per interview | ${perInterviewKb.toFixed(0)} KB |`)
    console.log('')
    if (run.failures.length > 0) {
      console.log(`${run.failures.length} errors, for example:`)
      for (const failure of [...new Set(run.failures)].slice(0, 5)) console.log(`- ${failure}`)
      console.log('')
    }
    return {
      interviews: options.interviews,
      overheadP50Ms: percentile(rows.overhead, 50),
      overheadP95Ms: percentile(rows.overhead, 95),
      errors: run.failures.length,
      rssPerInterviewKb: perInterviewKb,
    }
  } finally {
    await api.stop()
    await fake.stop()
  }
}

/** One candidate's whole interview: consent, start, answers (each reply read to its end), end. */
async function runCandidate(
  client: CandidateClient,
  token: string,
  options: TextInterviewOptions,
  into: { answers: AnswerTiming[]; failures: string[] },
) {
  const step = async (path: string, body?: unknown) => {
    const response = await client.post(path, token, body)
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`)
  }
  try {
    // Candidates arrive over the same spread, rather than all consenting in one instant.
    if (options.thinkMs > 0) await sleep(Math.random() * options.thinkMs)
    await step('/consent', { aiInterview: true, recording: false })
    await step('/start')
    for (let turn = 0; turn < options.turns; turn++) {
      if (options.thinkMs > 0) await sleep(Math.random() * options.thinkMs)
      const answerId = randomUUID()
      let firstTokenAt: number | undefined
      let done: { at: number; interviewStatus: string } | undefined
      let failure: string | undefined
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === 'token') firstTokenAt ??= performance.now()
          else if (event.event === 'done')
            done = { at: performance.now(), interviewStatus: JSON.parse(event.data).interviewStatus }
          else if (event.event === 'error') failure = `error event ${event.data}`
        },
      })
      const response = await client.post(
        '/messages',
        token,
        { id: answerId, content: `${ANSWER_TEXT} (answer ${answerId})` },
        (text) => parser.feed(text),
      )
      if (response.status !== 200) failure = `${response.status} ${response.text}`
      else if (!done) failure ??= 'the stream ended without `done`'
      else if (firstTokenAt === undefined) failure = 'no `token` event before `done`'
      if (failure || !done || firstTokenAt === undefined) throw new Error(`/messages: ${failure}`)
      into.answers.push({ answerId, sentAt: response.sentAt, firstTokenAt, doneAt: done.at })
      if (done.interviewStatus !== 'IN_PROGRESS') return
    }
    await step('/end', { reason: 'benchmark finished' })
  } catch (error) {
    into.failures.push(error instanceof Error ? error.message : String(error))
  }
}

/**
 * node:http rather than fetch: the clients share this process with the fake model, and fetch's web
 * streams cost more CPU, which would show up as server overhead.
 */
class CandidateClient {
  private readonly agent = new Agent({ keepAlive: true })

  constructor(private readonly baseUrl: string) {}

  /** POSTs to the candidate's API; `sentAt` is taken as the request goes out. */
  post(
    path: string,
    token: string,
    body?: unknown,
    onText?: (text: string) => void,
  ): Promise<{ status: number; text: string; sentAt: number }> {
    const payload = body === undefined ? '' : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      let sentAt = 0
      const outgoing = request(
        `${this.baseUrl}/api/candidate/interview${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'x-interview-token': token,
            ...(payload ? { 'content-type': 'application/json' } : {}),
            'content-length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          response.setEncoding('utf8')
          let text = ''
          response.on('data', (chunk: string) => {
            if (onText && response.statusCode === 200) onText(chunk)
            else text += chunk
          })
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text, sentAt }))
          response.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      sentAt = performance.now()
      outgoing.end(payload)
    })
  }

  close() {
    this.agent.destroy()
  }
}

export const benchmarkTextInterview: Benchmark = {
  name: 'text-interview',
  description: `${TEXT_INTERVIEW_DEFAULTS.interviews} text interviews at once, ${TEXT_INTERVIEW_DEFAULTS.turns} answers each after a random 0–${TEXT_INTERVIEW_DEFAULTS.thinkMs / 1000} s pause, the model's first token after ${TEXT_INTERVIEW_DEFAULTS.modelLatencyMs} ms; the API in its own process, the candidates and the fake model in this one. \`npm run bench:interview\` for options.`,
  async run(stack) {
    console.log(textInterviewSummary(await runTextInterviewBenchmark(stack, TEXT_INTERVIEW_DEFAULTS)))
  },
}
