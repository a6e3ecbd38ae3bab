// Uploads stream into Postgres slice by slice over real HTTP: a large file comes back byte for byte,
// the limits and type checks hold as before, and nothing of a refused upload stays behind. A
// database of its own, so the table of slices in flight is this file's alone.
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { cleanAbandonedUploadsJob } from '../src/jobs/clean-abandoned-uploads.js'
import { type RunningServer, startServer } from '../src/server.js'
import { UPLOAD_SLICE_BYTES } from '../src/services/file-upload.js'
import { createInterviewWithLink } from './support/factories.js'
import { sampleFiles, uploadForm } from './support/file-fixtures.js'
import { APP_ORIGIN, TestClient, uniqueEmail } from './support/http.js'
import { createIsolatedTestServices } from './support/services.js'

const MB = 1024 * 1024
let services: Awaited<ReturnType<typeof createIsolatedTestServices>>
let server: RunningServer

beforeAll(async () => {
  services = await createIsolatedTestServices('uploads', {
    AUTH_DEV_LOGIN: 'true',
    FILE_QUOTA_RECRUITER_MB: '12',
  })
  server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})
afterAll(async () => {
  await server?.close()
  await services?.close()
})

async function signedInCookie(role: 'RECRUITER' | 'CANDIDATE' = 'CANDIDATE') {
  const client = new TestClient(createApp(services).app)
  const user = await client.signIn(uniqueEmail(role.toLowerCase()), role)
  return { user, cookie: `vh_session=${client.cookies.get('vh_session')}` }
}

async function upload(cookie: string, bytes: Uint8Array, category = 'RESUME') {
  const response = await fetch(`${server.url}/api/files`, {
    method: 'POST',
    headers: { cookie, origin: APP_ORIGIN },
    body: uploadForm({ category }, { bytes, filename: 'cv.pdf' }),
  })
  return { status: response.status, body: (await response.json()) as any }
}

const slicesInFlight = () => services.prisma.fileUploadChunk.count()
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('streamed uploads', () => {
  it('store a 9.5 MB file that downloads byte for byte, leaving no slice behind', async () => {
    const { cookie } = await signedInCookie()
    const bytes = sampleFiles.pdf(Math.floor(9.5 * MB))
    const uploaded = await upload(cookie, bytes)
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    expect(uploaded.body).toMatchObject({ size: bytes.length, mimeType: 'application/pdf' })

    const download = await fetch(`${server.url}/api/files/${uploaded.body.id}`, { headers: { cookie } })
    expect(download.status).toBe(200)
    const downloaded = new Uint8Array(await download.arrayBuffer())
    expect(downloaded.length).toBe(bytes.length)
    expect(sha256(downloaded)).toBe(sha256(bytes))
    expect(await slicesInFlight()).toBe(0)
  })

  it('keep the category limit exact: its size is accepted, one byte more is refused', async () => {
    const { cookie } = await signedInCookie('RECRUITER')
    const atLimit = await upload(cookie, sampleFiles.png(2 * MB), 'LOGO')
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201)
    expect(atLimit.body.size).toBe(2 * MB)

    const over = await upload(cookie, sampleFiles.png(2 * MB + 1), 'LOGO')
    expect(over.status).toBe(413)
    expect(over.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(await slicesInFlight()).toBe(0)
  })

  it('judge the type on the whole file, and delete the slices of a refused one', async () => {
    const { cookie } = await signedInCookie()
    // Text for many slices, then one control character: not plain text after all.
    const text = Buffer.alloc(3 * UPLOAD_SLICE_BYTES, 'plain words ')
    const spoiled = Buffer.concat([text, Buffer.from([0x01]), Buffer.from('more words')])
    const refused = await upload(cookie, spoiled)
    expect(refused.status).toBe(415)
    expect(await slicesInFlight()).toBe(0)

    const accepted = await upload(cookie, text)
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201)
    expect(accepted.body.mimeType).toBe('text/plain')
  })

  it('refuse random bytes of no known type', async () => {
    const { cookie } = await signedInCookie()
    const refused = await upload(cookie, randomBytes(2 * UPLOAD_SLICE_BYTES))
    expect(refused.status).toBe(415)
    expect(await slicesInFlight()).toBe(0)
  })

  it('let the quota decide exactly among large uploads of one account running at once', async () => {
    const { user, cookie } = await signedInCookie('RECRUITER')
    const { interview } = await createInterviewWithLink(services, { recruiterId: user.id })
    // A 12 MB quota: three 3.5 MB résumés fit, the fourth and fifth do not.
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const response = await fetch(`${server.url}/api/files?category=RESUME&interviewId=${interview.id}`, {
          method: 'POST',
          headers: { cookie, origin: APP_ORIGIN },
          body: uploadForm({}, { bytes: sampleFiles.pdf(Math.floor(3.5 * MB)), filename: 'cv.pdf' }),
        })
        return response.status
      }),
    )
    expect(answers.sort()).toEqual([201, 201, 201, 413, 413])
    const stored = await services.prisma.file.aggregate({
      where: { uploadedBy: user.id },
      _sum: { size: true },
    })
    expect(stored._sum.size).toBe(3 * Math.floor(3.5 * MB))
    expect(await slicesInFlight()).toBe(0)
  })

  it('clean up the slices an instance left behind when it stopped mid-upload', async () => {
    const old = new Date(Date.now() - 7 * 60 * 60_000)
    await services.prisma.fileUploadChunk.create({
      data: { uploadId: 'abandoned', seq: 0, data: Buffer.from('x'), createdAt: old },
    })
    await services.prisma.fileUploadChunk.create({
      data: { uploadId: 'running', seq: 0, data: Buffer.from('y') },
    })
    expect(await cleanAbandonedUploadsJob.run(services)).toEqual({ deleted: 1, failed: 0 })
    expect(await services.prisma.fileUploadChunk.findMany({ select: { uploadId: true } })).toEqual([
      { uploadId: 'running' },
    ])
    await services.prisma.fileUploadChunk.deleteMany({})
  })
})
