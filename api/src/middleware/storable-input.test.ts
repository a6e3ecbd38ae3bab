import { afterAll, describe, expect, it } from 'vitest'
import { createInterview } from '../../test/support/factories.js'
import { sampleFiles } from '../../test/support/file-fixtures.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)'
const SURROGATE_MESSAGE = 'must be valid Unicode text (it contains an unpaired surrogate)'
const ENCODING_MESSAGE = 'is not valid percent-encoded UTF-8'

async function signedInRecruiter() {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail('recruiter'))
  return { client, user }
}

function expectRefused(response: { status: number; body: any }, issues: { path: string; message: string }[]) {
  expect(response.status, JSON.stringify(response.body)).toBe(400)
  expect(response.body.error.code).toBe('VALIDATION_FAILED')
  expect(response.body.error.details.issues).toEqual(issues)
}

/** A multipart body written by hand, so the file name can say exactly what a hostile client sends. */
function rawUpload(options: { fields?: Record<string, string>; filenameHeader: string }) {
  const boundary = `----vantahire${Math.random().toString(36).slice(2)}`
  const parts = Object.entries(options.fields ?? {}).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  )
  const body = Buffer.concat([
    Buffer.from(
      `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; ${options.filenameHeader}\r\nContent-Type: image/png\r\n\r\n`,
    ),
    sampleFiles.png(512),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe('text Postgres cannot store', () => {
  it('is refused in the query string of the public job search, naming the parameter', async () => {
    const anonymous = new TestClient(app)
    expectRefused(await anonymous.request('/api/public/jobs?q=%00'), [
      { path: 'query.q', message: NUL_MESSAGE },
    ])
    expectRefused(await anonymous.request('/api/public/jobs?location=Remote&q=a%00b&jobType=x%00'), [
      { path: 'query.q', message: NUL_MESSAGE },
      { path: 'query.jobType', message: NUL_MESSAGE },
    ])
  })

  it('is refused in path parameters, named after the parameter', async () => {
    const { client } = await signedInRecruiter()
    expectRefused(await client.request('/api/jobs/%00'), [{ path: 'param.id', message: NUL_MESSAGE }])
    expectRefused(await client.request('/api/interviews/%00/sessions', { method: 'DELETE' }), [
      { path: 'param.id', message: NUL_MESSAGE },
    ])
  })

  it('is refused at any depth of a JSON body, object keys included', async () => {
    const { client } = await signedInRecruiter()
    const created = await client.request('/api/interviews', {
      method: 'POST',
      json: {
        jobRole: 'Backend Engineer',
        candidateEmail: uniqueEmail('candidate'),
        questions: ['Tell me about Postgres.', 'And Redis?', 'What is \u0000?'],
      },
    })
    expectRefused(created, [{ path: 'body.questions.2', message: NUL_MESSAGE }])

    const withKey = await client.request('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"Platform Engineer","extra":{"a\\u0000b":1}}',
    })
    expectRefused(withKey, [{ path: 'body.extra.a\\u0000b', message: `has a name that ${NUL_MESSAGE}` }])
  })

  it('is refused when a JSON string holds a lone surrogate, and a paired one is kept as sent', async () => {
    const { client } = await signedInRecruiter()
    const lone = await client.request('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"Engineer \\ud800","location":"\\udfff Remote"}',
    })
    expectRefused(lone, [
      { path: 'body.title', message: SURROGATE_MESSAGE },
      { path: 'body.location', message: SURROGATE_MESSAGE },
    ])

    // ASCII-only JSON encoders escape every non-ASCII character: the route must still get the body.
    const paired = await client.request('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"Engineer \\ud83d\\ude80"}',
    })
    expect(paired.status, JSON.stringify(paired.body)).toBe(201)
    expect(paired.body.job.title).toBe('Engineer 🚀')
  })

  it('is refused in a URL as an encoded surrogate, and malformed percent-encoding is refused too', async () => {
    const anonymous = new TestClient(app)
    expectRefused(await anonymous.request('/api/public/jobs?q=%ED%A0%80'), [
      { path: 'query.q', message: ENCODING_MESSAGE },
    ])
    expectRefused(await anonymous.request('/api/public/jobs?q=100%'), [
      { path: 'query.q', message: ENCODING_MESSAGE },
    ])
    expectRefused(await anonymous.request('/api/public/jobs/%E0%A4%A'), [
      { path: 'param.id', message: ENCODING_MESSAGE },
    ])
    expectRefused(await anonymous.request('/api/%ZZ'), [{ path: 'path', message: ENCODING_MESSAGE }])
  })

  it('is refused in upload form fields and file names', async () => {
    const { client, user } = await signedInRecruiter()
    const interview = await createInterview(services, { recruiterId: user.id })

    const field = rawUpload({
      fields: { category: 'RESUME', interviewId: `${interview.id}\u0000` },
      filenameHeader: 'filename="cv.png"',
    })
    expectRefused(await client.request('/api/files', { method: 'POST', ...field }), [
      { path: 'body.interviewId', message: NUL_MESSAGE },
    ])

    const filename = rawUpload({ filenameHeader: "filename*=UTF-8''logo%00.png" })
    expectRefused(await client.request('/api/files?category=LOGO', { method: 'POST', ...filename }), [
      { path: 'body.file', message: `has a file name that ${NUL_MESSAGE}` },
    ])

    const clean = rawUpload({ filenameHeader: 'filename="logo.png"' })
    const stored = await client.request('/api/files?category=LOGO', { method: 'POST', ...clean })
    expect(stored.status, JSON.stringify(stored.body)).toBe(201)
  })
})
