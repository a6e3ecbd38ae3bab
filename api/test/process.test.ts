import { type ChildProcess, spawn } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { PrismaClient } from '../src/generated/prisma/client.js'
import { API_ROOT } from '../src/infra/migrations.js'
import { createSignInSession } from '../src/services/sign-in-sessions.js'
import { createUser } from './support/factories.js'
import { sampleFiles } from './support/file-fixtures.js'
import { APP_ORIGIN, waitUntilReady } from './support/http.js'
import { createTestServices } from './support/services.js'
import { TcpProxy } from './support/tcp-proxy.js'

type Exited = { code: number | null; stdout: string; stderr: string }

/** Runs a TypeScript entry point of the API as its own process, the way npm scripts do. */
function run(
  entry: string,
  env: Record<string, string>,
): { child: ChildProcess; exited: Promise<Exited>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(API_ROOT, entry)], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => (stdout += chunk))
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<Exited>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  )
  return { child, exited, output: () => stdout }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the API process', () => {
  it('refuses to start with a malformed DATABASE_URL, naming it', async () => {
    const { exited } = run('src/index.ts', { DATABASE_URL: 'nonsense' })
    const { code, stderr } = await exited
    expect(code).toBe(1)
    expect(stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL')
  })

  it('refuses to start in production with development secrets', async () => {
    const { exited } = run('src/index.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: 'redis://127.0.0.1:6379',
      APP_SECRET: 'development-only-secret-do-not-use-in-production',
    })
    const { code, stderr } = await exited
    expect(code).toBe(1)
    expect(stderr).toContain('APP_SECRET is the development secret')
  })

  describe('on SIGTERM during a slow request', () => {
    const databaseUrl = new URL(inject('databaseUrl'))
    const slowPostgres = new TcpProxy(databaseUrl.hostname, Number(databaseUrl.port || 5432))
    afterAll(() => slowPostgres.stop())

    it('finishes the request, then exits 0', async () => {
      databaseUrl.port = String(await slowPostgres.start())
      // Port 0: the process picks a free port and logs it, so no other test can take it in between.
      const api = run('src/index.ts', {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl.toString(),
        REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
      })
      await waitFor(() => api.output().includes('VantaHire API listening'), 'the API to listen')
      const port = /"port":(\d+)/.exec(api.output())?.[1]
      const base = `http://127.0.0.1:${port}`
      await waitUntilReady(base)

      slowPostgres.latencyMs = 400
      const inFlight = fetch(`${base}/ready`).then(async (response) => ({
        status: response.status,
        body: await response.json(),
      }))
      await new Promise((resolve) => setTimeout(resolve, 150))
      api.child.kill('SIGTERM')

      expect(await inFlight).toEqual({
        status: 200,
        body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } },
      })
      const { code, stdout } = await api.exited
      expect(code, stdout).toBe(0)
      expect(stdout).toContain('shutdown complete')
    })
  })

  describe('on SIGTERM under load', () => {
    const services = createTestServices()
    afterAll(() => services.close())

    it('finishes 40 slow uploads with their answers, refuses new connections, closes idle ones, then exits 0', async () => {
      const api = run('src/index.ts', {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
        // Generous, so that a loaded machine does not turn slow uploads into cut ones.
        SHUTDOWN_TIMEOUT_MS: '20000',
      })
      await waitFor(() => api.output().includes('VantaHire API listening'), 'the API to listen')
      const port = Number(/"port":(\d+)/.exec(api.output())?.[1])
      await waitUntilReady(`http://127.0.0.1:${port}`)
      const user = await createUser(services)
      const { token } = await createSignInSession(
        { redis: services.redis },
        { userId: user.id, role: 'RECRUITER' },
      )

      const idle = await openIdleConnection(port)
      // Headers half sent when the signal lands: the request arrives on its connection during draining.
      const late = connect(port, '127.0.0.1')
      const lateAnswer = readUntilClosed(late)
      late.write('GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\n')

      const agent = new Agent({ keepAlive: true, maxSockets: 64 })
      const uploads = Array.from({ length: 40 }, (_, index) =>
        sendSlowUpload({ port, agent, cookie: `vh_session=${token}`, index }),
      )
      await Promise.all(uploads.map((upload) => upload.started))
      let answeredCount = 0
      for (const upload of uploads)
        void upload.answer.then(
          () => answeredCount++,
          () => undefined,
        )
      api.child.kill('SIGTERM')

      await waitFor(() => idle.isClosed, 'the idle keep-alive connection to close', 5_000)
      const refusal = await waitForRefusal(port)
      expect(refusal).toBe('ECONNREFUSED')
      // Each upload takes seconds more to arrive: new connections are refused while they still run.
      expect(answeredCount).toBe(0)
      late.write('\r\n')

      const answers = await Promise.all(uploads.map((upload) => upload.answer))
      expect(answers).toEqual(
        answers.map((_, index) => ({
          status: 201,
          connection: 'close',
          body: {
            id: expect.any(String),
            name: `logo-${index}.png`,
            mimeType: 'image/png',
            size: SLOW_UPLOAD_BYTES,
            category: 'LOGO',
          },
        })),
      )
      const stored = await services.prisma.file.count({
        where: { id: { in: answers.map((answer) => answer.body.id) } },
      })
      expect(stored).toBe(40)

      const draining = parseResponse(await lateAnswer)
      expect(draining.status, draining.raw).toBe(503)
      expect(draining.headers.connection).toBe('close')
      expect(JSON.parse(draining.body).error.message).toBe('This instance is shutting down')

      const { code, stdout } = await api.exited
      expect(code, stdout).toBe(0)
      expect(stdout).toContain('shutdown complete')
      agent.destroy()
    })
  })

  it('db:seed loads an admin, a recruiter with an approved job, a candidate and a pending interview with a working link', async () => {
    const databaseUrl = inject('databaseUrl')
    const seed = run('prisma/seed.ts', {
      DATABASE_URL: databaseUrl,
      FRONTEND_URL: 'https://app.vantahire.test',
    })
    const { code, stdout, stderr } = await seed.exited
    expect(code, stderr).toBe(0)

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) })
    try {
      const users = await prisma.user.findMany({
        where: {
          email: { in: ['admin@vantahire.test', 'candidate@vantahire.test', 'recruiter@vantahire.test'] },
        },
        select: { email: true, role: true },
        orderBy: { email: 'asc' },
      })
      expect(users).toEqual([
        { email: 'admin@vantahire.test', role: 'ADMIN' },
        { email: 'candidate@vantahire.test', role: 'CANDIDATE' },
        { email: 'recruiter@vantahire.test', role: 'RECRUITER' },
      ])
      const job = await prisma.job.findFirstOrThrow({
        where: { recruiter: { email: 'recruiter@vantahire.test' } },
        select: {
          status: true,
          approvalStatus: true,
          recruiter: { select: { recruiterProfile: { select: { companyName: true } } } },
        },
      })
      expect(job).toEqual({
        status: 'ACTIVE',
        approvalStatus: 'APPROVED',
        recruiter: { recruiterProfile: { companyName: 'Northwind Labs' } },
      })

      const interview = await prisma.interview.findFirstOrThrow({
        where: { candidateEmail: 'candidate@vantahire.test' },
        select: {
          status: true,
          interviewUrl: true,
          sessions: { select: { token: true, expiresAt: true, revokedAt: true } },
        },
      })
      expect(interview.status).toBe('PENDING')
      const [session] = interview.sessions
      expect(session?.revokedAt).toBeNull()
      expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now())
      expect(interview.interviewUrl).toBe(`https://app.vantahire.test/interview/${session!.token}`)
      expect(stdout).toContain(interview.interviewUrl)
    } finally {
      await prisma.$disconnect()
    }
  })
})

const SLOW_UPLOAD_BYTES = 96 * 1024
const SLOW_UPLOAD_SLICES = 12
const SLOW_UPLOAD_PAUSE_MS = 200

type UploadAnswer = { status: number; connection: string | undefined; body: any }

/** A logo upload whose body trickles in over a few seconds, on a keep-alive connection of its own. */
function sendSlowUpload(options: { port: number; agent: Agent; cookie: string; index: number }) {
  const boundary = `slow-upload-${options.index}`
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nLOGO\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo-${options.index}.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    sampleFiles.png(SLOW_UPLOAD_BYTES),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const request = httpRequest({
    host: '127.0.0.1',
    port: options.port,
    method: 'POST',
    path: '/api/files',
    agent: options.agent,
    headers: {
      origin: APP_ORIGIN,
      cookie: options.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.length),
      // The server's 100 Continue says it has read the request's head: from then on the request is
      // in flight on the server, not merely queued in the kernel, whatever the machine's load.
      expect: '100-continue',
    },
  })
  const isContinued = new Promise<void>((resolve) => request.once('continue', () => resolve()))
  request.flushHeaders()
  const answer = new Promise<UploadAnswer>((resolve, reject) => {
    request.on('error', reject)
    request.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('error', reject)
      response.on('end', () => {
        let parsed: unknown = text
        try {
          parsed = JSON.parse(text)
        } catch {}
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: parsed })
      })
    })
  })
  const started = (async () => {
    await isContinued
    const sliceBytes = Math.ceil(body.length / SLOW_UPLOAD_SLICES)
    await new Promise<void>((resolve) => request.write(body.subarray(0, sliceBytes), () => resolve()))
    void (async () => {
      for (let offset = sliceBytes; offset < body.length; offset += sliceBytes) {
        await new Promise((resolve) => setTimeout(resolve, SLOW_UPLOAD_PAUSE_MS))
        if (request.destroyed) return
        request.write(body.subarray(offset, offset + sliceBytes))
      }
      request.end()
    })()
  })()
  return { started, answer }
}

/** A keep-alive connection that has had its answer and now waits for the next request. */
async function openIdleConnection(port: number): Promise<{ isClosed: boolean }> {
  const socket = connect(port, '127.0.0.1')
  const state = { isClosed: false }
  socket.on('close', () => (state.isClosed = true))
  socket.on('error', () => undefined)
  await new Promise<void>((resolve) => {
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      if (received.includes('{"status":"ok"}')) resolve()
    })
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  })
  return state
}

/** Everything the server sends on `socket` until it closes the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = ''
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(received))
  })
}

function parseResponse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
    }),
  )
  return { status: Number(statusLine.split(' ')[1]), headers, body, raw }
}

/** Tries new connections until one is refused; returns the error code of that refusal. */
async function waitForRefusal(port: number, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    })
    if (outcome !== 'connected' || Date.now() > deadline) return outcome
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
