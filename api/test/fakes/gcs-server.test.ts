import { randomBytes } from 'node:crypto'
import { Storage } from '@google-cloud/storage'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { crc32cBase64, FakeGcsServer } from './gcs-server.js'

// The product's use of this fake is in test/recordings.test.ts; these check that the fake speaks
// the protocol the SDK and a browser expect, including the corners a correct client never reaches.

const BUCKET = 'fake-bucket'
const KIB_256 = 256 * 1024

let fake: FakeGcsServer
let storage: Storage

beforeAll(async () => {
  fake = await FakeGcsServer.start()
  storage = new Storage({
    apiEndpoint: fake.baseUrl,
    projectId: 'vantahire-test',
    credentials: {
      client_email: fake.serviceAccount.client_email,
      private_key: fake.serviceAccount.private_key,
    },
  })
})

afterAll(async () => {
  await fake.stop()
})

afterEach(() => fake.reset())

async function signedResumable(name: string, contentType = 'video/webm', expires = Date.now() + 60_000) {
  const [url] = await storage
    .bucket(BUCKET)
    .file(name)
    .getSignedUrl({ version: 'v4', action: 'resumable', expires, contentType })
  return url
}

async function openSession(name: string) {
  const response = await fetch(await signedResumable(name), {
    method: 'POST',
    headers: { 'x-goog-resumable': 'start', 'content-type': 'video/webm' },
  })
  expect(response.status, await response.clone().text()).toBe(201)
  return response.headers.get('location') as string
}

describe('the fake Cloud Storage server', () => {
  it('takes a chunked resumable upload from the SDK and serves it back with matching hashes', async () => {
    const data = randomBytes(KIB_256 * 2 + 1234)
    const file = storage.bucket(BUCKET).file('sdk/upload.bin')
    // The SDK checks the md5 and crc32c the fake reports against what it streamed, both ways.
    await file.save(data, { resumable: true, chunkSize: KIB_256, contentType: 'application/octet-stream' })
    expect(fake.uploadPuts().length).toBeGreaterThanOrEqual(3)
    const [metadata] = await file.getMetadata()
    expect(metadata.size).toBe(String(data.length))
    expect(metadata.crc32c).toBe(crc32cBase64(data))
    const [downloaded] = await file.download()
    expect(Buffer.compare(downloaded, data)).toBe(0)
  })

  it('takes the SDK’s simple (multipart) upload', async () => {
    const data = randomBytes(3000)
    const file = storage.bucket(BUCKET).file('sdk/simple.bin')
    await file.save(data, { resumable: false, contentType: 'application/pdf' })
    expect(fake.requests.some((request) => request.path.includes('uploadType=multipart'))).toBe(true)
    expect(fake.object(BUCKET, 'sdk/simple.bin')?.contentType).toBe('application/pdf')
    expect(Buffer.compare(fake.object(BUCKET, 'sdk/simple.bin')?.data ?? Buffer.alloc(0), data)).toBe(0)
  })

  it('fails PUTs when told to, and forgets expired sessions', async () => {
    const session = await openSession('signed/f.webm')
    fake.failNextPuts(1)
    const failed = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes */*' } })
    expect(failed.status).toBe(503)
    const status = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes */*' } })
    expect(status.status).toBe(308)
    expect(status.headers.get('range')).toBeNull()
    fake.expireSessions()
    const gone = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes */*' } })
    expect(gone.status).toBe(404)
  })

  it('computes CRC-32C as Google states it', () => {
    // The check value of CRC-32C (RFC 3720 B.4): "123456789" → 0xE3069283.
    expect(crc32cBase64(Buffer.from('123456789'))).toBe(Buffer.from('e3069283', 'hex').toString('base64'))
  })

  it('answers the JSON API’s 404 in Google’s error shape', async () => {
    const response = await fetch(
      `${fake.baseUrl}/storage/v1/b/${BUCKET}/o/${encodeURIComponent('missing/x')}`,
    )
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 404, errors: [{ reason: 'notFound' }] } })
  })

  it('opens a session through a V4 signed URL and reports progress with 308 and Range', async () => {
    const session = await openSession('signed/a.webm')
    const first = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': `bytes 0-${KIB_256 - 1}/*` },
      body: randomBytes(KIB_256),
    })
    expect(first.status).toBe(308)
    expect(first.headers.get('range')).toBe(`bytes=0-${KIB_256 - 1}`)
    const status = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes */*' } })
    expect(status.status).toBe(308)
    expect(status.headers.get('range')).toBe(`bytes=0-${KIB_256 - 1}`)
    const last = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${KIB_256}-${KIB_256 + 9}/${KIB_256 + 10}` },
      body: randomBytes(10),
    })
    expect(last.status).toBe(200)
    expect(await last.json()).toMatchObject({ name: 'signed/a.webm', size: String(KIB_256 + 10) })
    expect(fake.object(BUCKET, 'signed/a.webm')?.contentType).toBe('video/webm')
  })

  it('refuses a non-final chunk that is not a multiple of 256 KiB, and a chunk that skips bytes', async () => {
    const session = await openSession('signed/b.webm')
    const odd = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': 'bytes 0-99/*' },
      body: randomBytes(100),
    })
    expect(odd.status).toBe(400)
    const gap = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${KIB_256}-${2 * KIB_256 - 1}/*` },
      body: randomBytes(KIB_256),
    })
    expect(gap.status).toBe(400)
  })

  it('refuses a start whose Content-Type is not the signed one, and a tampered signature', async () => {
    const url = await signedResumable('signed/c.webm', 'video/webm')
    const wrongType = await fetch(url, {
      method: 'POST',
      headers: { 'x-goog-resumable': 'start', 'content-type': 'text/html' },
    })
    expect(wrongType.status).toBe(403)
    expect(await wrongType.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const otherObject = url.replace('signed/c.webm', 'signed/d.webm')
    const tampered = await fetch(otherObject, {
      method: 'POST',
      headers: { 'x-goog-resumable': 'start', 'content-type': 'video/webm' },
    })
    expect(tampered.status).toBe(403)
  })

  it('serves a signed read with ranges, and refuses it once expired', async () => {
    const data = randomBytes(5000)
    fake.putObject(BUCKET, 'signed/e.webm', data, 'video/webm')
    const [url] = await storage
      .bucket(BUCKET)
      .file('signed/e.webm')
      .getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + 60_000 })
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), data.subarray(100, 200))).toBe(0)
    fake.advanceClock(61_000)
    const expired = await fetch(url)
    expect(expired.status).toBe(400)
    expect(await expired.text()).toContain('<Code>ExpiredToken</Code>')
  })

  it('answers a CORS preflight for the upload headers', async () => {
    const response = await fetch(`${fake.baseUrl}/${BUCKET}/x.webm`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-range',
      },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(response.headers.get('access-control-allow-headers')).toBe('content-range')
    expect(response.headers.get('access-control-expose-headers')).toContain('range')
  })
})
