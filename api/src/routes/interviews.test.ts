import { afterAll, describe, expect, it } from 'vitest'
import { countLinks, createJob, recordInterviewResults } from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

async function recruiter() {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail())
  return { client, user }
}

async function createOne(client: TestClient, overrides: Record<string, unknown> = {}) {
  const response = await client.request('/api/interviews', {
    method: 'POST',
    json: {
      jobRole: 'Backend Engineer',
      candidateEmail: uniqueEmail('candidate'),
      candidateName: 'Ada Lovelace',
      questions: ['Tell me about a system you scaled.', 'How do you review code?'],
      ...overrides,
    },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { interview: any; link: any }
}

describe('creating interviews', () => {
  it('stores the recruiter’s questions in order and issues the first link', async () => {
    const { client, user } = await recruiter()
    const { interview, link } = await createOne(client, { type: 'VOICE', timeLimitMinutes: 45 })
    expect(interview).toMatchObject({
      recruiterId: user.id,
      type: 'VOICE',
      timeLimitMinutes: 45,
      status: 'PENDING',
      questions: ['Tell me about a system you scaled.', 'How do you review code?'],
    })
    expect(interview.interviewUrl).toBe(link.url)
    expect(link).toMatchObject({ status: 'ACTIVE', accessCount: 0 })
    const token = link.url.split('/').at(-1)
    const opened = await new TestClient(app).request('/api/candidate/interview', {
      headers: { 'x-interview-token': token },
    })
    expect(opened.status).toBe(200)
  })

  it('explains what is wrong with a bad request', async () => {
    const { client } = await recruiter()
    const response = await client.request('/api/interviews', {
      method: 'POST',
      json: {
        jobRole: '',
        candidateEmail: 'nope',
        timeLimitMinutes: 1,
        questions: [''],
        expiresAt: '2001-01-01T00:00:00Z',
      },
    })
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'candidateEmail',
      'expiresAt',
      'jobRole',
      'questions.0',
      'timeLimitMinutes',
    ])
  })

  it('refuses a job that is not the recruiter’s', async () => {
    const { user: other } = await recruiter()
    const job = await createJob(services, { recruiterId: other.id, title: 'Not yours' })
    const { client } = await recruiter()
    const response = await client.request('/api/interviews', {
      method: 'POST',
      json: { jobRole: 'x', candidateEmail: uniqueEmail(), jobId: job.id },
    })
    expect(response.status).toBe(404)
  })
})

describe('listing interviews', () => {
  it('filters by status and candidate, sorts, and pages with a cursor', async () => {
    const { client } = await recruiter()
    const created = []
    for (const name of ['Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra', 'Ada Lovelace']) {
      created.push((await createOne(client, { candidateName: name })).interview)
    }
    await client.request(`/api/interviews/${created[0].id}/status`, {
      method: 'PATCH',
      json: { status: 'IN_PROGRESS' },
    })

    const first = await client.request('/api/interviews?limit=2')
    expect(first.body.items.map((item: any) => item.id)).toEqual([created[4].id, created[3].id])
    const second = await client.request(`/api/interviews?limit=2&cursor=${first.body.nextCursor}`)
    expect(second.body.items.map((item: any) => item.id)).toEqual([created[2].id, created[1].id])
    const last = await client.request(`/api/interviews?limit=2&cursor=${second.body.nextCursor}`)
    expect(last.body).toEqual({ items: [expect.objectContaining({ id: created[0].id })], nextCursor: null })

    const byName = await client.request('/api/interviews?sort=candidate')
    expect(byName.body.items.map((item: any) => item.candidateName)).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Barbara Liskov',
      'Edsger Dijkstra',
      'Grace Hopper',
    ])
    const inProgress = await client.request('/api/interviews?status=IN_PROGRESS')
    expect(inProgress.body.items.map((item: any) => item.id)).toEqual([created[0].id])
    const search = await client.request('/api/interviews?q=liskov')
    expect(search.body.items.map((item: any) => item.candidateName)).toEqual(['Barbara Liskov'])
  })

  it('shows recruiters only their own; admins see everyone’s', async () => {
    const mine = await recruiter()
    const theirs = await recruiter()
    const own = await createOne(mine.client)
    const foreign = await createOne(theirs.client)
    const list = await mine.client.request('/api/interviews?limit=100')
    const ids = list.body.items.map((item: any) => item.id)
    expect(ids).toContain(own.interview.id)
    expect(ids).not.toContain(foreign.interview.id)

    const admin = new TestClient(app)
    await admin.signIn(uniqueEmail('admin'), 'ADMIN')
    expect((await admin.request(`/api/interviews/${foreign.interview.id}`)).status).toBe(200)
  })

  it('validates its query', async () => {
    const { client } = await recruiter()
    const response = await client.request('/api/interviews?limit=500&status=DONE')
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'limit',
      'status',
    ])
  })
})

describe('changing interviews', () => {
  it('follows the allowed status transitions only', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    const path = `/api/interviews/${interview.id}/status`
    const backwards = await client.request(path, { method: 'PATCH', json: { status: 'COMPLETED' } })
    expect(backwards.status).toBe(409)
    expect(backwards.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'An interview that is PENDING cannot become COMPLETED.',
      details: { from: 'PENDING', to: 'COMPLETED', allowed: ['IN_PROGRESS', 'EXPIRED'] },
    })
    // Every answer names the moves the table allows next.
    expect(interview.nextStatuses).toEqual(['IN_PROGRESS', 'EXPIRED'])

    const started = await client.request(path, { method: 'PATCH', json: { status: 'IN_PROGRESS' } })
    expect(started.body.interview.startedAt).not.toBeNull()
    const completed = await client.request(path, { method: 'PATCH', json: { status: 'COMPLETED' } })
    expect(completed.body.interview).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) })
    expect(started.body.interview.nextStatuses).toEqual(['COMPLETED', 'EXPIRED'])
    expect(completed.body.interview.nextStatuses).toEqual([])
    expect((await client.request(path, { method: 'PATCH', json: { status: 'PENDING' } })).status).toBe(409)
  })

  it('edits a pending interview; once started only notes change', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    const path = `/api/interviews/${interview.id}`
    const edited = await client.request(path, {
      method: 'PATCH',
      json: { questions: ['Only this one.'], timeLimitMinutes: 20 },
    })
    expect(edited.body.interview).toMatchObject({ questions: ['Only this one.'], timeLimitMinutes: 20 })

    await client.request(`${path}/status`, { method: 'PATCH', json: { status: 'IN_PROGRESS' } })
    expect((await client.request(path, { method: 'PATCH', json: { questions: ['Sneaky.'] } })).status).toBe(
      409,
    )
    const notes = await client.request(path, {
      method: 'PATCH',
      json: { candidateNotes: 'Strong on systems.' },
    })
    expect(notes.body.interview.candidateNotes).toBe('Strong on systems.')
  })

  it('deletes an interview with its links', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    expect((await client.request(`/api/interviews/${interview.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await client.request(`/api/interviews/${interview.id}`)).status).toBe(404)
    expect(await countLinks(services, interview.id)).toBe(0)
  })

  it('deletes once when asked several times at once; the others are told it is gone', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        client.request(`/api/interviews/${interview.id}`, { method: 'DELETE' }),
      ),
    )
    expect(
      answers.map((answer) => answer.status).sort(),
      JSON.stringify(answers.map((answer) => answer.body)),
    ).toEqual([204, 404, 404, 404, 404])
    for (const answer of answers.filter((answer) => answer.status === 404))
      expect(answer.body.error.code).toBe('NOT_FOUND')
  })

  it('returns results: transcript in order, score and summary', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    await recordInterviewResults(services, interview.id, {
      messages: [
        {
          role: 'assistant',
          content: 'Tell me about a system you scaled.',
          createdAt: new Date(Date.now() - 2000),
        },
        { role: 'user', content: 'Our billing pipeline.', createdAt: new Date(Date.now() - 1000) },
      ],
      score: 82,
      transcriptSummary: 'Solid.',
    })
    const results = await client.request(`/api/interviews/${interview.id}/results`)
    expect(results.body).toMatchObject({ score: 82, transcriptSummary: 'Solid.' })
    expect(results.body.messages.map((message: any) => message.role)).toEqual(['assistant', 'user'])
  })
})

describe('who may touch an interview', () => {
  it('refuses other recruiters (404), candidates (403) and anonymous callers (401)', async () => {
    const { client } = await recruiter()
    const { interview } = await createOne(client)
    const other = await recruiter()
    const candidate = new TestClient(app)
    await candidate.signIn(uniqueEmail('candidate'), 'CANDIDATE')
    for (const [method, path, json] of [
      ['GET', `/api/interviews/${interview.id}`, undefined],
      ['PATCH', `/api/interviews/${interview.id}`, { candidateNotes: 'x' }],
      ['PATCH', `/api/interviews/${interview.id}/status`, { status: 'EXPIRED' }],
      ['GET', `/api/interviews/${interview.id}/results`, undefined],
      ['DELETE', `/api/interviews/${interview.id}`, undefined],
    ] as const) {
      expect(
        (await other.client.request(path, { method, json })).status,
        `${method} ${path} by another recruiter`,
      ).toBe(404)
      expect(
        (await candidate.request(path, { method, json })).status,
        `${method} ${path} by a candidate`,
      ).toBe(403)
      expect(
        (await new TestClient(app).request(path, { method, json })).status,
        `${method} ${path} anonymously`,
      ).toBe(401)
    }
    expect((await client.request(`/api/interviews/${interview.id}`)).body.interview.status).toBe('PENDING')
  })

  it('lets an integrator create and read interviews and results with the right scopes', async () => {
    const { client } = await recruiter()
    const created = await client.request('/api/api-keys', {
      method: 'POST',
      json: { name: 'ATS', scopes: ['interviews:read', 'interviews:write'] },
    })
    const key = created.body.key
    const integrator = new TestClient(app, { origin: null })
    const auth = { authorization: `Bearer ${key}` }
    const made = await integrator.request('/api/interviews', {
      method: 'POST',
      headers: auth,
      json: { jobRole: 'Data Engineer', candidateEmail: uniqueEmail() },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect((await integrator.request('/api/interviews', { headers: auth })).body.items).toHaveLength(1)
    const results = await integrator.request(`/api/interviews/${made.body.interview.id}/results`, {
      headers: auth,
    })
    expect(results.status).toBe(403)
    expect(results.body.error.message).toBe('This API key lacks the results:read scope.')
    const deleted = await integrator.request(`/api/interviews/${made.body.interview.id}`, {
      method: 'DELETE',
      headers: auth,
    })
    expect(deleted.status).toBe(403)
  })
})
