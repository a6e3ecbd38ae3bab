import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { sampleFiles, uploadForm } from './support/file-fixtures.js'
import { APP_ORIGIN, uniqueEmail } from './support/http.js'
import { createIsolatedTestServices } from './support/services.js'
import { CALLERS, type Caller, createWorld, type World } from './support/world.js'

/**
 * Every route of the OpenAPI document × every kind of caller → the status it must get. A route
 * added without a row here fails the first test, so no route ships without its access rules.
 */
// Its own database: each route gets fresh fixtures, hundreds in all, which other files need not page through.
let services: Awaited<ReturnType<typeof createIsolatedTestServices>>
let app: ReturnType<typeof createApp>['app']
beforeAll(async () => {
  services = await createIsolatedTestServices('matrix', { AUTH_DEV_LOGIN: 'true' })
  app = createApp(services).app
})
afterAll(() => services.close())

type Expected = Record<Caller, number>

type Row = {
  /** Path with `{param}` placeholders filled from the world. */
  path: (world: World) => string
  body?: (world: World) => unknown
  /** True when a successful call changes the world for the next caller (each caller gets its own world). */
  isDestructive?: boolean
  /** Which scope the "key without scope" must lack, when it is not interviews:*. */
  scope?: 'results:read'
  expected: Expected
}

const PUBLIC = (status: number): Expected =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected
/** Signed-in people only, by session; API keys are refused (403). */
const SIGNED_IN = (status: number): Expected => ({
  anonymous: 401,
  candidate: status,
  owner: status,
  otherRecruiter: status,
  admin: status,
  keyWithScope: 403,
  keyWithoutScope: 403,
  linkToken: 401,
})
const RECRUITERS = (status: number): Expected => ({ ...SIGNED_IN(status), candidate: 403 })
const CANDIDATES = (status: number): Expected => ({ ...SIGNED_IN(status), owner: 403, otherRecruiter: 403 })
const ADMINS = (status: number): Expected => ({ ...SIGNED_IN(403), admin: status })
/** The owner's resource: others are told it does not exist; keys with the route's scope act as the owner. */
const OWNED = (status: number, options: { viaKey: boolean }): Expected => ({
  anonymous: 401,
  candidate: 403,
  owner: status,
  otherRecruiter: 404,
  admin: status,
  keyWithScope: options.viaKey ? status : 403,
  keyWithoutScope: 403,
  linkToken: 401,
})
const RECRUITERS_AND_KEYS = (status: number): Expected => ({ ...RECRUITERS(status), keyWithScope: status })

const MATRIX: Record<string, Row> = {
  'GET /health': { path: () => '/health', expected: PUBLIC(200) },
  'GET /ready': { path: () => '/ready', expected: PUBLIC(200) },
  'GET /api/auth/providers': { path: () => '/api/auth/providers', expected: PUBLIC(200) },
  'POST /api/auth/dev-login': {
    path: () => '/api/auth/dev-login',
    body: () => ({ email: uniqueEmail('dev') }),
    expected: PUBLIC(200),
  },
  'POST /api/auth/logout': { path: () => '/api/auth/logout', expected: PUBLIC(204), isDestructive: true },
  'POST /api/auth/logout-all': {
    path: () => '/api/auth/logout-all',
    expected: SIGNED_IN(200),
    isDestructive: true,
  },
  // Anyone may ask who is signed in (nobody: `user: null`); an API key is no one signed in.
  'GET /api/auth/me': {
    path: () => '/api/auth/me',
    expected: { ...SIGNED_IN(200), anonymous: 200, linkToken: 200 },
  },
  'GET /api/users/me/interviews': { path: () => '/api/users/me/interviews', expected: CANDIDATES(200) },
  'GET /api/dashboard': { path: () => '/api/dashboard', expected: RECRUITERS(200) },
  'GET /api/auth/{provider}': { path: () => '/api/auth/google', expected: PUBLIC(302) },
  'GET /api/auth/{provider}/callback': {
    path: () => '/api/auth/google/callback?code=x&state=y',
    expected: PUBLIC(302),
  },
  'GET /api/users/me': { path: () => '/api/users/me', expected: SIGNED_IN(200) },
  'PATCH /api/users/me': {
    path: () => '/api/users/me',
    body: () => ({ fullName: 'Renamed' }),
    expected: SIGNED_IN(200),
  },
  'GET /api/users/me/recruiter-profile': {
    path: () => '/api/users/me/recruiter-profile',
    expected: RECRUITERS(200),
  },
  'PUT /api/users/me/recruiter-profile': {
    path: () => '/api/users/me/recruiter-profile',
    body: () => ({ companyName: 'Acme' }),
    expected: RECRUITERS(200),
  },
  'GET /api/users/me/candidate-profile': {
    path: () => '/api/users/me/candidate-profile',
    expected: CANDIDATES(200),
  },
  'PUT /api/users/me/candidate-profile': {
    path: () => '/api/users/me/candidate-profile',
    body: () => ({ bio: 'Hello' }),
    expected: CANDIDATES(200),
  },
  'GET /api/api-keys': { path: () => '/api/api-keys', expected: RECRUITERS(200) },
  'POST /api/api-keys': {
    path: () => '/api/api-keys',
    body: () => ({ name: 'k', scopes: ['interviews:read'] }),
    expected: RECRUITERS(201),
  },
  'DELETE /api/api-keys/{id}': {
    path: (w) => `/api/api-keys/${w.ids.ownersKey}`,
    expected: { ...RECRUITERS(200), otherRecruiter: 404 },
  },
  'GET /api/interviews': { path: () => '/api/interviews', expected: RECRUITERS_AND_KEYS(200) },
  'POST /api/interviews': {
    path: () => '/api/interviews',
    body: () => ({ jobRole: 'Analyst', candidateEmail: uniqueEmail('candidate') }),
    expected: RECRUITERS_AND_KEYS(201),
  },
  'GET /api/interviews/{id}': {
    path: (w) => `/api/interviews/${w.ids.interview}`,
    expected: OWNED(200, { viaKey: true }),
  },
  'PATCH /api/interviews/{id}': {
    path: (w) => `/api/interviews/${w.ids.interview}`,
    body: () => ({ candidateNotes: 'Noted.' }),
    expected: OWNED(200, { viaKey: true }),
  },
  'DELETE /api/interviews/{id}': {
    path: (w) => `/api/interviews/${w.ids.interview}`,
    isDestructive: true,
    expected: OWNED(204, { viaKey: false }),
  },
  'PATCH /api/interviews/{id}/status': {
    path: (w) => `/api/interviews/${w.ids.interview}/status`,
    body: () => ({ status: 'EXPIRED' }),
    isDestructive: true,
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/interviews/{id}/recording': {
    path: (w) => `/api/interviews/${w.ids.interview}/recording`,
    // Without Cloud Storage the owner is told recording is not configured (409); others learn nothing.
    expected: OWNED(409, { viaKey: true }),
  },
  'GET /api/interviews/{id}/voice-report': {
    path: (w) => `/api/interviews/${w.ids.interview}/voice-report`,
    scope: 'results:read',
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/interviews/{id}/results': {
    path: (w) => `/api/interviews/${w.ids.interview}/results`,
    scope: 'results:read',
    expected: OWNED(200, { viaKey: true }),
  },
  // The world's interview has not finished: whoever gets past the access rules is told so (409).
  'POST /api/interviews/{id}/review': {
    path: (w) => `/api/interviews/${w.ids.interview}/review`,
    expected: OWNED(409, { viaKey: true }),
  },
  'POST /api/interviews/{id}/evaluate': {
    path: (w) => `/api/interviews/${w.ids.interview}/evaluate`,
    body: () => ({}),
    // No model is configured in tests: the request is stored as pending (202).
    expected: OWNED(202, { viaKey: true }),
  },
  'GET /api/interviews/{id}/evaluations': {
    path: (w) => `/api/interviews/${w.ids.interview}/evaluations`,
    scope: 'results:read',
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/interviews/{id}/evidence': {
    path: (w) => `/api/interviews/${w.ids.interview}/evidence`,
    scope: 'results:read',
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/interviews/{id}/evidence/verify': {
    path: (w) => `/api/interviews/${w.ids.interview}/evidence/verify`,
    scope: 'results:read',
    expected: OWNED(200, { viaKey: true }),
  },
  'POST /api/interviews/{id}/invites': {
    path: (w) => `/api/interviews/${w.ids.interview}/invites`,
    body: () => ({ channels: ['email'] }),
    expected: OWNED(201, { viaKey: true }),
  },
  'GET /api/interviews/{id}/invites': {
    path: (w) => `/api/interviews/${w.ids.interview}/invites`,
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/interviews/{id}/invites/preview': {
    path: (w) => `/api/interviews/${w.ids.interview}/invites/preview`,
    expected: OWNED(200, { viaKey: true }),
  },
  'POST /api/interviews/{id}/invites/{messageId}/resend': {
    path: (w) => `/api/interviews/${w.ids.interview}/invites/${w.ids.inviteMessage}/resend`,
    expected: OWNED(201, { viaKey: true }),
  },
  'POST /api/jobs/{id}/invites/bulk': {
    path: (w) => `/api/jobs/${w.ids.openJob}/invites/bulk`,
    body: () => ({ rows: [{ name: 'Ada', email: uniqueEmail('bulk') }], channels: ['email'], dryRun: true }),
    // A dry run answers the preview (200) and creates nothing.
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/invite-batches/{id}': {
    path: (w) => `/api/invite-batches/${w.ids.inviteBatch}`,
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/outbox': { path: () => '/api/outbox', expected: RECRUITERS(200) },
  // Provider webhooks authenticate themselves; no caller's cookie, key or link counts, and the
  // matrix's product has no webhook secrets configured.
  'POST /api/webhooks/brevo': {
    path: () => '/api/webhooks/brevo',
    body: () => ({ event: 'delivered', 'message-id': '<x@smtp-relay.mailin.fr>' }),
    expected: PUBLIC(401),
  },
  'GET /api/webhooks/whatsapp': {
    path: () => '/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1',
    expected: PUBLIC(403),
  },
  'POST /api/webhooks/whatsapp': {
    path: () => '/api/webhooks/whatsapp',
    body: () => ({ object: 'whatsapp_business_account', entry: [] }),
    expected: PUBLIC(401),
  },
  'GET /api/interviews/{id}/sessions': {
    path: (w) => `/api/interviews/${w.ids.interview}/sessions`,
    expected: OWNED(200, { viaKey: true }),
  },
  'POST /api/interviews/{id}/sessions': {
    path: (w) => `/api/interviews/${w.ids.interview}/sessions`,
    body: () => ({}),
    expected: OWNED(201, { viaKey: true }),
  },
  'DELETE /api/interviews/{id}/sessions': {
    path: (w) => `/api/interviews/${w.ids.interview}/sessions`,
    isDestructive: true,
    expected: OWNED(200, { viaKey: true }),
  },
  'DELETE /api/interviews/{id}/sessions/{sessionId}': {
    path: (w) => `/api/interviews/${w.ids.interview}/sessions/${w.ids.link}`,
    isDestructive: true,
    expected: OWNED(200, { viaKey: true }),
  },
  'GET /api/jobs': { path: () => '/api/jobs', expected: RECRUITERS(200) },
  'POST /api/jobs': {
    path: () => '/api/jobs',
    body: () => ({ title: 'New role' }),
    expected: RECRUITERS(201),
  },
  'GET /api/jobs/{id}': {
    path: (w) => `/api/jobs/${w.ids.openJob}`,
    expected: OWNED(200, { viaKey: false }),
  },
  'PATCH /api/jobs/{id}': {
    path: (w) => `/api/jobs/${w.ids.draftJob}`,
    body: () => ({ location: 'Remote' }),
    expected: OWNED(200, { viaKey: false }),
  },
  'DELETE /api/jobs/{id}': {
    path: (w) => `/api/jobs/${w.ids.draftJob}`,
    isDestructive: true,
    expected: OWNED(204, { viaKey: false }),
  },
  'POST /api/jobs/{id}/submit': {
    path: (w) => `/api/jobs/${w.ids.draftJob}/submit`,
    isDestructive: true,
    expected: OWNED(200, { viaKey: false }),
  },
  'POST /api/jobs/{id}/close': {
    path: (w) => `/api/jobs/${w.ids.openJob}/close`,
    isDestructive: true,
    expected: OWNED(200, { viaKey: false }),
  },
  'POST /api/jobs/{id}/reopen': {
    path: (w) => `/api/jobs/${w.ids.closedJob}/reopen`,
    isDestructive: true,
    expected: OWNED(200, { viaKey: false }),
  },
  'GET /api/public/jobs': { path: () => '/api/public/jobs', expected: PUBLIC(200) },
  'GET /api/public/jobs/{id}': { path: (w) => `/api/public/jobs/${w.ids.openJob}`, expected: PUBLIC(200) },
  'POST /api/jobs/{id}/applications': {
    path: (w) => `/api/jobs/${w.ids.secondOpenJob}/applications`,
    body: () => ({ coverLetter: 'Hello' }),
    isDestructive: true,
    expected: CANDIDATES(201),
  },
  'GET /api/jobs/{id}/applications/mine': {
    path: (w) => `/api/jobs/${w.ids.openJob}/applications/mine`,
    expected: CANDIDATES(200),
  },
  'POST /api/applications/{id}/withdraw': {
    path: (w) => `/api/applications/${w.ids.application}/withdraw`,
    isDestructive: true,
    // Only the candidate who applied: recruiters are refused by role; an admin is told it does not exist.
    expected: { ...CANDIDATES(200), admin: 404 },
  },
  'GET /api/applications/mine': { path: () => '/api/applications/mine', expected: CANDIDATES(200) },
  'GET /api/jobs/{id}/applications': {
    path: (w) => `/api/jobs/${w.ids.openJob}/applications`,
    expected: OWNED(200, { viaKey: false }),
  },
  'GET /api/jobs/{id}/applications/export': {
    path: (w) => `/api/jobs/${w.ids.openJob}/applications/export`,
    expected: OWNED(200, { viaKey: false }),
  },
  'GET /api/applications/{id}': {
    path: (w) => `/api/applications/${w.ids.application}`,
    // The applicant may read their own application.
    expected: { ...OWNED(200, { viaKey: false }), candidate: 200 },
  },
  'PATCH /api/applications/{id}': {
    path: (w) => `/api/applications/${w.ids.application}`,
    body: () => ({ notes: 'Promising.' }),
    expected: OWNED(200, { viaKey: false }),
  },
  'POST /api/applications/{id}/interview': {
    path: (w) => `/api/applications/${w.ids.application}/interview`,
    body: () => ({}),
    expected: OWNED(201, { viaKey: false }),
  },
  'GET /api/admin/users': { path: () => '/api/admin/users', expected: ADMINS(200) },
  'PATCH /api/admin/users/{id}': {
    path: (w) => `/api/admin/users/${w.ids.otherRecruiter}`,
    body: () => ({ isDisabled: false }),
    expected: ADMINS(200),
  },
  // Past the guard an admin is refused by the rule: the world's recruiter was not imported from the old
  // platform (api/test/account-merges.test.ts merges one that was).
  'GET /api/admin/users/{id}/merge': {
    path: (w) => `/api/admin/users/${w.ids.otherRecruiter}/merge?into=${w.ids.application}`,
    expected: ADMINS(404),
  },
  'POST /api/admin/users/{id}/merge': {
    path: (w) => `/api/admin/users/${w.ids.otherRecruiter}/merge`,
    body: (w) => ({ into: w.ids.application }),
    expected: ADMINS(404),
  },
  'GET /api/admin/jobs/pending': { path: () => '/api/admin/jobs/pending', expected: ADMINS(200) },
  'POST /api/admin/jobs/{id}/approve': {
    path: (w) => `/api/admin/jobs/${w.ids.submittedJob}/approve`,
    isDestructive: true,
    expected: ADMINS(200),
  },
  'POST /api/admin/jobs/{id}/reject': {
    path: (w) => `/api/admin/jobs/${w.ids.submittedJob}/reject`,
    body: () => ({ reason: 'Needs a description.' }),
    isDestructive: true,
    expected: ADMINS(200),
  },
  'GET /api/admin/settings': { path: () => '/api/admin/settings', expected: ADMINS(200) },
  'PUT /api/admin/settings': {
    path: () => '/api/admin/settings',
    body: () => ({ secretSignupCode: null }),
    expected: ADMINS(200),
  },
  'GET /api/admin/stats': { path: () => '/api/admin/stats', expected: ADMINS(200) },
  'GET /api/admin/background-jobs': { path: () => '/api/admin/background-jobs', expected: ADMINS(200) },
  'POST /api/admin/background-jobs/{name}/run': {
    path: () => '/api/admin/background-jobs/reset-api-key-counters/run',
    expected: ADMINS(200),
  },
  'POST /api/files': {
    path: () => '/api/files?category=LOGO',
    body: () => uploadForm({}, { bytes: sampleFiles.png(512), filename: 'logo.png' }),
    // Logos are for signed-in recruiters and admins: a link token identifies an interview, not a
    // person (401), and API keys cannot upload (403).
    expected: RECRUITERS(201),
  },
  'GET /api/files/{id}': {
    path: (w) => `/api/files/${w.ids.resume}`,
    // A resume of the owner's interview: the candidate of that interview may read it through their link.
    expected: { ...OWNED(200, { viaKey: false }), otherRecruiter: 403, linkToken: 200 },
  },
  'DELETE /api/files/{id}': {
    path: (w) => `/api/files/${w.ids.resume}`,
    isDestructive: true,
    expected: { ...OWNED(200, { viaKey: false }), otherRecruiter: 403 },
  },
  'GET /api/candidate/interview': {
    path: () => '/api/candidate/interview',
    expected: { ...PUBLIC(401), linkToken: 200 },
  },
  // Each row's world has a PENDING interview without consent: starting, answering and ending are 409.
  'POST /api/candidate/interview/consent': {
    path: () => '/api/candidate/interview/consent',
    body: () => ({ aiInterview: true, recording: false }),
    expected: { ...PUBLIC(401), linkToken: 200 },
  },
  'POST /api/candidate/interview/start': {
    path: () => '/api/candidate/interview/start',
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  'GET /api/candidate/interview/messages': {
    path: () => '/api/candidate/interview/messages',
    expected: { ...PUBLIC(401), linkToken: 200 },
  },
  'POST /api/candidate/interview/messages': {
    path: () => '/api/candidate/interview/messages',
    body: () => ({ id: '00000000-0000-4000-8000-000000000001', content: 'Hello' }),
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  'POST /api/candidate/interview/events': {
    path: () => '/api/candidate/interview/events',
    body: () => ({ type: 'tab_hidden', at: new Date().toISOString() }),
    expected: { ...PUBLIC(401), linkToken: 201 },
  },
  // The matrix's server has no speech services: a link gets as far as "voice is not configured".
  'POST /api/candidate/interview/voice-ticket': {
    path: () => '/api/candidate/interview/voice-ticket',
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  // No Cloud Storage is configured here: the link passes, and is told recording is off (409).
  'POST /api/candidate/interview/recording': {
    path: () => '/api/candidate/interview/recording',
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  'POST /api/candidate/interview/recording/complete': {
    path: () => '/api/candidate/interview/recording/complete',
    body: (w) => ({ objectKey: `recordings/${w.ids.interview}/00000000-0000-4000-8000-000000000000.webm` }),
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  'POST /api/candidate/interview/end': {
    path: () => '/api/candidate/interview/end',
    body: () => ({ reason: 'done' }),
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
  // Only once the interview has ended; the world's has not started.
  'POST /api/candidate/interview/review-request': {
    path: () => '/api/candidate/interview/review-request',
    body: () => ({ reason: 'Please have a person look at it' }),
    expected: { ...PUBLIC(401), linkToken: 409 },
  },
}

let routesInDocument: string[] = []

describe('the authorization matrix', () => {
  beforeAll(async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    routesInDocument = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
  })

  it('has a row for every route of the API, and no row for a route that does not exist', () => {
    expect(
      routesInDocument.filter((route) => !(route in MATRIX)),
      'routes without access rules',
    ).toEqual([])
    expect(
      Object.keys(MATRIX).filter((route) => !routesInDocument.includes(route)),
      'rows for missing routes',
    ).toEqual([])
  })

  it.each(Object.keys(MATRIX))('%s answers each caller as expected', async (route) => {
    const row = MATRIX[route]!
    const method = route.split(' ')[0]!
    const shared = row.isDestructive ? undefined : await createWorld(services)
    const actual: Partial<Expected> = {}
    for (const caller of CALLERS) {
      const world = shared ?? (await createWorld(services))
      const headers: Record<string, string> = { origin: APP_ORIGIN, ...world.headers[caller] }
      if (caller === 'keyWithoutScope' && row.scope === 'results:read')
        Object.assign(headers, world.keyWithoutResults)
      if (caller.startsWith('key') || caller === 'linkToken') delete headers.origin
      const body = row.body?.(world)
      const isForm = body instanceof FormData
      if (body !== undefined && !isForm) headers['content-type'] = 'application/json'
      const response = await app.request(row.path(world), {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        redirect: 'manual',
      })
      actual[caller] = response.status
    }
    expect(actual).toEqual(row.expected)
  })
})
