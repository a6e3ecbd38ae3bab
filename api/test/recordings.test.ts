import { randomBytes, randomUUID } from 'node:crypto'
import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../src/realtime/events.js'
import { type RunningServer, startServer } from '../src/server.js'
import { verifyInterviewEvidence } from '../src/services/evidence.js'
import { createInterviewLink } from '../src/services/interview-links.js'
import { FakeGcsServer } from './fakes/gcs-server.js'
import { APP_ORIGIN, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'
import { waitFor } from './support/wait.js'

/**
 * Interview recordings end to end over HTTP: the candidate's link gets a signed resumable upload
 * URL, the video goes to the fake Cloud Storage in chunks, the API checks and stores it, and the
 * recruiter plays it through a short-lived signed read URL.
 */
const BUCKET = 'vantahire-videos-test'
const KIB_256 = 256 * 1024

let gcs: FakeGcsServer
let stored: ReturnType<typeof createTestServices>
let unconfigured: ReturnType<typeof createTestServices>
let server: RunningServer
let plainServer: RunningServer

beforeAll(async () => {
  gcs = await FakeGcsServer.start()
  stored = createTestServices({
    AUTH_DEV_LOGIN: 'true',
    GCS_BUCKET_NAME: BUCKET,
    GCS_CREDENTIALS: gcs.credentialsJson,
    GCS_API_ENDPOINT: gcs.baseUrl,
  })
  unconfigured = createTestServices({ AUTH_DEV_LOGIN: 'true' })
  server = await startServer(stored, { port: 0, host: '127.0.0.1', isCronEnabled: false })
  plainServer = await startServer(unconfigured, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})

afterAll(async () => {
  await server.close()
  await plainServer.close()
  await stored.close()
  await unconfigured.close()
  await gcs.stop()
})

beforeEach(() => gcs.reset())

type Answer = { status: number; body: any }

async function call(
  base: RunningServer,
  path: string,
  init: { method?: string; json?: unknown; token?: string; cookie?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    origin: APP_ORIGIN,
    // Each call from its own address, so the link-guessing limit never joins in.
    'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  }
  if (init.token) headers['x-interview-token'] = init.token
  if (init.cookie) headers.cookie = init.cookie
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${base.url}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

async function signIn(base: RunningServer, role: 'RECRUITER' | 'ADMIN' = 'RECRUITER') {
  const response = await fetch(`${base.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ email: uniqueEmail(role.toLowerCase()), role }),
  })
  expect(response.status).toBe(200)
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  return { cookie, user: ((await response.json()) as { user: { id: string } }).user }
}

/** A recruiter's interview and a candidate link to it; `consent` gives consent and starts it. */
async function interviewWithLink(
  base: RunningServer,
  services: typeof stored,
  options: { recording?: boolean; start?: boolean } = {},
) {
  const recruiter = await signIn(base)
  const created = await call(base, '/api/interviews', {
    cookie: recruiter.cookie,
    json: { jobRole: 'Backend Engineer', candidateEmail: uniqueEmail('candidate'), questions: ['Why us?'] },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const interviewId = created.body.interview.id as string
  const link = await createInterviewLink(services.prisma, { frontendUrl: APP_ORIGIN, interviewId })
  if (options.start !== false) {
    const consent = await call(base, '/api/candidate/interview/consent', {
      token: link.token,
      json: { aiInterview: true, recording: options.recording ?? true },
    })
    expect(consent.status, JSON.stringify(consent.body)).toBe(200)
    const started = await call(base, '/api/candidate/interview/start', { token: link.token, json: {} })
    expect(started.status, JSON.stringify(started.body)).toBe(200)
  }
  return { recruiter, interviewId, token: link.token }
}

/** What the candidate's page does: open the session at the signed URL, then PUT the chunks. */
async function uploadInChunks(uploadUrl: string, contentType: string, chunks: Buffer[]) {
  const opened = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'x-goog-resumable': 'start', 'content-type': contentType, origin: APP_ORIGIN },
  })
  expect(opened.status, await opened.clone().text()).toBe(201)
  const session = opened.headers.get('location')
  expect(session).toBeTruthy()
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  const statuses: number[] = []
  let offset = 0
  for (const [index, chunk] of chunks.entries()) {
    const isLast = index === chunks.length - 1
    const response = await fetch(session as string, {
      method: 'PUT',
      headers: {
        'content-range': `bytes ${offset}-${offset + chunk.length - 1}/${isLast ? total : '*'}`,
        origin: APP_ORIGIN,
      },
      body: chunk,
    })
    statuses.push(response.status)
    if (!isLast) expect(response.headers.get('range')).toBe(`bytes=0-${offset + chunk.length - 1}`)
    offset += chunk.length
  }
  return statuses
}

describe('recording an interview into Cloud Storage', () => {
  it('uploads through the signed resumable URL in chunks, and the signed read URL returns the same bytes', async () => {
    const { recruiter, interviewId, token } = await interviewWithLink(server, stored)
    const overview = await call(server, '/api/candidate/interview', { token })
    expect(overview.body.interview.recording).toEqual({ available: true })
    // The page may reach the bucket's origin, and nothing else beyond its own.
    const csp = (await fetch(`${server.url}/health`)).headers.get('content-security-policy') ?? ''
    expect(csp).toContain(`connect-src 'self' ${gcs.baseUrl}`)
    expect(csp).toContain(`media-src 'self' blob: ${gcs.baseUrl}`)

    const upload = await call(server, '/api/candidate/interview/recording', { token, json: {} })
    expect(upload.status, JSON.stringify(upload.body)).toBe(201)
    expect(upload.body.objectKey).toMatch(new RegExp(`^recordings/${interviewId}/[0-9a-f-]{36}\\.webm$`))
    expect(upload.body.uploadUrl.startsWith(`${gcs.baseUrl}/${BUCKET}/recordings/`)).toBe(true)
    expect(upload.body.contentType).toBe('video/webm')
    expect(Date.parse(upload.body.expiresAt)).toBeGreaterThan(Date.now())

    const video = randomBytes(2 * KIB_256 + 12_345)
    const chunks = [
      video.subarray(0, KIB_256),
      video.subarray(KIB_256, 2 * KIB_256),
      video.subarray(2 * KIB_256),
    ]
    expect(await uploadInChunks(upload.body.uploadUrl, upload.body.contentType, chunks)).toEqual([
      308, 308, 200,
    ])

    // The candidate ends the interview before the upload is declared complete: still accepted.
    const ended = await call(server, '/api/candidate/interview/end', { token, json: { reason: 'done' } })
    expect(ended.status).toBe(200)
    const complete = await call(server, '/api/candidate/interview/recording/complete', {
      token,
      json: { objectKey: upload.body.objectKey },
    })
    expect(complete.status, JSON.stringify(complete.body)).toBe(200)
    expect(complete.body).toMatchObject({ objectKey: upload.body.objectKey, size: video.length })
    // Said twice (a retry after a lost answer): the same answer, and still one evidence record.
    const again = await call(server, '/api/candidate/interview/recording/complete', {
      token,
      json: { objectKey: upload.body.objectKey },
    })
    expect(again.status).toBe(200)
    const row = await stored.prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { recordingGcsKey: true },
    })
    expect(row.recordingGcsKey).toBe(upload.body.objectKey)

    const playback = await call(server, `/api/interviews/${interviewId}/recording`, {
      cookie: recruiter.cookie,
    })
    expect(playback.status, JSON.stringify(playback.body)).toBe(200)
    const expiresInMs = Date.parse(playback.body.expiresAt) - Date.now()
    expect(expiresInMs).toBeGreaterThan(5 * 60_000)
    expect(expiresInMs).toBeLessThanOrEqual(15 * 60_000)
    const played = await fetch(playback.body.url)
    expect(played.status).toBe(200)
    expect(played.headers.get('content-type')).toBe('video/webm')
    expect(Buffer.compare(Buffer.from(await played.arrayBuffer()), video)).toBe(0)
    // A video element asks for ranges as it plays and seeks.
    const seek = await fetch(playback.body.url, { headers: { range: 'bytes=300000-300099' } })
    expect(seek.status).toBe(206)
    expect(Buffer.compare(Buffer.from(await seek.arrayBuffer()), video.subarray(300_000, 300_100))).toBe(0)

    // The evidence log attests to the recording, and still verifies.
    const evidence = await verifyInterviewEvidence(stored, { interviewId })
    expect(evidence.valid).toBe(true)
    const records = await stored.prisma.interviewEvidence.findMany({
      where: { interviewId, kind: 'recording' },
    })
    expect(records.map((record) => record.payload)).toEqual([
      { objectKey: upload.body.objectKey, size: video.length, contentType: 'video/webm' },
    ])

    // Past its short life the read URL is refused by storage itself.
    gcs.advanceClock(16 * 60_000)
    const late = await fetch(playback.body.url)
    expect(late.status).toBe(400)
    expect(await late.text()).toContain('ExpiredToken')
  })

  it('tells the recruiter’s open page when the recording is stored', async () => {
    const { recruiter, interviewId, token } = await interviewWithLink(server, stored)
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: APP_ORIGIN, Cookie: recruiter.cookie },
      reconnection: false,
    })
    try {
      const events: EventEnvelope<'interview:recording'>[] = []
      socket.on('interview:recording', (envelope) => events.push(envelope))
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      const upload = await call(server, '/api/candidate/interview/recording', { token, json: {} })
      await uploadInChunks(upload.body.uploadUrl, upload.body.contentType, [randomBytes(1000)])
      const complete = await call(server, '/api/candidate/interview/recording/complete', {
        token,
        json: { objectKey: upload.body.objectKey },
      })
      expect(complete.status).toBe(200)
      await waitFor(() => events[0], 'interview:recording')
      expect(events[0]?.payload).toMatchObject({ interviewId, size: 1000 })
    } finally {
      socket.disconnect()
    }
  })

  it('refuses to complete an upload that has not finished, or a key that is not this interview’s', async () => {
    const { token } = await interviewWithLink(server, stored)
    const other = await interviewWithLink(server, stored)
    const upload = await call(server, '/api/candidate/interview/recording', { token, json: {} })
    const opened = await fetch(upload.body.uploadUrl, {
      method: 'POST',
      headers: { 'x-goog-resumable': 'start', 'content-type': 'video/webm' },
    })
    const session = opened.headers.get('location') as string
    const partial = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': `bytes 0-${KIB_256 - 1}/*` },
      body: randomBytes(KIB_256),
    })
    expect(partial.status).toBe(308)
    const early = await call(server, '/api/candidate/interview/recording/complete', {
      token,
      json: { objectKey: upload.body.objectKey },
    })
    expect(early.status).toBe(409)
    expect(early.body.error.details).toEqual({ reason: 'recording_not_uploaded' })

    // Another candidate cannot claim this interview's recording as theirs.
    const stolen = await call(server, '/api/candidate/interview/recording/complete', {
      token: other.token,
      json: { objectKey: upload.body.objectKey },
    })
    expect(stolen.status).toBe(400)
    expect(stolen.body.error.details).toEqual({ field: 'objectKey' })
    const invented = await call(server, '/api/candidate/interview/recording/complete', {
      token,
      json: { objectKey: '../../other-bucket/secret' },
    })
    expect(invented.status).toBe(400)
  })

  it('retries a storage hiccup, and answers 503 while storage stays unreachable', async () => {
    const { interviewId, token } = await interviewWithLink(server, stored)
    const upload = await call(server, '/api/candidate/interview/recording', { token, json: {} })
    await uploadInChunks(upload.body.uploadUrl, upload.body.contentType, [randomBytes(500)])
    const complete = () =>
      call(server, '/api/candidate/interview/recording/complete', {
        token,
        json: { objectKey: upload.body.objectKey },
      })

    // Storage failing past the SDK's few retries: a clear, retryable 503, and nothing stored.
    gcs.failNextJsonApi(10)
    const down = await complete()
    expect(down.status, JSON.stringify(down.body)).toBe(503)
    expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE')
    const row = await stored.prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { recordingGcsKey: true },
    })
    expect(row.recordingGcsKey).toBeNull()

    gcs.reset()
    gcs.putObject(BUCKET, upload.body.objectKey, randomBytes(500), 'video/webm')
    // One 503 is retried by the SDK, unseen by the candidate.
    gcs.failNextJsonApi(1)
    const recovered = await complete()
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200)
  })

  it('records nothing without the candidate’s consent, or outside the interview', async () => {
    const declined = await interviewWithLink(server, stored, { recording: false })
    const refused = await call(server, '/api/candidate/interview/recording', {
      token: declined.token,
      json: {},
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error.details).toEqual({ reason: 'recording_consent_required' })

    const pending = await interviewWithLink(server, stored, { start: false })
    const early = await call(server, '/api/candidate/interview/recording', { token: pending.token, json: {} })
    expect(early.status).toBe(409)
    expect(early.body.error.details).toMatchObject({ reason: 'interview_not_in_progress', status: 'PENDING' })

    const finished = await interviewWithLink(server, stored)
    await call(server, '/api/candidate/interview/end', { token: finished.token, json: { reason: 'done' } })
    const late = await call(server, '/api/candidate/interview/recording', { token: finished.token, json: {} })
    expect(late.status).toBe(409)
    expect(late.body.error.details).toMatchObject({
      reason: 'interview_not_in_progress',
      status: 'COMPLETED',
    })
  })

  it('plays a recording only for its recruiter and admins, and says when there is none', async () => {
    const { recruiter, interviewId } = await interviewWithLink(server, stored)
    const none = await call(server, `/api/interviews/${interviewId}/recording`, { cookie: recruiter.cookie })
    expect(none.status).toBe(404)
    expect(none.body.error.details).toEqual({ reason: 'no_recording' })

    const key = `recordings/${interviewId}/${randomUUID()}.webm`
    await stored.prisma.interview.update({ where: { id: interviewId }, data: { recordingGcsKey: key } })
    gcs.putObject(BUCKET, key, randomBytes(100), 'video/webm')

    const stranger = await signIn(server)
    const refused = await call(server, `/api/interviews/${interviewId}/recording`, {
      cookie: stranger.cookie,
    })
    expect(refused.status).toBe(404)
    const anonymous = await call(server, `/api/interviews/${interviewId}/recording`)
    expect(anonymous.status).toBe(401)
    const admin = await signIn(server, 'ADMIN')
    const asAdmin = await call(server, `/api/interviews/${interviewId}/recording`, { cookie: admin.cookie })
    expect(asAdmin.status).toBe(200)
    expect((await fetch(asAdmin.body.url)).status).toBe(200)
  })
})

describe('without Cloud Storage configured', () => {
  it('tells the candidate’s page recording is off, and refuses uploads and playback clearly', async () => {
    const { recruiter, interviewId, token } = await interviewWithLink(plainServer, unconfigured)
    const overview = await call(plainServer, '/api/candidate/interview', { token })
    expect(overview.body.interview.recording).toEqual({ available: false })

    const upload = await call(plainServer, '/api/candidate/interview/recording', { token, json: {} })
    expect(upload.status).toBe(409)
    expect(upload.body.error).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'recording_not_configured' },
    })
    const complete = await call(plainServer, '/api/candidate/interview/recording/complete', {
      token,
      json: { objectKey: `recordings/${interviewId}/${randomUUID()}.webm` },
    })
    expect(complete.status).toBe(409)
    const playback = await call(plainServer, `/api/interviews/${interviewId}/recording`, {
      cookie: recruiter.cookie,
    })
    expect(playback.status).toBe(409)
    expect(playback.body.error.details).toEqual({ reason: 'recording_not_configured' })
  })
})
