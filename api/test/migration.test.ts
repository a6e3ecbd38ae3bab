import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExport } from '../scripts/migration/export.js'
import { paths } from '../scripts/migration/layout.js'
import { runLinks } from '../scripts/migration/links.js'
import { runLoad } from '../scripts/migration/load.js'
import { readNdjson } from '../scripts/migration/ndjson.js'
import { buildLegacyFixture, type LegacyFixture } from '../scripts/migration/rehearsal-fixture.js'
import { runTransform } from '../scripts/migration/transform.js'
import { runVerify } from '../scripts/migration/verify.js'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/infra/config.js'
import { API_ROOT, dropDatabase, ensureDatabase, withDatabase } from '../src/infra/migrations.js'
import { createGcsObjectStorage, type ObjectStorage } from '../src/providers/object-storage.js'
import { FakeGcsServer } from './fakes/gcs-server.js'
import { FakeOidcProvider, type FakeProviderName } from './fakes/oidc-provider.js'
import { FakeS3Server } from './fakes/s3-server.js'
import { createRedisKeyPrefix, createTestDatabase } from './support/database.js'
import { TestClient } from './support/http.js'
import { createTestServices } from './support/services.js'

/**
 * The data migration end to end: a realistic old system (its own Postgres database with the old
 * tables, and a bucket folder) goes through export → transform → load → links → verify into a fresh
 * database; the migrated recruiter and candidate then sign in with Google and LinkedIn and find what
 * they had; a second run changes nothing; the rejects file lists exactly the rows that cannot be mapped.
 */
const BUCKET = 'vantahire-videos-migration'
const APP = 'http://localhost:5173'

let sourceUrl: string
let target: Awaited<ReturnType<typeof createTestDatabase>>
let workDir: string
let gcs: FakeGcsServer
let storage: ObjectStorage
let oidc: FakeOidcProvider
let fixture: LegacyFixture

beforeAll(async () => {
  const server = loadConfig({ ...process.env, NODE_ENV: 'test' }).DATABASE_URL
  sourceUrl = withDatabase(server, `vantahire_legacy_${randomBytes(4).toString('hex')}`)
  await ensureDatabase(sourceUrl)
  target = await createTestDatabase('migration')
  workDir = await mkdtemp(join(tmpdir(), 'vantahire-migration-test-'))
  gcs = await FakeGcsServer.start()
  storage = createGcsObjectStorage({
    bucket: BUCKET,
    credentials: gcs.serviceAccount,
    apiEndpoint: gcs.baseUrl,
  })
  oidc = await FakeOidcProvider.start()
  fixture = await buildLegacyFixture({ sourceUrl, bucketsDir: join(workDir, 'buckets') })
})

afterAll(async () => {
  await dropDatabase(sourceUrl)
  await target.drop()
  await rm(workDir, { recursive: true, force: true })
  await gcs.stop()
  await oidc.stop()
})

async function runAll() {
  const dir = join(workDir, 'export')
  const common = { dir, quiet: true }
  const exported = await runExport({
    sourceUrl,
    bucketsDir: join(workDir, 'buckets'),
    outDir: dir,
    quiet: true,
  })
  const transformed = await runTransform(common)
  const loaded = await runLoad({ ...common, targetUrl: target.databaseUrl, storage })
  const linked = await runLinks({ ...common, targetUrl: target.databaseUrl, frontendUrl: APP })
  const verified = await runVerify({ ...common, targetUrl: target.databaseUrl, sourceUrl, storage })
  return { dir, exported, transformed, loaded, linked, verified }
}

describe('migration from the old platform', () => {
  let first: Awaited<ReturnType<typeof runAll>>

  it('reports in a dry run what each step would do, and writes nothing', async () => {
    const dir = join(workDir, 'dry-run')
    const exported = await runExport({
      sourceUrl,
      bucketsDir: join(workDir, 'buckets'),
      outDir: dir,
      dryRun: true,
      quiet: true,
    })
    expect(exported.tables.interview_messages).toBeGreaterThan(100)
    expect(exported.files['company-logos']?.files).toBeGreaterThan(0)
    await expect(readFile(paths(dir).exportReport, 'utf8')).rejects.toThrow(/ENOENT/)

    // A real export to try the later steps' dry runs on.
    await runExport({ sourceUrl, bucketsDir: join(workDir, 'buckets'), outDir: dir, quiet: true })
    const transformed = await runTransform({ dir, dryRun: true, quiet: true })
    expect(transformed.rejects).toBe(fixture.expectedRejects.length)
    await expect(readFile(paths(dir).rejects, 'utf8')).rejects.toThrow(/ENOENT/)
    await runTransform({ dir, quiet: true })
    const loaded = await runLoad({ dir, targetUrl: target.databaseUrl, storage, dryRun: true, quiet: true })
    expect(loaded.models.InterviewMessage?.inserted).toBeGreaterThan(100)
    expect(loaded.recordings.uploaded).toBe(0)
    const linked = await runLinks({
      dir,
      targetUrl: target.databaseUrl,
      frontendUrl: APP,
      dryRun: true,
      quiet: true,
    })
    // Nothing was loaded, so no interview is there to link.
    expect(linked.pending).toBe(0)

    const services = createTestServices({
      DATABASE_URL: target.databaseUrl,
      REDIS_KEY_PREFIX: createRedisKeyPrefix('migration-dry'),
    })
    try {
      expect(await services.prisma.user.count()).toBe(0)
      expect(await services.prisma.interviewMessage.count()).toBe(0)
      expect(await services.prisma.file.count()).toBe(0)
    } finally {
      await services.close()
    }
    expect(gcs.requests.filter((request) => request.method === 'POST')).toEqual([])
  })

  it('moves every mappable row and object, rejects exactly the unmappable ones, and verifies', async () => {
    first = await runAll()
    expect(first.verified.mismatches).toEqual([])
    expect(Object.keys(first.exported.tables)).toHaveLength(14)
    expect(first.loaded.changes).toBeGreaterThan(fixture.rows / 2)
    expect(first.loaded.recordings.uploaded).toBeGreaterThan(0)

    const rejects: string[] = []
    for await (const reject of readNdjson<{ table: string; id: string; reason: string }>(
      paths(first.dir).rejects,
    )) {
      expect(reject.reason).not.toBe('')
      rejects.push(`${reject.table} ${reject.id}`)
    }
    expect(rejects.sort()).toEqual(
      fixture.expectedRejects.map((reject) => `${reject.table} ${reject.id}`).sort(),
    )

    expect(first.linked.created).toBe(fixture.pendingInterviews)
    const csv = (await readFile(paths(first.dir).reinvites, 'utf8')).trim().split('\n')
    expect(csv).toHaveLength(fixture.pendingInterviews + 1)
    expect(csv[1]).toMatch(
      new RegExp(`^[0-9a-f-]{36},candidate\\d+@mail\\.example,.*,${APP}/interview/[A-Za-z0-9_-]{32},`),
    )
  })

  it('changes nothing when run again, and says so', async () => {
    const second = await runAll()
    expect(second.loaded.changes).toBe(0)
    expect(Object.values(second.loaded.models).every((counts) => counts.inserted === 0)).toBe(true)
    expect(second.loaded.recordings.uploaded).toBe(0)
    expect(second.linked.created).toBe(0)
    expect(second.linked.reinvites).toBe(fixture.pendingInterviews)
    expect(second.verified.mismatches).toEqual([])
  })

  it('finds a changed row through verify and exits with a mismatch', async () => {
    const services = createTestServices({
      DATABASE_URL: target.databaseUrl,
      REDIS_KEY_PREFIX: createRedisKeyPrefix('migration-verify'),
    })
    try {
      const message = await services.prisma.interviewMessage.findFirstOrThrow({
        where: { interview: { recruiterId: fixture.recruiter.id } },
      })
      await services.prisma.interviewMessage.delete({ where: { id: message.id } })
      const verified = await runVerify({
        dir: first.dir,
        quiet: true,
        targetUrl: target.databaseUrl,
        storage,
      })
      expect(verified.mismatches).toContainEqual(
        expect.objectContaining({ check: 'count', subject: 'InterviewMessage' }),
      )
      // Loading again puts the missing row back: the load is the repair.
      const reloaded = await runLoad({ dir: first.dir, quiet: true, targetUrl: target.databaseUrl, storage })
      expect(reloaded.changes).toBe(1)
      expect(
        (await runVerify({ dir: first.dir, quiet: true, targetUrl: target.databaseUrl, storage })).mismatches,
      ).toEqual([])
    } finally {
      await services.close()
    }
  })

  describe('as the migrated people see it', () => {
    let services: ReturnType<typeof createTestServices>
    let app: ReturnType<typeof createApp>['app']

    beforeAll(() => {
      services = createTestServices({
        DATABASE_URL: target.databaseUrl,
        REDIS_KEY_PREFIX: createRedisKeyPrefix('migration'),
        GCS_BUCKET_NAME: BUCKET,
        GCS_CREDENTIALS: gcs.credentialsJson,
        GCS_API_ENDPOINT: gcs.baseUrl,
        GOOGLE_CLIENT_ID: oidc.clients.google.clientId,
        GOOGLE_CLIENT_SECRET: oidc.clients.google.clientSecret,
        GOOGLE_ISSUER: oidc.issuer('google'),
        LINKEDIN_CLIENT_ID: oidc.clients.linkedin.clientId,
        LINKEDIN_CLIENT_SECRET: oidc.clients.linkedin.clientSecret,
        LINKEDIN_ISSUER: oidc.issuer('linkedin'),
      })
      app = createApp(services).app
    })
    afterAll(() => services.close())

    async function signIn(provider: FakeProviderName, email: string) {
      oidc.setUser(provider, {
        sub: `${provider}-${randomBytes(4).toString('hex')}`,
        email,
        emailVerified: true,
        name: 'Someone',
      })
      const client = new TestClient(app)
      const start = await client.request(`/api/auth/${provider}`)
      expect(start.status).toBe(302)
      const atProvider = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' })
      const callback = new URL(atProvider.headers.get('location') ?? '')
      const done = await client.request(callback.pathname + callback.search)
      expect(done.status, JSON.stringify(done.body)).toBe(302)
      return client
    }

    it('the recruiter signs in with Google as the same person and finds interviews, transcripts, jobs, logo, recording and API keys', async () => {
      const client = await signIn('google', fixture.recruiter.email)
      const me = await client.request('/api/auth/me')
      expect(me.body.user).toMatchObject({
        id: fixture.recruiter.id,
        role: 'RECRUITER',
        email: fixture.recruiter.email,
      })

      const interviews = await client.request('/api/interviews?limit=50')
      expect(interviews.status, JSON.stringify(interviews.body)).toBe(200)
      expect(interviews.body.items).toHaveLength(fixture.recruiter.interviews)
      const pending = interviews.body.items.filter((item: { status: string }) => item.status === 'PENDING')
      expect(pending.length).toBeGreaterThan(0)

      const results = await client.request(
        `/api/interviews/${fixture.recruiter.completedInterviewId}/results`,
      )
      expect(results.status, JSON.stringify(results.body)).toBe(200)
      const transcript = JSON.stringify(results.body)
      for (const content of fixture.recruiter.completedMessages)
        expect(transcript).toContain(JSON.stringify(content).slice(1, -1))
      expect(transcript).toContain('très bien')

      const jobs = await client.request('/api/jobs')
      expect(jobs.status).toBe(200)
      expect(JSON.stringify(jobs.body)).toContain('Ingénieur logiciel #0')

      const profile = await client.request('/api/users/me/recruiter-profile')
      expect(profile.status, JSON.stringify(profile.body)).toBe(200)
      const logoFileId = JSON.stringify(profile.body).match(/"logoFileId":"([0-9a-f-]{36})"/)?.[1]
      expect(logoFileId).toBeDefined()
      expect(JSON.stringify(profile.body)).toContain('Société Générale Ü')
      const logo = await app.request(`/api/files/${logoFileId}`, {
        headers: { cookie: `vh_session=${client.cookies.get('vh_session')}` },
      })
      expect(logo.status).toBe(200)
      expect(Buffer.from(await logo.arrayBuffer()).equals(fixture.recruiter.logo)).toBe(true)

      const recording = await client.request(
        `/api/interviews/${fixture.recruiter.completedInterviewId}/recording`,
      )
      expect(recording.status, JSON.stringify(recording.body)).toBe(200)
      const video = await fetch(recording.body.url)
      expect(video.status).toBe(200)
      expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(2048)

      const keys = await client.request('/api/api-keys')
      expect(keys.status).toBe(200)
      expect(JSON.stringify(keys.body)).toContain('Intégration 0')
    })

    it('the candidate signs in with LinkedIn as the same person and finds their applications and résumé', async () => {
      const client = await signIn('linkedin', fixture.candidate.email)
      const me = await client.request('/api/auth/me')
      expect(me.body.user).toMatchObject({ id: fixture.candidate.id, role: 'CANDIDATE' })

      const applications = await client.request('/api/applications/mine')
      expect(applications.status, JSON.stringify(applications.body)).toBe(200)
      expect(applications.body.items).toHaveLength(fixture.candidate.applications)
      expect(JSON.stringify(applications.body)).toContain('Sehr geehrte Damen und Herren')

      const profile = await client.request('/api/users/me/candidate-profile')
      expect(profile.status, JSON.stringify(profile.body)).toBe(200)
      const resumeFileId = JSON.stringify(profile.body).match(/"resumeFileId":"([0-9a-f-]{36})"/)?.[1]
      expect(resumeFileId).toBeDefined()
      const resume = await app.request(`/api/files/${resumeFileId}`, {
        headers: { cookie: `vh_session=${client.cookies.get('vh_session')}` },
      })
      expect(resume.status).toBe(200)
      expect(Buffer.from(await resume.arrayBuffer()).equals(fixture.candidate.resume)).toBe(true)

      // Their pending interview, linked again by the links step, is on their home page.
      const interviews = await client.request('/api/users/me/interviews')
      expect(interviews.status, JSON.stringify(interviews.body)).toBe(200)
      expect(JSON.stringify(interviews.body)).toContain('Rôle 0')
    })
  })
})

describe('reading the buckets from an S3-compatible endpoint', () => {
  it('exports the same objects, byte for byte, as from a folder, and a wrong key is refused', async () => {
    const s3 = await FakeS3Server.start({ root: join(workDir, 'buckets'), pageSize: 7 })
    try {
      const dir = join(workDir, 'export-s3')
      const source = { endpoint: s3.endpoint, ...s3.credentials }
      const exported = await runExport({ sourceUrl, s3: source, outDir: dir, quiet: true })
      expect(Object.values(exported.files).reduce((sum, bucket) => sum + bucket.files, 0)).toBe(fixture.files)
      const listed = async (folder: string) => {
        const objects: string[] = []
        for await (const object of readNdjson<{ bucket: string; path: string; size: number; sha256: string }>(
          paths(folder).files,
        ))
          objects.push(`${object.bucket}/${object.path} ${object.size} ${object.sha256}`)
        return objects.sort()
      }
      expect(await listed(dir)).toEqual(await listed(join(workDir, 'export')))
      // Pages of 7: the listing followed its continuation tokens.
      expect(
        s3.requests.filter((request) => request.path.includes('continuation-token')).length,
      ).toBeGreaterThan(2)

      await expect(
        runExport({
          sourceUrl,
          s3: { ...source, secretAccessKey: 'wrong' },
          outDir: join(workDir, 'export-s3-wrong'),
          quiet: true,
        }),
      ).rejects.toThrow(/403 SignatureDoesNotMatch/)
    } finally {
      await s3.stop()
    }
  })
})

describe('an old account whose email already has a new account', () => {
  it('stops the load before anything of that account moves, and lists it for a merge', async () => {
    const other = await createTestDatabase('migration-conflict')
    const services = createTestServices({
      DATABASE_URL: other.databaseUrl,
      REDIS_KEY_PREFIX: createRedisKeyPrefix('migration-conflict'),
    })
    try {
      await services.prisma.user.create({
        data: {
          email: fixture.recruiter.email,
          role: 'RECRUITER',
          provider: 'google',
          providerId: 'google-sub-1',
        },
      })
      const dir = join(workDir, 'export')
      await expect(runLoad({ dir, targetUrl: other.databaseUrl, storage, quiet: true })).rejects.toThrow(
        /1 old account\(s\) have an email that already belongs to an account of the new system/,
      )
      const conflicts: { id: string; email: string }[] = []
      for await (const conflict of readNdjson<{ id: string; email: string }>(
        join(dir, 'load-conflicts.ndjson'),
      ))
        conflicts.push(conflict)
      expect(conflicts).toEqual([
        expect.objectContaining({ id: fixture.recruiter.id, email: fixture.recruiter.email }),
      ])
      expect(await services.prisma.interview.count()).toBe(0)
    } finally {
      await services.close()
      await other.drop()
    }
  })
})

describe('the migration commands', () => {
  const run = (script: string, args: string[]) =>
    promisify(execFile)(
      join(API_ROOT, 'node_modules/.bin/tsx'),
      [`scripts/migration/${script}.ts`, ...args],
      { cwd: API_ROOT, env: { ...process.env, DATABASE_URL: '' } },
    ).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    )

  it('explain themselves with --help and refuse unknown flags and missing connections', async () => {
    const help = await run('load', ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: npm run migrate:load')
    expect(help.stdout).toContain('--dry-run')
    expect(help.stdout).toContain('env DATABASE_URL')
    const unknown = await run('verify', ['--bogus'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--bogus'")
    const missing = await run('links', ['--frontend-url', APP])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--target is required (or set DATABASE_URL)')
  })
})
