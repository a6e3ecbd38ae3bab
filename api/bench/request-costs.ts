import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { createInterviewWithLink } from '../test/support/factories.js'
import { sampleFiles, uploadForm } from '../test/support/file-fixtures.js'
import { APP_ORIGIN, uniqueEmail } from '../test/support/http.js'
import type { Benchmark } from './benchmarks.js'
import { formatMs, percentile, runConcurrently, spread, trackPeakMemoryOf } from './support/measure.js'
import { type ApiProcess, startApiProcess } from './support/stack.js'

const MB = 1024 * 1024
const CONCURRENCY = 20
const LIST_REQUESTS = 2_000
const PROBE_REQUESTS = 6_000
const INTERVIEWS = 50
const UPLOAD_BYTES = 9 * MB
const SEQUENTIAL_UPLOADS = 5
const CONCURRENT_UPLOAD_BYTES = 10 * MB
const DOWNLOAD_BYTES = 10 * MB
/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100

/** user + system CPU time of a process so far, in microseconds, from /proc/<pid>/stat. */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) / TICKS_PER_SECOND) * 1e6
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

type Answer = { status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }

/** One HTTP request over the keep-alive agent; the body read whole (small answers only). */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: response.headers,
          }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

/** A download read and dropped as it arrives, so the client's memory never holds the file. */
function downloadDiscarding(url: string, headers: Record<string, string>, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`download answered ${response.statusCode}`))
      let received = 0
      response.on('data', (chunk: Buffer) => {
        received += chunk.length
      })
      response.on('end', () => (received === size ? resolve() : reject(new Error(`got ${received} bytes`))))
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

/** `total` requests, 20 at once, each expected to answer `status`; the server's CPU per request from /proc. */
type RequestFigures = { cpuMicrosPerRequest: number; rate: number; p50: number; p99: number }

async function measureRequests(
  pid: number,
  total: number,
  send: () => Promise<Answer>,
  expectedStatus = 200,
): Promise<RequestFigures> {
  await runConcurrently(Math.min(300, total), CONCURRENCY, async () => void (await send()))
  const cpuBefore = cpuMicros(pid)
  const { durations, elapsedMs } = await runConcurrently(total, CONCURRENCY, async () => {
    const answer = await send()
    if (answer.status !== expectedStatus) throw new Error(`answered ${answer.status}: ${answer.body}`)
  })
  const cpu = cpuMicros(pid) - cpuBefore
  return {
    cpuMicrosPerRequest: cpu / total,
    rate: (total / elapsedMs) * 1000,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
  }
}

type ReferenceServer = { url: string; pid: number; stop(): Promise<void> }

/**
 * A reference server from `bench/support/` (the bare Hono app, the hand-written list) in a process
 * of its own: it prints `{"url":…}` on one line once it listens, and stops on SIGTERM.
 */
async function startReferenceServer(
  script: string,
  env: Record<string, string> = {},
): Promise<ReferenceServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(`./support/${script}`, import.meta.url))],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    void exited.then(() => reject(new Error(`${script} exited before listening`)))
  })
  const { url } = JSON.parse(line) as { url: string }
  return {
    url,
    pid: child.pid as number,
    async stop() {
      // Our idle keep-alive sockets to it go first, so that its exit resets none of them.
      const host = new URL(url).host
      for (const [name, sockets] of Object.entries(agent.freeSockets))
        if (name.startsWith(`${host}:`)) for (const socket of sockets ?? []) socket.destroy()
      child.kill('SIGTERM')
      await exited
    },
  }
}

const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`)

/**
 * The figures of the request paths used most, side by side in one run against the API in a process
 * of its own (production start-up, `NODE_ENV=test`): the interview list by API key and by session
 * cookie; `/health` against a bare Hono app; the API process's resident memory while uploads and
 * downloads of large files run. Server CPU per request is read from /proc, so the load generator's
 * own CPU is not counted; a busy machine still slows every figure alike, so compare the ratios.
 */
export const benchmarkRequestCosts: Benchmark = {
  name: 'request-costs',
  description: `${LIST_REQUESTS} list requests and ${PROBE_REQUESTS} probes per path, ${CONCURRENCY} at once over keep-alive (node:http), against the API and a bare Hono app in processes of their own; ${SEQUENTIAL_UPLOADS} uploads of ${UPLOAD_BYTES / MB} MB one after the other, ${CONCURRENCY} of ${CONCURRENT_UPLOAD_BYTES / MB} MB at once, ${CONCURRENCY} downloads of ${DOWNLOAD_BYTES / MB} MB at once.`,
  async run(stack) {
    const api = await startApiProcess(stack, { env: { AUTH_DEV_LOGIN: 'true', CRON_ENABLED: 'false' } })
    const bare = await startReferenceServer('bare-hono.ts')
    try {
      const world = await prepareWorld(stack, api)
      await listFigures(stack, api, world)
      await probeFigures(api, bare)
      await uploadFigures(stack, api, world)
      // Downloads on an instance of their own, so the heap the uploads grew does not hide theirs.
      const downloads = await startApiProcess(stack, { env: { CRON_ENABLED: 'false' } })
      try {
        await downloadFigures(downloads, world)
      } finally {
        await downloads.stop()
      }
    } finally {
      await bare.stop()
      await api.stop()
    }
  },
}

type World = { cookie: string; apiKey: string; interviewId: string; recruiterId: string; fileId?: string }

async function prepareWorld(stack: Parameters<Benchmark['run']>[0], api: ApiProcess): Promise<World> {
  const json = { 'content-type': 'application/json', origin: APP_ORIGIN }
  const signIn = await call(`${api.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: json,
    body: Buffer.from(JSON.stringify({ email: uniqueEmail('bench'), role: 'RECRUITER' })),
  })
  if (signIn.status !== 200) throw new Error(`dev sign-in answered ${signIn.status}: ${signIn.body}`)
  const setCookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? [])
  const cookie = setCookie.map((value) => value.split(';')[0]).join('; ')
  const recruiterId = (JSON.parse(signIn.body.toString()) as { user: { id: string } }).user.id
  let interviewId = ''
  for (let index = 0; index < INTERVIEWS; index++) {
    interviewId = (await createInterviewWithLink(stack.services, { recruiterId })).interview.id
  }
  const created = await call(`${api.url}/api/api-keys`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: Buffer.from(JSON.stringify({ name: 'bench', scopes: ['interviews:read'] })),
  })
  if (created.status !== 201) throw new Error(`API key creation answered ${created.status}: ${created.body}`)
  const apiKey = (JSON.parse(created.body.toString()) as { key: string }).key
  // The bench makes more requests than a key's daily default.
  await stack.services.prisma.apiKey.updateMany({
    where: { userId: recruiterId },
    data: { rateLimitPerDay: 10_000_000 },
  })
  return { cookie, apiKey, interviewId, recruiterId }
}

/** How many times each request path is measured; figures are medians with min–max over these rounds. */
const ROUNDS = 3

type Rounds = Record<string, RequestFigures[]>

/**
 * Measures every path once per round, the paths one after another within a round, so that a change
 * in the machine's load reaches every path of the round alike and the ratios stay comparable.
 */
async function measureRounds(paths: Record<string, () => Promise<RequestFigures>>): Promise<Rounds> {
  const rounds: Rounds = Object.fromEntries(Object.keys(paths).map((name) => [name, []]))
  // One round first that is not counted: until each process's code is optimised, its first few
  // thousand requests cost twice what the rest do.
  for (const measure of Object.values(paths)) await measure()
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, measure] of Object.entries(paths)) rounds[name]?.push(await measure())
  return rounds
}

/** Each path's median figures, with the CPU per request's min–max. */
function roundsTable(label: string, rounds: Rounds) {
  row([label, `server CPU per request, median (min–max of ${ROUNDS})`, 'requests/s', 'p50', 'p99'])
  row(['---', '---', '---', '---', '---'])
  for (const [name, figures] of Object.entries(rounds)) {
    const median = (pick: (figures: RequestFigures) => number) => percentile(figures.map(pick), 50)
    row([
      name,
      spread(
        figures.map((each) => each.cpuMicrosPerRequest),
        ' µs',
        0,
      ),
      median((each) => each.rate).toFixed(0),
      formatMs(median((each) => each.p50)),
      formatMs(median((each) => each.p99)),
    ])
  }
}

/** The ratio of two paths' CPU per request, round by round: "median× (min–max×)". */
function ratio(rounds: Rounds, numerator: string, denominator: string): string {
  const values = (rounds[numerator] ?? []).map(
    (figures, round) =>
      figures.cpuMicrosPerRequest / (rounds[denominator]?.[round]?.cpuMicrosPerRequest ?? Number.NaN),
  )
  return `**${spread(values, '×', 2)}**`
}

async function listFigures(stack: Parameters<Benchmark['run']>[0], api: ApiProcess, world: World) {
  const path = `/api/interviews?limit=${INTERVIEWS}`
  const url = `${api.url}${path}`
  // The hand-written list, on the stack's database and Redis prefix.
  const handWritten = await startReferenceServer('hand-written-list.ts', {
    NODE_ENV: 'test',
    DATABASE_URL: stack.services.config.DATABASE_URL,
    REDIS_KEY_PREFIX: stack.services.config.REDIS_KEY_PREFIX,
  })
  try {
    // The reference must answer what the API answers, or the comparison means nothing.
    const [ours, theirs] = await Promise.all(
      [url, `${handWritten.url}${path}`].map((target) => call(target, { headers: { cookie: world.cookie } })),
    )
    if (!isDeepStrictEqual(JSON.parse(String(ours?.body)), JSON.parse(String(theirs?.body))))
      throw new Error(
        `the hand-written list answers differently: ${String(theirs?.body).slice(0, 600)}… vs the API's ${String(ours?.body).slice(0, 600)}…`,
      )
    const cookie = 'session cookie'
    const key = 'API key'
    const byHand = 'hand-written (session cookie, one SQL query)'
    const rounds = await measureRounds({
      [cookie]: () =>
        measureRequests(api.pid, LIST_REQUESTS, () => call(url, { headers: { cookie: world.cookie } })),
      [key]: () =>
        measureRequests(api.pid, LIST_REQUESTS, () =>
          call(url, { headers: { authorization: `Bearer ${world.apiKey}` } }),
        ),
      [byHand]: () =>
        measureRequests(handWritten.pid, LIST_REQUESTS, () =>
          call(`${handWritten.url}${path}`, { headers: { cookie: world.cookie } }),
        ),
    })
    console.log(`### GET /api/interviews?limit=${INTERVIEWS}\n`)
    roundsTable('caller', rounds)
    console.log(`\nAPI key ÷ cookie, CPU per request: ${ratio(rounds, key, cookie)} (target ≤ 1.3×)`)
    console.log(`cookie ÷ hand-written, CPU per request: ${ratio(rounds, cookie, byHand)} (target ≤ 1.5×)\n`)
  } finally {
    await handWritten.stop()
  }
}

async function probeFigures(api: ApiProcess, bare: { url: string; pid: number }) {
  const ours = 'VantaHire /health'
  const reference = 'bare Hono'
  const rounds = await measureRounds({
    [ours]: () => measureRequests(api.pid, PROBE_REQUESTS, () => call(`${api.url}/health`)),
    [reference]: () => measureRequests(bare.pid, PROBE_REQUESTS, () => call(`${bare.url}/health`)),
  })
  console.log('### /health against a bare Hono app\n')
  roundsTable('server', rounds)
  console.log(
    `\n/health's speed relative to bare Hono (bare Hono's CPU per request ÷ ours): ${ratio(rounds, reference, ours)} (target ≥ 0.8×)\n`,
  )
}

async function uploadFigures(stack: Parameters<Benchmark['run']>[0], api: ApiProcess, world: World) {
  const upload = async (bytes: Buffer) => {
    const form = uploadForm(
      { category: 'RESUME', interviewId: world.interviewId },
      { bytes, filename: 'cv.pdf' },
    )
    const encoded = new Request('http://bench/', { method: 'POST', body: form })
    const body = Buffer.from(await encoded.arrayBuffer())
    const startedAt = performance.now()
    const answer = await call(`${api.url}/api/files`, {
      method: 'POST',
      headers: {
        cookie: world.cookie,
        origin: APP_ORIGIN,
        'content-type': encoded.headers.get('content-type') ?? '',
        'content-length': String(body.length),
      },
      body,
    })
    if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${answer.body}`)
    return {
      ms: performance.now() - startedAt,
      id: (JSON.parse(answer.body.toString()) as { id: string }).id,
    }
  }

  console.log('### Uploads: growth of the API process’s resident memory (peak over start, from /proc)\n')
  row(['uploads', 'peak RSS growth', 'per upload', 'time per upload'])
  row(['---', '---', '---', '---'])
  // One warm-up, so that first-use allocations are not counted against the file.
  world.fileId = (await upload(sampleFiles.pdf(DOWNLOAD_BYTES))).id
  const sequentialGrowth: number[] = []
  const sequentialMs: number[] = []
  for (let index = 0; index < SEQUENTIAL_UPLOADS; index++) {
    const bytes = sampleFiles.pdf(UPLOAD_BYTES)
    const stopMemory = await trackPeakMemoryOf(api.pid, async () => (await api.readUsage()).rssBytes)
    sequentialMs.push((await upload(bytes)).ms)
    sequentialGrowth.push((await stopMemory()).peakGrowthMb)
  }
  const worstSequential = Math.max(...sequentialGrowth)
  row([
    `${SEQUENTIAL_UPLOADS} × ${UPLOAD_BYTES / MB} MB, one at a time`,
    `${worstSequential.toFixed(1)} MB (worst)`,
    `${worstSequential.toFixed(1)} MB`,
    formatMs(percentile(sequentialMs, 50)),
  ])
  const files = Array.from({ length: CONCURRENCY }, () => sampleFiles.pdf(CONCURRENT_UPLOAD_BYTES))
  const stopMemory = await trackPeakMemoryOf(api.pid, async () => (await api.readUsage()).rssBytes)
  const startedAt = performance.now()
  await Promise.all(files.map((bytes) => upload(bytes)))
  const elapsed = performance.now() - startedAt
  const concurrent = await stopMemory()
  row([
    `${CONCURRENCY} × ${CONCURRENT_UPLOAD_BYTES / MB} MB at once`,
    `${concurrent.peakGrowthMb.toFixed(1)} MB`,
    `${(concurrent.peakGrowthMb / CONCURRENCY).toFixed(2)} MB`,
    `${formatMs(elapsed)} for all`,
  ])

  // The reference: the same bytes as one INSERT from this process, without HTTP or the API.
  const bytes = sampleFiles.pdf(UPLOAD_BYTES)
  const insertMs: number[] = []
  for (let index = 0; index < SEQUENTIAL_UPLOADS; index++) {
    const startedAt = performance.now()
    await stack.services.pgPool.query(
      `INSERT INTO "File" (id, name, "mimeType", size, category, "interviewId", data)
       VALUES (gen_random_uuid()::text, 'raw.pdf', 'application/pdf', $1, 'RESUME', $2, $3)`,
      [bytes.length, world.interviewId, bytes],
    )
    insertMs.push(performance.now() - startedAt)
  }
  const uploadRatios = sequentialMs.map((ms, index) => ms / (insertMs[index] ?? Number.NaN))
  console.log(
    `\nA ${UPLOAD_BYTES / MB} MB upload through the API takes ${spread(uploadRatios, '×', 2)} the time of a raw INSERT of its bytes (${formatMs(percentile(insertMs, 50))}), upload by upload. Target: ≤ 4 MB growth per upload.\n`,
  )
}

async function downloadFigures(api: ApiProcess, world: World) {
  const id = world.fileId
  if (!id) throw new Error('no file to download')
  const url = `${api.url}/api/files/${id}`
  const headers = { cookie: world.cookie }
  await downloadDiscarding(url, headers, DOWNLOAD_BYTES)
  const stopMemory = await trackPeakMemoryOf(api.pid, async () => (await api.readUsage()).rssBytes)
  const startedAt = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () => downloadDiscarding(url, headers, DOWNLOAD_BYTES)),
  )
  const elapsed = performance.now() - startedAt
  const memory = await stopMemory()
  console.log('### Downloads (a freshly started API process)\n')
  row(['downloads', 'peak RSS growth', 'time for all'])
  row(['---', '---', '---'])
  row([
    `${CONCURRENCY} × ${DOWNLOAD_BYTES / MB} MB at once`,
    `${memory.peakGrowthMb.toFixed(1)} MB`,
    formatMs(elapsed),
  ])
  console.log('\nTarget: under 16 MB peak growth.\n')
}
