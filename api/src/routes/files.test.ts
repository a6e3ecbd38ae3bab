import { createHash } from 'node:crypto'
import type { Server } from 'node:http'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createApiKey,
  createInterviewWithLink,
  createJobApplication,
  createUser,
  readFile,
  setApplicationResume,
} from '../../test/support/factories.js'
import { sampleFiles, uploadForm } from '../../test/support/file-fixtures.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })

const { app } = createApp(services)
afterAll(() => services.close())

type Category = 'LOGO' | 'RESUME' | 'SCREENSHOT' | 'DOCUMENT'

/** Everyone the rules name: a recruiter with an interview (and its link) and a job with an application. */
async function createCast() {
  const recruiter = new TestClient(app)
  const recruiterUser = await recruiter.signIn(uniqueEmail('recruiter'))
  const otherRecruiter = new TestClient(app)
  await otherRecruiter.signIn(uniqueEmail('recruiter'))
  const admin = new TestClient(app)
  await admin.signIn(uniqueEmail('admin'), 'ADMIN')
  const candidate = new TestClient(app)
  const candidateUser = await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
  const otherCandidate = new TestClient(app)
  await otherCandidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
  const anonymous = new TestClient(app)
  const { interview, link } = await createInterviewWithLink(services, {
    recruiterId: recruiterUser.id,
  })
  const otherInterview = await createInterviewWithLink(services, {
    recruiterId: (await createUser(services)).id,
  })
  const application = await createJobApplication(services, {
    recruiterId: recruiterUser.id,
    candidateId: candidateUser.id,
  })
  return {
    recruiter,
    recruiterUser,
    otherRecruiter,
    admin,
    candidate,
    candidateUser,
    otherCandidate,
    anonymous,
    interview,
    token: link.token,
    otherToken: otherInterview.link.token,
    application,
  }
}

type Cast = Awaited<ReturnType<typeof createCast>>

async function upload(
  client: TestClient,
  options: {
    category?: Category
    bytes?: Uint8Array
    filename?: string
    interviewId?: string
    jobApplicationId?: string
    token?: string
  },
) {
  const form = uploadForm(
    {
      category: options.category,
      interviewId: options.interviewId,
      jobApplicationId: options.jobApplicationId,
    },
    { bytes: options.bytes ?? sampleFiles.pdf(), filename: options.filename ?? 'file.bin' },
  )
  return client.request('/api/files', {
    method: 'POST',
    body: form,
    headers: options.token ? { 'x-interview-token': options.token } : {},
  })
}

/** A download with its exact bytes (the test client reads text). */
async function download(client: TestClient, path: string, headers: Record<string, string> = {}) {
  const all = new Headers(headers)
  if (client.cookies.size > 0) {
    all.set('cookie', [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
  }
  const response = await app.request(path, { headers: all })
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Statuses for one file: anonymous, candidate, owning and other recruiter, admin, right and wrong link. */
async function readStatuses(cast: Cast, fileId: string) {
  const path = `/api/files/${fileId}`
  const status = async (client: TestClient, headers: Record<string, string> = {}) =>
    (await download(client, path, headers)).status
  return {
    anonymous: await status(cast.anonymous),
    candidate: await status(cast.otherCandidate),
    owningRecruiter: await status(cast.recruiter),
    otherRecruiter: await status(cast.otherRecruiter),
    admin: await status(cast.admin),
    link: await status(cast.anonymous, { 'x-interview-token': cast.token }),
    linkInQuery: (await download(cast.anonymous, `${path}?token=${cast.token}`)).status,
    otherLink: await status(cast.anonymous, { 'x-interview-token': cast.otherToken }),
  }
}

let cast: Cast
beforeAll(async () => {
  cast = await createCast()
})

describe('logos', () => {
  it('are uploaded by recruiters and admins only', async () => {
    const png = sampleFiles.png()
    expect((await upload(cast.anonymous, { category: 'LOGO', bytes: png })).status).toBe(401)
    expect((await upload(cast.candidate, { category: 'LOGO', bytes: png })).status).toBe(403)
    expect((await upload(cast.anonymous, { category: 'LOGO', bytes: png, token: cast.token })).status).toBe(
      401,
    )
    const byAdmin = await upload(cast.admin, { category: 'LOGO', bytes: png })
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201)
    const response = await upload(cast.recruiter, {
      category: 'LOGO',
      bytes: png,
      filename: 'Northwind logo.png',
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Northwind logo.png',
      mimeType: 'image/png',
      size: png.length,
      category: 'LOGO',
    })
  })

  it('are public, cached for a year and shown inline', async () => {
    const png = sampleFiles.png(5000)
    const { body } = await upload(cast.recruiter, { category: 'LOGO', bytes: png, filename: 'logo.png' })
    const response = await download(cast.anonymous, `/api/files/${body.id}`)
    expect(response.status).toBe(200)
    expect(sha256(response.bytes)).toBe(sha256(png))
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': '5000',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${body.id}"`,
      'content-disposition': `inline; filename="logo.png"; filename*=UTF-8''logo.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
    })
  })

  it('refuse SVG, which can carry scripts, and documents', async () => {
    const svg = await upload(cast.recruiter, {
      category: 'LOGO',
      bytes: sampleFiles.svg(),
      filename: 'logo.svg',
    })
    expect(svg.status).toBe(415)
    expect(svg.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    expect(svg.body.error.message).toContain('SVG logos are not accepted')
    expect((await upload(cast.recruiter, { category: 'LOGO', bytes: sampleFiles.pdf() })).status).toBe(415)
  })
})

describe.each(['RESUME', 'DOCUMENT'] as const)('%s uploads', (category) => {
  it('need an interview or application the recruiter owns', async () => {
    const { interview, application } = cast
    expect((await upload(cast.anonymous, { category })).status).toBe(401)
    const bare = await upload(cast.recruiter, { category })
    expect(bare.status).toBe(400)
    expect(bare.body.error.message).toContain('interviewId or jobApplicationId')
    expect((await upload(cast.otherRecruiter, { category, interviewId: interview.id })).status).toBe(404)
    expect((await upload(cast.otherRecruiter, { category, jobApplicationId: application.id })).status).toBe(
      404,
    )

    const onInterview = await upload(cast.recruiter, { category, interviewId: interview.id })
    expect(onInterview.status, JSON.stringify(onInterview.body)).toBe(201)
    const onApplication = await upload(cast.recruiter, { category, jobApplicationId: application.id })
    expect(onApplication.status, JSON.stringify(onApplication.body)).toBe(201)
    expect((await upload(cast.admin, { category, interviewId: interview.id })).status).toBe(201)

    const stored = await readFile(services, onApplication.body.id)
    expect(stored).toEqual({
      uploadedBy: cast.recruiterUser.id,
      interviewId: null,
      jobApplicationId: application.id,
      category,
    })
  })

  it('come from candidates for their own applications or profile', async () => {
    const own = await upload(cast.candidate, { category, jobApplicationId: cast.application.id })
    expect(own.status, JSON.stringify(own.body)).toBe(201)
    expect((await upload(cast.candidate, { category })).status).toBe(201)
    expect(
      (await upload(cast.otherCandidate, { category, jobApplicationId: cast.application.id })).status,
    ).toBe(404)
    expect((await upload(cast.candidate, { category, interviewId: cast.interview.id })).status).toBe(403)
  })

  it('come through an interview link, attached to its interview', async () => {
    const response = await upload(cast.anonymous, { category, token: cast.token })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const stored = await readFile(services, response.body.id)
    expect(stored).toEqual({
      interviewId: cast.interview.id,
      uploadedBy: null,
      jobApplicationId: null,
      category,
    })
    const elsewhere = await upload(cast.anonymous, {
      category,
      token: cast.otherToken,
      interviewId: cast.interview.id,
    })
    expect(elsewhere.status).toBe(403)
  })
})

describe.each(['RESUME', 'DOCUMENT'] as const)('reading a %s', (category) => {
  it('attached to an interview: its recruiter, its link, admins; another recruiter gets 403', async () => {
    const { body } = await upload(cast.recruiter, { category, interviewId: cast.interview.id })
    expect(await readStatuses(cast, body.id)).toEqual({
      anonymous: 401,
      candidate: 403,
      owningRecruiter: 200,
      otherRecruiter: 403,
      admin: 200,
      link: 200,
      linkInQuery: 200,
      otherLink: 403,
    })
  })

  it('attached to an application: its candidate, the job’s recruiter, admins', async () => {
    const { body } = await upload(cast.candidate, { category, jobApplicationId: cast.application.id })
    expect(await readStatuses(cast, body.id)).toEqual({
      anonymous: 401,
      candidate: 403,
      owningRecruiter: 200,
      otherRecruiter: 403,
      admin: 200,
      link: 403,
      linkInQuery: 403,
      otherLink: 403,
    })
    expect((await download(cast.candidate, `/api/files/${body.id}`)).status).toBe(200)
  })
})

describe('reading a candidate’s profile resume', () => {
  it('is for the candidate, admins, and the recruiter of an application that uses it', async () => {
    const { body } = await upload(cast.candidate, { category: 'RESUME', filename: 'cv.pdf' })
    const path = `/api/files/${body.id}`
    expect((await download(cast.candidate, path)).status).toBe(200)
    expect((await download(cast.admin, path)).status).toBe(200)
    expect((await download(cast.recruiter, path)).status).toBe(403)
    await setApplicationResume(services, cast.application.id, body.id)
    expect((await download(cast.recruiter, path)).status).toBe(200)
    expect((await download(cast.otherRecruiter, path)).status).toBe(403)
  })
})

describe('screenshots', () => {
  it('are uploaded through the interview link only', async () => {
    const png = sampleFiles.png()
    expect((await upload(cast.anonymous, { category: 'SCREENSHOT', bytes: png })).status).toBe(401)
    const byRecruiter = await upload(cast.recruiter, {
      category: 'SCREENSHOT',
      bytes: png,
      interviewId: cast.interview.id,
    })
    expect(byRecruiter.status).toBe(403)
    const response = await upload(cast.anonymous, { category: 'SCREENSHOT', bytes: png, token: cast.token })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ mimeType: 'image/png', category: 'SCREENSHOT' })
    expect(
      (await upload(cast.anonymous, { category: 'SCREENSHOT', bytes: sampleFiles.gif(), token: cast.token }))
        .status,
    ).toBe(415)
  })

  it('are read by the interview’s link and recruiter, and admins', async () => {
    const { body } = await upload(cast.anonymous, {
      category: 'SCREENSHOT',
      bytes: sampleFiles.webp(),
      token: cast.token,
    })
    expect(await readStatuses(cast, body.id)).toEqual({
      anonymous: 401,
      candidate: 403,
      owningRecruiter: 200,
      otherRecruiter: 403,
      admin: 200,
      link: 200,
      linkInQuery: 200,
      otherLink: 403,
    })
  })
})

describe('content checks', () => {
  it('refuse a PNG renamed .pdf as a resume', async () => {
    const response = await upload(cast.recruiter, {
      category: 'RESUME',
      interviewId: cast.interview.id,
      bytes: sampleFiles.png(),
      filename: 'resume.pdf',
    })
    expect(response.status).toBe(415)
    expect(response.body.error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'This file is PNG, which is not accepted for a resume. Upload PDF, Word (.docx), Word 97–2003 (.doc), plain text.',
    })
  })

  it.each([
    [
      'docx',
      sampleFiles.docx(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'cv.docx',
    ],
    ['doc', sampleFiles.doc(), 'application/msword', 'cv.doc'],
    ['text', sampleFiles.text(), 'text/plain', 'cv.txt'],
    ['pdf', sampleFiles.pdf(), 'application/pdf', 'cv.pdf'],
  ])('accept %s resumes by their content, whatever their name', async (_label, bytes, mimeType, name) => {
    const response = await upload(cast.candidate, { category: 'RESUME', bytes, filename: 'cv.bin' })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body).toMatchObject({ mimeType, name })
  })

  it.each([
    ['a plain zip', sampleFiles.zip()],
    ['HTML', sampleFiles.html()],
    ['an SVG', sampleFiles.svg()],
    ['binary noise', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe])],
  ])('refuse %s as a resume', async (_label, bytes) => {
    expect((await upload(cast.candidate, { category: 'RESUME', bytes })).status).toBe(415)
  })

  it.each([
    ['a comment', '<!-- cv -->\nCasey Candidate'],
    ['a div', '<div>Casey Candidate</div>'],
    ['a link', '<a href="https://evil.example">Casey</a>'],
    ['a style block', '<style>body{background:url(x)}</style>Casey'],
    ['an image', '<img src=x onerror=alert(1)>'],
    ['an SVG without a prolog', '<svg onload=alert(1)></svg>'],
    ['an XML prolog', '<?xml version="1.0"?><cv/>'],
    ['a byte-order mark before <html', '\uFEFF<html><body>x</body></html>'],
    ['two byte-order marks before <html', '\uFEFF\uFEFF<html><body>x</body></html>'],
    ['blank lines before a paragraph', '\n\r\n \t<p>Casey</p>'],
    ['a closing tag', '</title><script>alert(1)</script>'],
    ['a lower-case doctype', '<!doctype html><p>x'],
  ])('refuse text that opens with markup (%s) as a resume, saying why', async (_label, text) => {
    const response = await upload(cast.candidate, { category: 'RESUME', bytes: Buffer.from(text) })
    expect(response.status, JSON.stringify(response.body)).toBe(415)
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(response.body.error.message).toContain('begins with HTML or XML markup')
  })

  it('accept text that merely contains angle brackets, and send it as an attachment', async () => {
    const text = '< 3 years of Go, > 5 of TypeScript\nI like <b>bold</b> ideas.\n'
    const response = await upload(cast.candidate, { category: 'RESUME', bytes: Buffer.from(text) })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const file = await download(cast.candidate, `/api/files/${response.body.id}`)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('store a safe name and send it back in both Content-Disposition forms', async () => {
    const response = await upload(cast.candidate, {
      category: 'RESUME',
      bytes: sampleFiles.pdf(),
      filename: '../../etc/Résumé <final>|v2\u202e.exe',
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body.name).toBe('Résumé _final__v2.pdf')
    const file = await download(cast.candidate, `/api/files/${response.body.id}`)
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Resume _final__v2.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20_final__v2.pdf`,
    )
    const nameless = await upload(cast.candidate, {
      category: 'RESUME',
      bytes: sampleFiles.text(),
      filename: '..',
    })
    expect(nameless.body.name).toBe('resume.txt')
  })

  it('want the category before the file and refuse empty files', async () => {
    const form = new FormData()
    form.append('file', new Blob([sampleFiles.pdf()]), 'cv.pdf')
    form.append('category', 'RESUME')
    const late = await cast.candidate.request('/api/files', { method: 'POST', body: form })
    expect(late.status).toBe(400)
    expect(late.body.error.message).toContain('category before the file')
    const viaQuery = new FormData()
    viaQuery.append('file', new Blob([sampleFiles.pdf()]), 'cv.pdf')
    expect(
      (await cast.candidate.request('/api/files?category=RESUME', { method: 'POST', body: viaQuery })).status,
    ).toBe(201)
    expect((await upload(cast.candidate, { category: 'RESUME', bytes: new Uint8Array(0) })).status).toBe(400)
    const json = await cast.candidate.request('/api/files', { method: 'POST', json: { category: 'RESUME' } })
    expect(json.status).toBe(415)
  })
})

describe('size limits', () => {
  it.each([
    ['LOGO', 2],
    ['SCREENSHOT', 5],
    ['RESUME', 10],
  ] as const)(
    'allow a %s of exactly %i MB and refuse one byte more with 413',
    async (category, megabytes) => {
      const limit = megabytes * 1024 * 1024
      const isImage = category !== 'RESUME'
      const make = (size: number) => (isImage ? sampleFiles.png(size) : sampleFiles.pdf(size))
      const options = {
        category,
        token: category === 'SCREENSHOT' ? cast.token : undefined,
        interviewId: category === 'RESUME' ? cast.interview.id : undefined,
      }
      const client = category === 'SCREENSHOT' ? cast.anonymous : cast.recruiter
      const atLimit = await upload(client, { ...options, bytes: make(limit) })
      expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201)
      const over = await upload(client, { ...options, bytes: make(limit + 1) })
      expect(over.status).toBe(413)
      expect(over.body.error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining(`at most ${megabytes} MB`),
      })
    },
  )

  describe('over real HTTP', () => {
    let server: Server
    let port: number
    beforeAll(async () => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)))
      port = (server.address() as AddressInfo).port
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    /**
     * Starts a chunked upload of a `declaredMb` file, writes only `sendBytes` of it and then waits
     * without ending the body: the server can answer only if it stops reading by itself.
     */
    function startUpload(options: {
      token: string
      category: Category
      sendBytes: number
      contentLength?: number
    }) {
      const boundary = 'vantahire-boundary'
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\n${options.category}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
      )
      return new Promise<{ status: number; body: string; bytesSent: number }>((resolve, reject) => {
        let bytesSent = 0
        let isAnswered = false
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/files',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'x-interview-token': options.token,
            ...(options.contentLength ? { 'content-length': String(options.contentLength) } : {}),
          },
        })
        request.on('response', (response) => {
          isAnswered = true
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (chunk) => {
            body += chunk
          })
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body, bytesSent })
            request.destroy()
          })
        })
        request.on('error', (error) => {
          if (!isAnswered) reject(error)
        })
        const chunk = Buffer.concat([sampleFiles.png(64 * 1024)])
        const write = () => {
          if (bytesSent === 0) {
            request.write(head)
            bytesSent += head.length
          }
          while (!isAnswered && bytesSent < options.sendBytes) {
            bytesSent += chunk.length
            if (!request.write(chunk)) return void request.once('drain', write)
          }
        }
        if (options.sendBytes > 0) write()
        else request.flushHeaders()
      })
    }

    it('answers 413 once the limit is passed, without waiting for the rest of the body', async () => {
      const limit = 5 * 1024 * 1024
      // 1 MB past the limit, then silence: a server that reads the whole body first never answers.
      const result = await startUpload({
        token: cast.token,
        category: 'SCREENSHOT',
        sendBytes: limit + 1024 * 1024,
      })
      expect(result.status, result.body).toBe(413)
      expect(JSON.parse(result.body).error.code).toBe('PAYLOAD_TOO_LARGE')
      expect(result.bytesSent).toBeLessThanOrEqual(limit + 1024 * 1024 + 64 * 1024 + 1024)
    })

    it('answers 413 before reading anything when Content-Length is already too large', async () => {
      const result = await startUpload({
        token: cast.token,
        category: 'SCREENSHOT',
        sendBytes: 0,
        contentLength: 200 * 1024 * 1024,
      })
      expect(result.status, result.body).toBe(413)
      expect(result.bytesSent).toBe(0)
    })
  })
})

describe('downloading a 10 MB file', () => {
  const size = 10 * 1024 * 1024
  const content = sampleFiles.pdf(size)
  let path = ''
  let etag = ''
  beforeAll(async () => {
    const response = await upload(cast.recruiter, {
      category: 'RESUME',
      interviewId: cast.interview.id,
      bytes: content,
      filename: 'Casey Candidate résumé.pdf',
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    path = `/api/files/${response.body.id}`
    etag = `"${response.body.id}"`
  })

  it('is byte-identical, with the file headers', async () => {
    const response = await download(cast.recruiter, path)
    expect(response.status).toBe(200)
    expect(response.bytes.length).toBe(size)
    expect(sha256(response.bytes)).toBe(sha256(content))
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(size),
      etag,
      'cache-control': 'private, no-cache',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `attachment; filename="Casey Candidate resume.pdf"; filename*=UTF-8''Casey%20Candidate%20r%C3%A9sum%C3%A9.pdf`,
    })
  })

  it.each([
    ['the first bytes', 'bytes=0-99', 0, 99],
    ['the middle, across 64 KB slices', 'bytes=65000-400000', 65000, 400000],
    ['a suffix', 'bytes=-500', size - 500, size - 1],
    ['an open end', `bytes=${size - 70000}-`, size - 70000, size - 1],
    ['a range past the end, trimmed', `bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
  ])('serves %s as 206', async (_label, range, start, end) => {
    const response = await download(cast.recruiter, path, { range })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`)
    expect(response.headers.get('content-length')).toBe(String(end - start + 1))
    expect(response.bytes.equals(content.subarray(start, end + 1))).toBe(true)
  })

  it('answers 416 for a range outside the file, and ignores several ranges', async () => {
    const outside = await download(cast.recruiter, path, { range: `bytes=${size}-` })
    expect(outside.status).toBe(416)
    expect(outside.headers.get('content-range')).toBe(`bytes */${size}`)
    expect(JSON.parse(outside.bytes.toString()).error.message).toContain('outside the file')
    const several = await download(cast.recruiter, path, { range: 'bytes=0-1,5-6' })
    expect(several.status).toBe(200)
    expect(several.bytes.length).toBe(size)
  })

  it('answers 304 to its ETag, only for callers who may read it', async () => {
    const cached = await download(cast.recruiter, path, { 'if-none-match': etag })
    expect(cached.status).toBe(304)
    expect(cached.bytes.length).toBe(0)
    expect(cached.headers.get('etag')).toBe(etag)
    expect((await download(cast.recruiter, path, { 'if-none-match': `W/${etag}` })).status).toBe(304)
    expect((await download(cast.recruiter, path, { 'if-none-match': '"other"' })).status).toBe(200)
    expect((await download(cast.otherRecruiter, path, { 'if-none-match': etag })).status).toBe(403)
  })

  it('honours If-Range and HEAD', async () => {
    const stale = await download(cast.recruiter, path, { range: 'bytes=0-9', 'if-range': '"other"' })
    expect(stale.status).toBe(200)
    const fresh = await download(cast.recruiter, path, { range: 'bytes=0-9', 'if-range': etag })
    expect(fresh.status).toBe(206)
    const headers = new Headers({
      cookie: [...cast.recruiter.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
    })
    const head = await app.request(path, { method: 'HEAD', headers })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(size))
    expect((await head.arrayBuffer()).byteLength).toBe(0)
  })
})

describe('a range that selects no byte of the file', () => {
  it('is answered with 416, the file’s size in Content-Range and the one error envelope', async () => {
    const content = sampleFiles.pdf(2048)
    const { body } = await upload(cast.recruiter, {
      category: 'RESUME',
      interviewId: cast.interview.id,
      bytes: content,
    })
    const path = `/api/files/${body.id}`
    const response = await download(cast.recruiter, path, { range: 'bytes=999999999-' })
    const answer = response.bytes.toString()
    expect(response.status, answer).toBe(416)
    expect(response.headers.get('content-range')).toBe('bytes */2048')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(JSON.parse(answer)).toEqual({
      error: {
        code: 'RANGE_NOT_SATISFIABLE',
        message: 'The range is outside the file, which has 2048 bytes.',
        requestId: expect.any(String),
        details: { size: 2048 },
      },
    })
    // Access is decided first: a caller who may not read the file learns nothing of its size.
    const stranger = await download(cast.otherRecruiter, path, { range: 'bytes=999999999-' })
    expect(stranger.status).toBe(403)
    expect(stranger.headers.get('content-range')).toBeNull()
  })
})

describe('deleting a file', () => {
  it('is for its uploader or an admin', async () => {
    const { body } = await upload(cast.recruiter, { category: 'RESUME', interviewId: cast.interview.id })
    const path = `/api/files/${body.id}`
    expect((await cast.anonymous.request(path, { method: 'DELETE' })).status).toBe(401)
    expect((await cast.otherRecruiter.request(path, { method: 'DELETE' })).status).toBe(403)
    expect((await cast.candidate.request(path, { method: 'DELETE' })).status).toBe(403)
    const deleted = await cast.recruiter.request(path, { method: 'DELETE' })
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ id: body.id, deleted: true })
    expect((await download(cast.recruiter, path)).status).toBe(404)
    expect((await cast.recruiter.request(path, { method: 'DELETE' })).status).toBe(404)

    const byLink = await upload(cast.anonymous, { category: 'RESUME', token: cast.token })
    expect((await cast.recruiter.request(`/api/files/${byLink.body.id}`, { method: 'DELETE' })).status).toBe(
      403,
    )
    expect((await cast.admin.request(`/api/files/${byLink.body.id}`, { method: 'DELETE' })).status).toBe(200)
  })
})

describe('API keys and credentials', () => {
  it('API keys read public logos only and upload nothing', async () => {
    const { key } = await createApiKey(services, {
      userId: cast.recruiterUser.id,
      name: 'ATS',
      scopes: ['interviews:read', 'interviews:write', 'results:read'],
    })
    const integrator = new TestClient(app, { origin: null })
    const bearer = { authorization: `Bearer ${key}` }
    const logo = await upload(cast.recruiter, { category: 'LOGO', bytes: sampleFiles.png() })
    const resume = await upload(cast.recruiter, { category: 'RESUME', interviewId: cast.interview.id })
    expect((await download(integrator, `/api/files/${logo.body.id}`, bearer)).status).toBe(200)
    expect((await download(integrator, `/api/files/${resume.body.id}`, bearer)).status).toBe(403)
    const form = uploadForm(
      { category: 'RESUME', interviewId: cast.interview.id },
      { bytes: sampleFiles.pdf(), filename: 'a.pdf' },
    )
    expect(
      (await integrator.request('/api/files', { method: 'POST', body: form, headers: bearer })).status,
    ).toBe(403)
  })

  it('link tokens never reach the log', async () => {
    const { body } = await upload(cast.anonymous, {
      category: 'SCREENSHOT',
      bytes: sampleFiles.png(),
      token: cast.token,
    })
    await download(cast.anonymous, `/api/files/${body.id}?token=${cast.token}`)
    await download(cast.anonymous, `/api/files/${body.id}`, { 'x-interview-token': cast.token })
    await download(cast.anonymous, `/api/files/${body.id}?token=${cast.otherToken}`)
    const logs = services.logs.text()
    expect(logs).toContain(`/api/files/${body.id}?token=%5Bredacted%5D`)
    expect(logs).not.toContain(cast.token)
    expect(logs).not.toContain(cast.otherToken)
  })
})
