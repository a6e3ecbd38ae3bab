import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nanoid } from 'nanoid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServices } from '../test/support/services.js'
import { createApp } from './app.js'
import { generateApiKey } from './lib/api-key-format.js'
import { generateSecret } from './lib/crypto.js'

const services = createTestServices()
const { app } = createApp(services)
afterAll(() => services.close())

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

describe('API envelope and headers', () => {
  it('answers unknown API paths with the JSON error envelope and a request id', async () => {
    const response = await app.request('/api/does-not-exist')
    const { status, body } = await json(response)
    expect(status, JSON.stringify(body)).toBe(404)
    expect(body).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'No route for GET /api/does-not-exist.',
        requestId: expect.any(String),
      },
    })
    expect(response.headers.get('x-request-id')).toBe(body.error.requestId)
  })

  it('sends HSTS of at least a year, nosniff and a strict referrer policy', async () => {
    const response = await app.request('/health')
    const hsts = response.headers.get('strict-transport-security') ?? ''
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('echoes only exact allowed origins for CORS, with credentials', async () => {
    const allowed = await app.request('/api/does-not-exist', { headers: { Origin: 'http://localhost:5173' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')

    for (const origin of ['https://evil.example', 'http://localhost:5173.evil.example', 'null']) {
      const refused = await app.request('/api/does-not-exist', { headers: { Origin: origin } })
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull()
    }

    const preflight = await app.request('/api/anything', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PATCH' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
  })

  it('refuses bodies over the limit with 413 before reading them', async () => {
    const response = await app.request('/api/anything', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * 1024) },
      body: 'x'.repeat(2 * 1024 * 1024),
    })
    const { status, body } = await json(response)
    expect(status, JSON.stringify(body)).toBe(413)
    expect(body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than 1024 KB.',
    })
  })
})

describe('request logs', () => {
  it('never record session ids, link tokens, API keys or OAuth codes', async () => {
    const secrets = {
      cookie: 'session-cookie-value-5f1c2a',
      bearer: 'vh_live_key_value_91b7e4',
      interviewToken: 'interview-token-value-0c8d3f',
      oauthCode: 'oauth-code-value-77aa10',
      oauthState: 'oauth-state-value-3e9b21',
    }
    await app.request(`/api/auth/google/callback?code=${secrets.oauthCode}&state=${secrets.oauthState}`, {
      headers: {
        Cookie: `vh_session=${secrets.cookie}`,
        Authorization: `Bearer ${secrets.bearer}`,
        'X-Interview-Token': secrets.interviewToken,
      },
    })
    await app.request(`/api/files/abc?token=${secrets.interviewToken}`)

    const text = services.logs.text()
    expect(services.logs.lines.some((line) => line.path === '/api/files/abc?token=%5Bredacted%5D')).toBe(true)
    for (const [name, secret] of Object.entries(secrets)) {
      expect(text.includes(secret), `${name} leaked into the log:\n${text}`).toBe(false)
    }
  })
})

describe('request log redaction', () => {
  const linkToken = nanoid(32)
  const sessionId = generateSecret(32)
  const apiKey = generateApiKey()
  const recordId = '3f2c1a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c'

  it.each([
    ['a link token by name', `/api/candidate/interview?token=${linkToken}`, linkToken],
    ['a link token under another name', `/api/files/${recordId}?t=${linkToken}`, linkToken],
    ['a link token in the path', `/interview/${linkToken}`, linkToken],
    ['a session id by name', `/api/auth/me?session_id=${sessionId}`, sessionId],
    ['a session id under any name', `/api/jobs?ref=${sessionId}`, sessionId],
    ['an API key by name', `/api/interviews?apiKey=${apiKey}`, apiKey],
    ['an API key inside a value', `/api/interviews?q=key:${apiKey}`, apiKey],
    ['an API key as a parameter name', `/api/interviews?${apiKey}=1`, apiKey],
    ['a password', '/api/jobs?password=hunter2-correct-horse', 'hunter2-correct-horse'],
    ['a client secret', '/api/jobs?client_secret=s3cr3t-value-17', 's3cr3t-value-17'],
    ['an OAuth code', '/api/auth/google/callback?code=4%2F0Ad-short&state=st-42', '4/0Ad-short'],
  ])('keeps %s out of the log', async (_label, path, secret) => {
    await app.request(path)
    const line = services.logs.lines.findLast((entry) => entry.msg === 'request')
    expect(decodeURIComponent(String(line?.path))).toContain('[redacted]')
    expect(services.logs.text()).not.toContain(secret)
    expect(services.logs.text()).not.toContain(encodeURIComponent(secret))
  })

  it('keeps record ids and ordinary parameters readable', async () => {
    await app.request(`/api/interviews/${recordId}?status=PENDING&limit=20`)
    const line = services.logs.lines.findLast((entry) => entry.msg === 'request')
    expect(line?.path).toBe(`/api/interviews/${recordId}?status=PENDING&limit=20`)
  })
})

describe('the built SPA', () => {
  let spaRoot: string
  let spaApp: ReturnType<typeof createApp>['app']

  beforeAll(async () => {
    spaRoot = await mkdtemp(join(tmpdir(), 'vantahire-spa-'))
    await mkdir(join(spaRoot, 'assets'))
    await writeFile(
      join(spaRoot, 'index.html'),
      '<!doctype html><title>VantaHire</title><div id="root"></div>',
    )
    await writeFile(
      join(spaRoot, 'interview.html'),
      '<!doctype html><title>Your interview</title><div id="root"></div>',
    )
    await writeFile(join(spaRoot, 'assets', 'index-abc123.js'), 'console.log("app")')
    spaApp = createApp(services, { spaRoot }).app
  })

  it('serves index.html, uncached, for client-side routes', async () => {
    const response = await spaApp.request('/interviews/42')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(await response.text()).toContain('<title>VantaHire</title>')
  })

  it.each(['/interview', '/interview/', '/interview/vh_link_token-123'])(
    "serves the candidate's own entry, uncached, for %s",
    async (path) => {
      const response = await spaApp.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<title>Your interview</title>')
    },
  )

  it.each(['/interviews', '/interviews/42', '/interviewer'])('keeps %s in the main app', async (path) => {
    const response = await spaApp.request(path)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>VantaHire</title>')
  })

  it('falls back to index.html for /interview when a build has no interview entry', async () => {
    const plainRoot = await mkdtemp(join(tmpdir(), 'vantahire-spa-'))
    await writeFile(join(plainRoot, 'index.html'), '<!doctype html><title>VantaHire</title>')
    const plainApp = createApp(services, { spaRoot: plainRoot }).app
    const response = await plainApp.request('/interview/vh_link_token-123')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>VantaHire</title>')
  })

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await spaApp.request('/assets/index-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('keeps API paths as JSON, even with a SPA present', async () => {
    const { status, body } = await json(await spaApp.request('/api/nope'))
    expect(status).toBe(404)
    expect(body.error.code).toBe('NOT_FOUND')
  })
})
