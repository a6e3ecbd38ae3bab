// npm run bench:voice — N concurrent voice interviews against the provider fakes, with the
// providers' latencies set: the speech-to-text final comes 300 ms after speech ends (the fake's
// endpointing, on the audio clock), the model's first token 200 ms after the request, speech's
// first audio byte 150 ms after the request. Measures, on the client, end of the candidate's speech
// → first interviewer audio byte; the pipeline's own overhead is that minus the provider latencies.
// The API runs in a child process, whose resident memory (/proc/<pid>/status) gives memory per
// session. Nothing here asserts; the last line sums up N = 100.
//
//   npm run bench:voice                 N = 1, 25, 100
//   npm run bench:voice -- 10 50        other Ns
//   npm run bench:voice -- --cpu-prof   also writes the API process's CPU profile
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { loadConfig } from '../src/infra/config.js'
import { buildServices, closeServices, type Services } from '../src/infra/container.js'
import { createLogger } from '../src/infra/logger.js'
import { createInterviewLink } from '../src/services/interview-links.js'
import { FakeDeepgramSttServer, type FakeSttConnection, tone } from '../test/fakes/deepgram-stt-server.js'
import { FakeDeepgramTtsServer } from '../test/fakes/deepgram-tts-server.js'
import { FAKE_API_KEY, FakeOpenAiServer, reply } from '../test/fakes/openai-server.js'
import { createRedisKeyPrefix, createTestDatabase } from '../test/support/database.js'
import { createUser } from '../test/support/factories.js'
import { APP_ORIGIN, uniqueEmail } from '../test/support/http.js'
import { deleteRedisKeys } from '../test/support/redis.js'
import { percentile } from './support/measure.js'
import type { VoiceServerReply, VoiceServerRequest } from './support/voice-server.js'

const STT_FINAL_MS = 300
const LLM_FIRST_TOKEN_MS = 200
const TTS_FIRST_BYTE_MS = 150
/**
 * The interviewer's turn-taking wait: `quick` pace (0.6 s after a finished sentence) × 0.01 = 6 ms,
 * counted from the end of speech. It has elapsed by the time the final arrives (300 ms), so it adds
 * nothing: the turn ends on the final itself.
 */
const TURN_DELAY_SCALE = 0.01
const PACE = 'quick'
const TURN_WAIT_MS = Math.max(0, Math.round(600 * TURN_DELAY_SCALE) - STT_FINAL_MS)
const PROVIDER_MS = STT_FINAL_MS + LLM_FIRST_TOKEN_MS + TTS_FIRST_BYTE_MS + TURN_WAIT_MS

/** The candidate speaks this long (the fake hears its four words), after this much silence. */
const SPEECH_MS = 1200
const PAUSE_BEFORE_SPEECH_MS = 300
/** Sessions start their first answer spread over this window, as real candidates are not in step. */
const STAGGER_MS = 1000
/** Sessions open (consent, ticket, socket, opening question) one every this often, not all at once. */
const OPEN_EVERY_MS = 50
const QUESTIONS = Array.from({ length: 12 }, (_, index) => `Question ${index + 1}: tell me about it.`)
const TURN_TIMEOUT_MS = 20_000

const FRAME_MS = 20
const SAMPLE_RATE = 16_000
/** Near-silent frames whose first sample names the session (far below the fake's speech threshold). */
const silentFrame = (session: number) => {
  const frame = Buffer.alloc((SAMPLE_RATE * FRAME_MS * 2) / 1000)
  frame.writeInt16LE(session + 1, 0)
  return frame
}
/** How the fakes tell sessions apart: in the job role (so in the prompt) and in the model's reply. */
const tagOf = (session: number) => `[s${session}]`
const LOUD_FRAME = tone(FRAME_MS, SAMPLE_RATE)

const args = parseArgs({
  options: { 'cpu-prof': { type: 'boolean', default: false } },
  allowPositionals: true,
})
const sessionCounts = args.positionals.map(Number).filter(Number.isFinite)
const NS = sessionCounts.length > 0 ? sessionCounts : [1, 25, 100]
const profileDir = join(tmpdir(), `vantahire-bench-voice-${Date.now()}`)
const isProfiling = args.values['cpu-prof'] === true
if (isProfiling) mkdirSync(profileDir, { recursive: true })
/** Turns per session: enough samples at small N. */
const turnsFor = (n: number) => (n === 1 ? 8 : 3)

type Figures = {
  n: number
  firstAudio: number[]
  errors: string[]
  rssPerSessionKb: number
  rssBaselineMb: number
  rssPeakMb: number
}

/** A candidate's page: microphone frames from the shared pump, everything received timestamped. */
class BenchClient {
  readonly errors: string[] = []
  private loudFramesLeft = 0
  private speechEnded: ((at: number) => void) | null = null
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = []
  private readonly messages: { type: string; [key: string]: unknown }[] = []
  private firstAudioAfter: { since: number; at: number | null } = {
    since: Number.POSITIVE_INFINITY,
    at: null,
  }
  isStreaming = false
  /** Microphone frames sent and interviewer audio messages received, for the API's CPU per frame. */
  framesSent = 0
  audioReceived = 0

  private readonly silentFrame: Buffer

  private constructor(
    readonly socket: WebSocket,
    readonly session: number,
  ) {
    this.silentFrame = silentFrame(session)
    socket.on('error', () => undefined)
    socket.on('close', () => this.check())
    socket.on('message', (data, isBinary) => {
      const now = performance.now()
      if (isBinary) {
        this.audioReceived++
        if (this.firstAudioAfter.at === null && now >= this.firstAudioAfter.since)
          this.firstAudioAfter.at = now
      } else {
        const message = JSON.parse(String(data)) as { type: string; [key: string]: unknown }
        this.messages.push(message)
        if (message.type === 'error') this.errors.push(`error message: ${JSON.stringify(message.error)}`)
        if (message.type === 'text_reply') this.errors.push('speech failed: the reply came as text')
        if (message.type === 'barge_in') this.errors.push('barge_in')
        if (message.type === 'ended') this.errors.push(`ended: ${String(message.reason)}`)
        if (message.type === 'interviewer_done' && !message.interrupted) {
          this.socket.send(JSON.stringify({ type: 'playback_finished' }))
        }
      }
      this.check()
    })
  }

  static open(url: string, session: number): Promise<BenchClient> {
    const socket = new WebSocket(url, { headers: { origin: APP_ORIGIN }, perMessageDeflate: false })
    const client = new BenchClient(socket, session)
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client))
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with ${response.statusCode}`)),
      )
      socket.once('error', reject)
    })
  }

  /** Called by the pump every 20 ms: one frame of microphone audio. */
  pumpFrame() {
    if (!this.isStreaming || this.socket.readyState !== WebSocket.OPEN) return
    this.framesSent++
    if (this.loudFramesLeft > 0) {
      this.socket.send(LOUD_FRAME)
      this.loudFramesLeft--
      if (this.loudFramesLeft === 0) {
        // The frame just sent holds the last 20 ms of speech: speech ends now.
        const at = performance.now()
        this.firstAudioAfter = { since: at, at: null }
        this.speechEnded?.(at)
        this.speechEnded = null
      }
    } else {
      this.socket.send(this.silentFrame)
    }
  }

  /** Speaks for `ms`; resolves with the moment the last of the speech was sent. */
  speak(ms: number): Promise<number> {
    this.loudFramesLeft = Math.round(ms / FRAME_MS)
    return new Promise((resolve) => {
      this.speechEnded = resolve
    })
  }

  get firstAudioAt(): number | null {
    return this.firstAudioAfter.at
  }

  send(message: Record<string, unknown>) {
    this.socket.send(JSON.stringify(message))
  }

  count(type: string): number {
    return this.messages.filter((message) => message.type === type).length
  }

  waitFor(type: string, count: number): Promise<void> {
    return this.waitUntil(() => this.count(type) >= count, `${type} #${count}`)
  }

  waitUntil(predicate: () => boolean, description: string): Promise<void> {
    if (predicate()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.messages.map((message) => message.type).slice(-10)
        reject(new Error(`timed out waiting for ${description}; last received ${JSON.stringify(seen)}`))
      }, TURN_TIMEOUT_MS)
      this.waiters.push({
        predicate: () => predicate() || this.socket.readyState === WebSocket.CLOSED,
        resolve: () => {
          clearTimeout(timer)
          if (predicate()) resolve()
          else reject(new Error(`socket closed waiting for ${description}`))
        },
      })
    })
  }

  close() {
    this.isStreaming = false
    this.socket.close(1000)
  }

  private check() {
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate()) continue
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
}

type ApiProcess = {
  child: ChildProcess
  url: string
  logged: string[]
  /** Its event-loop delay since the last call. */
  eventLoopDelay(): Promise<VoiceServerReply>
  stop(): Promise<void>
}

async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const profile = isProfiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(process.execPath, ['--import', 'tsx', ...profile, 'bench/support/voice-server.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const lines = createInterface({ input: child.stdout! })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening`)))
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port))
  })
  const logged: string[] = []
  lines.on('line', (line) => logged.push(line))
  return {
    child,
    logged,
    url: `http://127.0.0.1:${port}`,
    eventLoopDelay: () =>
      new Promise((resolve) => {
        child.once('message', (reply: VoiceServerReply) => resolve(reply))
        child.send({ kind: 'event-loop-delay' } satisfies VoiceServerRequest)
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid)
  return user + system
}

function cpuTimes(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }
}

/** How long the relay alone is watched, once every session only listens. */
const RELAY_WINDOW_MS = 5_000

/**
 * What relaying microphone audio costs the API on its own: every session streaming silence to a
 * listening interviewer, no turns, no database work, for RELAY_WINDOW_MS.
 */
async function measureRelay(api: ApiProcess, clients: BenchClient[]): Promise<string> {
  const pid = api.child.pid!
  const framesSent = () => clients.reduce((sum, client) => sum + client.framesSent, 0)
  await api.eventLoopDelay()
  const before = { cpu: cpuTimes(pid), frames: framesSent() }
  await new Promise((resolve) => setTimeout(resolve, RELAY_WINDOW_MS))
  const delay = await api.eventLoopDelay()
  const after = { cpu: cpuTimes(pid), frames: framesSent() }
  const frames = Math.max(1, after.frames - before.frames)
  const perFrame = (seconds: number) => ((seconds * 1e6) / frames).toFixed(1)
  const user = after.cpu.user - before.cpu.user
  const system = after.cpu.system - before.cpu.system
  const streaming = clients.filter((client) => client.socket.readyState === WebSocket.OPEN).length
  return `relay alone (${streaming} sessions streaming silence, ${RELAY_WINDOW_MS / 1000} s, ${frames} frames): API CPU ${perFrame(user + system)} µs per microphone frame (user ${perFrame(user)}, system ${perFrame(system)}), ${Math.round(((user + system) / (RELAY_WINDOW_MS / 1000)) * 100)}% of a core; event-loop delay p50 ${delay.p50.toFixed(1)} / p99 ${delay.p99.toFixed(1)} / max ${delay.max.toFixed(1)} ms`
}

/** CPU seconds the whole machine has been busy and idle, from /proc/stat. */
function machineSeconds(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? []
  const values = ticks.map(Number)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  const total = values.reduce((sum, value) => sum + value, 0)
  return { busy: (total - idle) / 100, total: total / 100 }
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) : Number.NaN
}

async function newInterview(services: Services, recruiterId: string, session: number) {
  const interview = await services.prisma.interview.create({
    data: {
      recruiterId,
      candidateEmail: uniqueEmail('candidate'),
      candidateName: 'Casey',
      jobRole: `Backend Engineer ${tagOf(session)}`,
      type: 'VOICE',
      voicePace: PACE,
      questions: QUESTIONS,
      timeLimitMinutes: 60,
    },
  })
  const link = await createInterviewLink(services.prisma, {
    frontendUrl: APP_ORIGIN,
    interviewId: interview.id,
  })
  return link.token
}

async function candidatePost(api: ApiProcess, token: string, path: string, json: unknown, ip: string) {
  const response = await fetch(`${api.url}/api/candidate/interview${path}`, {
    method: 'POST',
    headers: {
      'x-interview-token': token,
      'content-type': 'application/json',
      origin: APP_ORIGIN,
      'x-forwarded-for': ip,
    },
    body: JSON.stringify(json),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as Record<string, unknown>
}

/** Consent, a ticket, the socket, `start`; resolves once the opening has been spoken. */
async function openSession(api: ApiProcess, token: string, index: number): Promise<BenchClient> {
  const ip = `10.${(index >> 8) & 255}.${index & 255}.${1 + (Date.now() % 250)}`
  await candidatePost(api, token, '/consent', { aiInterview: true, recording: false }, ip)
  const { url } = (await candidatePost(api, token, '/voice-ticket', {}, ip)) as { url: string }
  const client = await BenchClient.open(`${api.url.replace('http', 'ws')}${url}`, index)
  await client.waitFor('ready', 1)
  client.isStreaming = true
  client.send({ type: 'start' })
  await client.waitFor('interviewer_done', 1)
  return client
}

/** One answer: speak, then time the first audio byte of the reply; resolves once the reply is done. */
async function answer(client: BenchClient): Promise<Turn> {
  const done = client.count('interviewer_done')
  await new Promise((resolve) => setTimeout(resolve, PAUSE_BEFORE_SPEECH_MS))
  const speechEndedAt = await client.speak(SPEECH_MS)
  await client.waitFor('interviewer_done', done + 1)
  const firstAudioAt = client.firstAudioAt
  if (firstAudioAt === null) throw new Error('the reply came without audio')
  return { session: client.session, speechEndedAt, firstAudioAt }
}

type Turn = { session: number; speechEndedAt: number; firstAudioAt: number }

/**
 * Where each turn's time goes, from the fakes' clocks. The fakes tell sessions apart by the tag in
 * the first sample of a session's audio, in the prompt and in the reply's text; each turn takes what
 * its session's fakes saw between its end of speech and its first audio byte.
 */
function stages(turns: Turn[], { stt, tts, llm }: Fakes) {
  const tagIn = (text: string) => Number(/\[s(\d+)\]/.exec(text)?.[1] ?? Number.NaN)
  const endpointsOf = new Map<number, FakeSttConnection['endpoints']>()
  for (const connection of stt.connections) {
    const audio = connection.audio
    if (audio.length < 2) continue
    const session = audio.readInt16LE(0) - 1
    endpointsOf.set(session, [...(endpointsOf.get(session) ?? []), ...connection.endpoints])
  }
  const requests = llm.chatRequests()
  const rows = turns.flatMap(({ session, speechEndedAt, firstAudioAt }) => {
    const within = (at: number | undefined) => at !== undefined && at >= speechEndedAt && at <= firstAudioAt
    const endpoint = endpointsOf.get(session)?.find((candidate) => within(candidate.lastVoicedAt))
    const request = requests.find(
      (candidate) => within(candidate.timing.receivedAt) && tagIn(JSON.stringify(candidate.body)) === session,
    )
    const speech = tts.requests.find(
      (candidate) => within(candidate.timing.receivedAt) && tagIn(String(candidate.body?.text)) === session,
    )
    if (!endpoint?.finalSentAt || !request?.timing.firstTokenAt || !speech?.timing.firstAudioAt) return []
    const row = [
      endpoint.lastVoicedAt - speechEndedAt,
      endpoint.finalSentAt - endpoint.lastVoicedAt,
      request.timing.receivedAt - endpoint.finalSentAt,
      request.timing.firstTokenAt - request.timing.receivedAt,
      speech.timing.receivedAt - request.timing.firstTokenAt,
      speech.timing.firstAudioAt - speech.timing.receivedAt,
      firstAudioAt - speech.timing.firstAudioAt,
    ]
    const pipeline = (row[0] ?? 0) + (row[2] ?? 0) + (row[4] ?? 0) + (row[6] ?? 0)
    return [[...row, pipeline]]
  })
  const names = [
    'last speech frame: client sends → STT fake receives',
    'STT fake: last speech → final sent (set 300)',
    'final sent → LLM request arrives (turn end, answer stored, prompt built)',
    'LLM fake: request → first token (set 200)',
    'first token → TTS request arrives (the answer stored, the first sentence)',
    'TTS fake: request → first audio (set 150)',
    'first audio written → client receives it',
    'the pipeline alone (the four steps outside the fakes)',
  ]
  const lines = names.map((name, index) => {
    const values = rows.map((row) => row[index] as number)
    return `  ${name}: p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`
  })
  return { lines, matched: rows.length }
}

type Fakes = { stt: FakeDeepgramSttServer; tts: FakeDeepgramTtsServer; llm: FakeOpenAiServer }

function resetFakes({ stt, tts, llm }: Fakes) {
  stt.reset()
  stt.options.detection = 'energy'
  stt.options.defaultTranscript = 'This is my answer.'
  tts.reset()
  tts.options.firstByteDelayMs = TTS_FIRST_BYTE_MS
  llm.reset()
}

/** How much later than set each fake answered (p50/p95 ms), from its own clock. */
function providerLateness({ stt, tts, llm }: Fakes) {
  const sttLate = stt.connections.flatMap((connection) =>
    connection.endpoints.flatMap((endpoint) =>
      endpoint.finalSentAt === undefined ? [] : [endpoint.finalSentAt - endpoint.lastVoicedAt - STT_FINAL_MS],
    ),
  )
  const llmLate = llm
    .chatRequests()
    .flatMap((request) =>
      request.timing.firstTokenAt === undefined
        ? []
        : [request.timing.firstTokenAt - request.timing.receivedAt - LLM_FIRST_TOKEN_MS],
    )
  const ttsLate = tts.requests.flatMap((request) =>
    request.timing.firstAudioAt === undefined
      ? []
      : [request.timing.firstAudioAt - request.timing.receivedAt - TTS_FIRST_BYTE_MS],
  )
  const describe = (values: number[]) =>
    `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} ms (${values.length})`
  return { stt: describe(sttLate), llm: describe(llmLate), tts: describe(ttsLate) }
}

async function runOnce(
  n: number,
  fakes: Fakes,
  services: Services,
  recruiterId: string,
  env: Record<string, string>,
) {
  const api = await startApi(env)
  const pid = api.child.pid!
  const clients: BenchClient[] = []
  const pump = setInterval(() => {
    for (const client of clients) client.pumpFrame()
  }, FRAME_MS)
  try {
    // A warm-up session, not measured, so that the baseline includes code loaded and compiled once.
    resetFakes(fakes)
    const warm = await openSession(api, await newInterview(services, recruiterId, 0), 0)
    clients.push(warm)
    await answer(warm)
    warm.close()
    clients.length = 0
    const tokens = await Promise.all(
      Array.from({ length: n }, (_, index) => newInterview(services, recruiterId, index + 1)),
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    resetFakes(fakes)
    const baselineKb = rssKb(pid)
    let peakKb = baselineKb
    await api.eventLoopDelay()
    const cpuAtStart = { api: cpuSeconds(pid), bench: cpuSeconds(process.pid), machine: machineSeconds() }
    const startedAt = performance.now()
    const sampler = setInterval(() => {
      peakKb = Math.max(peakKb, rssKb(pid))
    }, 50)

    const measured: Turn[] = []
    const errors: string[] = []
    const turns = turnsFor(n)
    await Promise.all(
      tokens.map(async (token, index) => {
        let client: BenchClient | undefined
        try {
          await new Promise((resolve) => setTimeout(resolve, index * OPEN_EVERY_MS))
          client = await openSession(api, token, index + 1)
          clients.push(client)
          await new Promise((resolve) => setTimeout(resolve, (index / n) * STAGGER_MS))
          for (let turn = 0; turn < turns; turn++) measured.push(await answer(client))
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error))
        } finally {
          if (client) errors.push(...client.errors)
        }
      }),
    )
    clearInterval(sampler)
    const delay = await api.eventLoopDelay()
    const wallSeconds = (performance.now() - startedAt) / 1000
    const machine = machineSeconds()
    const cores = (machine.total - cpuAtStart.machine.total) / wallSeconds
    const share = (seconds: number) => `${Math.round((seconds / wallSeconds) * 100)}%`
    const cpu = `CPU while measured (${wallSeconds.toFixed(1)} s; 100% = one core): API ${share(cpuSeconds(pid) - cpuAtStart.api)}, clients and fakes ${share(cpuSeconds(process.pid) - cpuAtStart.bench)}, whole machine ${share(machine.busy - cpuAtStart.machine.busy)} of ${Math.round(cores) * 100}%`
    const apiCpuMs = (cpuSeconds(pid) - cpuAtStart.api) * 1000
    const framesIn = clients.reduce((sum, client) => sum + client.framesSent, 0)
    const audioOut = clients.reduce((sum, client) => sum + client.audioReceived, 0)
    const perFrame = `API CPU ${apiCpuMs.toFixed(0)} ms for ${framesIn} microphone frames in and ${audioOut} audio messages out: ${((apiCpuMs * 1000) / Math.max(1, framesIn + audioOut)).toFixed(0)} µs per message (all its other work included); API event-loop delay p50 ${delay.p50.toFixed(1)} / p99 ${delay.p99.toFixed(1)} / max ${delay.max.toFixed(1)} ms`
    peakKb = Math.max(peakKb, rssKb(pid))
    const lateness = providerLateness(fakes)
    const breakdown = stages(measured, fakes)
    const relay = await measureRelay(api, clients)
    for (const client of clients) client.close()
    // The sessions finish their bookkeeping before the API stops.
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const warnings = [
      ...new Set(api.logged.map((line) => (JSON.parse(line) as { msg?: string }).msg ?? line)),
    ]
    return {
      cpu,
      perFrame,
      relay,
      warnings: `${api.logged.length} API log lines (warn and above)${warnings.length > 0 ? `: ${warnings.slice(0, 3).join('; ')}` : ''}`,
      figures: {
        n,
        firstAudio: measured.map((turn) => turn.firstAudioAt - turn.speechEndedAt),
        errors,
        rssPerSessionKb: Math.round((peakKb - baselineKb) / n),
        rssBaselineMb: baselineKb / 1024,
        rssPeakMb: peakKb / 1024,
      } satisfies Figures,
      lateness,
      breakdown,
    }
  } finally {
    clearInterval(pump)
    for (const client of clients) client.close()
    await api.stop()
  }
}

const [stt, tts, llm] = await Promise.all([
  FakeDeepgramSttServer.start(),
  FakeDeepgramTtsServer.start(),
  FakeOpenAiServer.start(),
])
// The session's tag comes back in the reply's first sentence, so speech requests name their session too.
llm.defaultReply = (request) =>
  reply.text(
    `Thank you ${/\[s\d+\]/.exec(JSON.stringify(request.body))?.[0] ?? ''}. Could you tell me more about that?`,
    { firstTokenDelayMs: LLM_FIRST_TOKEN_MS },
  )
const fakes: Fakes = { stt, tts, llm }
const database = await createTestDatabase('bench')
const redisKeyPrefix = createRedisKeyPrefix('bench')
const env = {
  NODE_ENV: 'test',
  DATABASE_URL: database.databaseUrl,
  REDIS_KEY_PREFIX: redisKeyPrefix,
  CRON_ENABLED: 'false',
  GROQ_API_KEY: FAKE_API_KEY,
  LLM_BASE_URL: llm.baseUrl,
  LLM_MAX_RETRIES: '0',
  // Voice is configured by the key; the server process points both speech services at the fakes.
  DEEPGRAM_API_KEY: 'bench-not-used',
  CARTESIA_API_KEY: '',
  BENCH_STT_URL: stt.baseUrl,
  BENCH_TTS_URL: tts.baseUrl,
  VOICE_TURN_DELAY_SCALE: String(TURN_DELAY_SCALE),
}
const services = buildServices(loadConfig({ ...process.env, ...env }), {
  logger: createLogger({ level: 'warn' }),
})

let last: Figures | undefined
try {
  const recruiter = await createUser(services, { role: 'RECRUITER' })
  console.log(
    `voice bench — node ${process.version}, ${new Date().toISOString()}, ${navigator.hardwareConcurrency} cores`,
  )
  console.log(
    `providers: STT final ${STT_FINAL_MS} ms after speech ends, LLM first token ${LLM_FIRST_TOKEN_MS} ms, TTS first byte ${TTS_FIRST_BYTE_MS} ms (Deepgram REST)`,
  )
  console.log(
    `turn-taking: pace ${PACE}, VOICE_TURN_DELAY_SCALE=${TURN_DELAY_SCALE} (${Math.round(600 * TURN_DELAY_SCALE)} ms from the end of speech, inside the final's ${STT_FINAL_MS} ms: adds ${TURN_WAIT_MS} ms)`,
  )
  console.log(
    `overhead = first audio − ${PROVIDER_MS} ms; client, fakes and API share this machine's cores\n`,
  )
  console.log(
    '| N | turns | first audio p50 | p95 | overhead p50 | p95 | errors | RSS base → peak | per session | fakes late (STT / LLM / TTS, p50/p95) |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const n of NS) {
    const { figures, lateness, breakdown, warnings, cpu, perFrame, relay } = await runOnce(
      n,
      fakes,
      services,
      recruiter.id,
      env,
    )
    const p = (q: number) => percentile(figures.firstAudio, q)
    console.log(
      `| ${n} | ${figures.firstAudio.length} | ${p(50).toFixed(0)} ms | ${p(95).toFixed(0)} ms | ${(p(50) - PROVIDER_MS).toFixed(0)} ms | ${(p(95) - PROVIDER_MS).toFixed(0)} ms | ${figures.errors.length} | ${figures.rssBaselineMb.toFixed(0)} → ${figures.rssPeakMb.toFixed(0)} MB | ${figures.rssPerSessionKb} kB | ${lateness.stt}; ${lateness.llm}; ${lateness.tts} |`,
    )
    for (const error of [...new Set(figures.errors)].slice(0, 5)) console.log(`  error: ${error}`)
    console.log(
      `  ${cpu}\n  ${perFrame}\n  ${relay}\n  ${warnings}\n  where the time goes (${breakdown.matched} turns traced through the fakes):\n${breakdown.lines.join('\n')}`,
    )
    last = figures
  }
} finally {
  await closeServices(services)
  await Promise.all([stt.stop(), tts.stop(), llm.stop()])
  await database.drop()
  await deleteRedisKeys(redisKeyPrefix)
}
if (isProfiling) console.log(`\nThe API process's CPU profiles are in ${profileDir}`)
if (last) {
  const p = (q: number) => percentile(last.firstAudio, q)
  console.log(
    `\nvoice bench: n=${last.n} first_audio_p50=${p(50).toFixed(0)} first_audio_p95=${p(95).toFixed(0)} overhead_p95=${(p(95) - PROVIDER_MS).toFixed(0)} errors=${last.errors.length} rss_per_session_kb=${last.rssPerSessionKb}`,
  )
}
process.exit(0)
