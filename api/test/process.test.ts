import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { PrismaClient } from '../src/generated/prisma/client.js'
import { API_ROOT } from '../src/lib/migrations.js'
import { waitUntilReady } from './support/http.js'
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
