import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import { createJob, createUser, uniqueName } from '../../test/support/factories.js'
import { TestClient, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { createApp } from '../app.js'
import { type APPLICATION_STATUSES, nextApplicationStatuses } from '../domain/application-status.js'
import { INTERVIEW_TRANSITIONS } from '../domain/interview-status.js'

const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
afterAll(() => services.close())

type Status = (typeof APPLICATION_STATUSES)[number]

async function signedIn(role: 'RECRUITER' | 'CANDIDATE' = 'RECRUITER') {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail(role.toLowerCase()), role)
  return { client, user }
}

/**
 * One applicant of `jobId`: a candidate account with this name, an application in `status`, and
 * (with `scores`) AI interviews for the job scored so.
 */
async function applicant(
  jobId: string,
  recruiterId: string,
  options: {
    fullName: string
    email?: string
    status?: Status
    appliedAt: Date
    scores?: number[]
    resume?: boolean
    coverLetter?: string
  },
) {
  const { prisma } = services
  const user = await createUser(services, { role: 'CANDIDATE', email: options.email })
  await prisma.user.update({ where: { id: user.id }, data: { fullName: options.fullName } })
  const resume = options.resume
    ? await prisma.file.create({
        data: {
          name: 'cv.pdf',
          mimeType: 'application/pdf',
          size: 4,
          data: Buffer.from('%PDF'),
          category: 'RESUME',
          uploadedBy: user.id,
        },
        select: { id: true },
      })
    : null
  const application = await prisma.jobApplication.create({
    data: {
      jobId,
      candidateId: user.id,
      status: options.status ?? 'PENDING',
      appliedAt: options.appliedAt,
      coverLetter: options.coverLetter ?? 'Hello.',
      resumeFileId: resume?.id,
    },
    select: { id: true },
  })
  for (const score of options.scores ?? []) {
    await prisma.interview.create({
      data: {
        recruiterId,
        jobId,
        candidateEmail: user.email,
        candidateUserId: user.id,
        jobRole: 'Data Engineer',
        status: 'COMPLETED',
        score,
      },
    })
  }
  return { id: application.id, email: user.email, resumeFileId: resume?.id ?? null }
}

const day = (n: number) => new Date(Date.UTC(2026, 5, n, 9))

/** A job with five applicants of different names, statuses, dates, résumés and interview scores. */
async function boardJob() {
  const recruiter = await signedIn()
  const job = await createJob(services, { recruiterId: recruiter.user.id, standing: 'live' })
  const add = (options: Parameters<typeof applicant>[2]) => applicant(job.id, recruiter.user.id, options)
  const ada = await add({ fullName: 'Ada Lovelace', appliedAt: day(1), scores: [62, 88], resume: true })
  const grace = await add({ fullName: 'Grace Hopper', appliedAt: day(2), status: 'REVIEWED', scores: [74] })
  const alan = await add({ fullName: 'Alan Turing', appliedAt: day(3), status: 'REJECTED', resume: true })
  const edsger = await add({
    fullName: 'Edsger Dijkstra',
    email: uniqueEmail('edsger.100%_sure'),
    appliedAt: day(4),
    status: 'SHORTLISTED',
    scores: [91],
  })
  const barbara = await add({ fullName: 'Barbara Liskov', appliedAt: day(5), coverLetter: '=cmd|calc' })
  return { recruiter, job, ada, grace, alan, edsger, barbara }
}

const names = (body: any) => body.items.map((item: any) => item.candidate.fullName)

describe("a job's applications, searched, filtered and sorted", () => {
  it('sorts by date either way and by best interview score, unscored last, with totals per status', async () => {
    const { recruiter, job } = await boardJob()
    const list = (query = '') => recruiter.client.request(`/api/jobs/${job.id}/applications${query}`)

    const newest = await list()
    expect(newest.status, JSON.stringify(newest.body)).toBe(200)
    expect(names(newest.body)).toEqual([
      'Barbara Liskov',
      'Edsger Dijkstra',
      'Alan Turing',
      'Grace Hopper',
      'Ada Lovelace',
    ])
    expect(newest.body.total).toBe(5)
    expect(newest.body.statusCounts).toEqual({
      PENDING: 2,
      REVIEWED: 1,
      SHORTLISTED: 1,
      REJECTED: 1,
      HIRED: 0,
      WITHDRAWN: 0,
    })
    expect(names((await list('?sort=oldest')).body)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Alan Turing',
      'Edsger Dijkstra',
      'Barbara Liskov',
    ])
    const byScore = await list('?sort=score')
    expect(byScore.body.items.map((item: any) => [item.candidate.fullName, item.interviewScore])).toEqual([
      ['Edsger Dijkstra', 91],
      // The best of Ada's two interviews counts.
      ['Ada Lovelace', 88],
      ['Grace Hopper', 74],
      ['Barbara Liskov', null],
      ['Alan Turing', null],
    ])
  })

  it('pages through every sort with cursors, each row once, the total on every page', async () => {
    const { recruiter, job } = await boardJob()
    for (const sort of ['newest', 'oldest', 'score']) {
      const whole = await recruiter.client.request(`/api/jobs/${job.id}/applications?sort=${sort}`)
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const query: string = `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`
        const page = await recruiter.client.request(`/api/jobs/${job.id}/applications${query}`)
        expect(page.status, JSON.stringify(page.body)).toBe(200)
        expect(page.body.total).toBe(5)
        expect(page.body.items.length).toBeLessThanOrEqual(2)
        seen.push(...page.body.items.map((item: any) => item.id))
        cursor = page.body.nextCursor
      } while (cursor)
      expect(seen, sort).toEqual(whole.body.items.map((item: any) => item.id))
    }
  })

  it('searches names and emails, every word, case-insensitive, with LIKE characters taken literally', async () => {
    const { recruiter, job, edsger } = await boardJob()
    const search = async (q: string) =>
      names(
        (await recruiter.client.request(`/api/jobs/${job.id}/applications?q=${encodeURIComponent(q)}`)).body,
      )
    expect(await search('GRACE')).toEqual(['Grace Hopper'])
    expect(await search('lovelace ADA')).toEqual(['Ada Lovelace'])
    expect(await search('turing grace')).toEqual([])
    expect(await search(edsger.email.slice(0, 20))).toEqual(['Edsger Dijkstra'])
    expect(await search('100%_')).toEqual(['Edsger Dijkstra'])
    // Only the one email with a literal % and _ in it matches them.
    expect(await search('%')).toEqual(['Edsger Dijkstra'])
    expect(await search('_')).toEqual(['Edsger Dijkstra'])
    expect(await search('nobody-like-this')).toEqual([])
  })

  it('filters by status, résumé and scored interview, and counts what the filters select', async () => {
    const { recruiter, job } = await boardJob()
    const list = (query: string) => recruiter.client.request(`/api/jobs/${job.id}/applications?${query}`)

    const pending = await list('status=PENDING')
    expect(names(pending.body)).toEqual(['Barbara Liskov', 'Ada Lovelace'])
    expect(pending.body.total).toBe(2)
    // Counts per status ignore the status filter, so the board's other columns keep theirs.
    expect(pending.body.statusCounts.REVIEWED).toBe(1)

    const withResume = await list('hasResume=true')
    expect(names(withResume.body)).toEqual(['Alan Turing', 'Ada Lovelace'])
    expect(withResume.body.total).toBe(2)
    expect(names((await list('hasResume=false&sort=oldest')).body)).toEqual([
      'Grace Hopper',
      'Edsger Dijkstra',
      'Barbara Liskov',
    ])

    const scored = await list('scored=true&sort=score')
    expect(names(scored.body)).toEqual(['Edsger Dijkstra', 'Ada Lovelace', 'Grace Hopper'])
    expect(scored.body.statusCounts).toMatchObject({ PENDING: 1, REVIEWED: 1, SHORTLISTED: 1, REJECTED: 0 })
    expect(names((await list('scored=false&q=alan')).body)).toEqual(['Alan Turing'])

    const combined = await list('status=PENDING&hasResume=true&scored=true')
    expect(names(combined.body)).toEqual(['Ada Lovelace'])
    expect(combined.body.total).toBe(1)
  })

  it('refuses filters it does not know, naming the field', async () => {
    const { recruiter, job } = await boardJob()
    for (const [query, field] of [
      ['sort=name', 'sort'],
      ['hasResume=yes', 'hasResume'],
      ['status=LOST', 'status'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ]) {
      const refused = await recruiter.client.request(`/api/jobs/${job.id}/applications?${query}`)
      expect(refused.status, query).toBe(400)
      expect(refused.body.error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(refused.body.error.details), query).toContain(field)
    }
  })

  it('gives the candidate a total too', async () => {
    const candidate = await signedIn('CANDIDATE')
    const recruiter = await signedIn()
    for (let index = 0; index < 3; index++) {
      const job = await createJob(services, { recruiterId: recruiter.user.id, standing: 'live' })
      await candidate.client.request(`/api/jobs/${job.id}/applications`, {
        method: 'POST',
        json: { coverLetter: 'Hello.' },
      })
    }
    const page = await candidate.client.request('/api/applications/mine?limit=2')
    expect(page.body.items).toHaveLength(2)
    expect(page.body.total).toBe(3)
  })
})

describe('exporting applications as CSV', () => {
  it('streams what the filters select, in their order, with formulas defused', async () => {
    const { recruiter, job, ada } = await boardJob()
    const cookie = [...recruiter.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await app.request(`/api/jobs/${job.id}/applications/export?sort=score&status=PENDING`, {
      headers: { cookie },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=/)
    const bytes = Buffer.from(await response.arrayBuffer())
    // A byte-order mark first, so spreadsheets read it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.startsWith('name,email,status,applied_at,reviewed_at,interview_score,resume_url')).toBe(true)
    const rows = parse(text, { columns: true }) as Record<string, string>[]
    expect(rows.map((row) => [row.name, row.status, row.interview_score])).toEqual([
      ['Ada Lovelace', 'PENDING', '88'],
      ['Barbara Liskov', 'PENDING', ''],
    ])
    expect(rows[0]).toMatchObject({
      email: ada.email,
      applied_at: day(1).toISOString(),
      resume_url: `http://localhost:5173/files/${ada.resumeFileId}/view`,
    })
    expect(rows[1]?.cover_letter).toBe("'=cmd|calc")
  })

  it('exports every one of hundreds of applications, past any page size', async () => {
    const recruiter = await signedIn()
    const job = await createJob(services, { recruiterId: recruiter.user.id, standing: 'live' })
    const { prisma } = services
    const emails = Array.from({ length: 450 }, (_, index) => uniqueEmail(`bulk${index}`))
    await prisma.user.createMany({
      data: emails.map((email) => ({
        email,
        role: 'CANDIDATE' as const,
        provider: 'dev',
        providerId: email,
      })),
    })
    const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true } })
    await prisma.jobApplication.createMany({
      data: users.map((user, index) => ({
        jobId: job.id,
        candidateId: user.id,
        appliedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
      })),
    })
    const response = await recruiter.client.request(`/api/jobs/${job.id}/applications/export?sort=oldest`)
    expect(response.status).toBe(200)
    // The BOM is gone once decoded as text.
    const rows = parse(response.body, { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(450)
    expect(new Set(rows.map((row) => row.email)).size).toBe(450)
    const times = rows.map((row) => row.applied_at)
    expect(times).toEqual([...times].sort())
  })

  it('is refused to other recruiters and for unknown filters before any byte is sent', async () => {
    const { job } = await boardJob()
    const other = await signedIn()
    const hidden = await other.client.request(`/api/jobs/${job.id}/applications/export`)
    expect(hidden.status).toBe(404)
    expect(hidden.body.error.code).toBe('NOT_FOUND')
  })
})

describe('status moves', () => {
  async function pendingApplication() {
    const { recruiter, job, barbara } = await boardJob()
    return { recruiter, job, path: `/api/applications/${barbara.id}` }
  }

  it('answers every application with the moves the domain table allows its caller', async () => {
    const { recruiter, job } = await boardJob()
    const listed = await recruiter.client.request(`/api/jobs/${job.id}/applications`)
    for (const item of listed.body.items) {
      expect(item.nextStatuses, item.status).toEqual(nextApplicationStatuses(item.status, 'recruiter'))
    }
    const candidate = await signedIn('CANDIDATE')
    const applied = await candidate.client.request(`/api/jobs/${job.id}/applications`, {
      method: 'POST',
      json: { coverLetter: 'Hello.' },
    })
    // The candidate's one move is withdrawing, and the interview score is not theirs to see.
    expect(applied.body.application).toMatchObject({ nextStatuses: ['WITHDRAWN'], interviewScore: null })
    const seen = await recruiter.client.request(`/api/applications/${applied.body.application.id}`)
    expect(seen.body.application.nextStatuses).toEqual(['REVIEWED', 'REJECTED'])
  })

  it('refuses a move the table does not allow with INVALID_TRANSITION naming the allowed ones', async () => {
    const { recruiter, path } = await pendingApplication()
    const refused = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'SHORTLISTED' } })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toEqual({
      code: 'INVALID_TRANSITION',
      message: 'An application that is PENDING cannot become SHORTLISTED.',
      requestId: expect.any(String),
      details: { from: 'PENDING', to: 'SHORTLISTED', allowed: ['REVIEWED', 'REJECTED'] },
    })
    const withdrawn = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'WITHDRAWN' } })
    expect(withdrawn.status).toBe(409)
    expect(withdrawn.body.error.code).toBe('INVALID_TRANSITION')
  })

  it('undoes a rejection back to where it was, and reopens a rejected application', async () => {
    const { recruiter, path } = await pendingApplication()
    for (const step of ['REVIEWED', 'SHORTLISTED']) {
      await recruiter.client.request(path, { method: 'PATCH', json: { status: step } })
    }
    const rejected = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'REJECTED' } })
    expect(rejected.body.application.nextStatuses).toEqual(['PENDING', 'REVIEWED', 'SHORTLISTED'])
    const undone = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'SHORTLISTED' } })
    expect(undone.status, JSON.stringify(undone.body)).toBe(200)
    expect(undone.body.application).toMatchObject({
      status: 'SHORTLISTED',
      nextStatuses: ['HIRED', 'REJECTED'],
    })

    const hired = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'HIRED' } })
    expect(hired.body.application.nextStatuses).toEqual(['SHORTLISTED'])
    const backToShortlist = await recruiter.client.request(path, {
      method: 'PATCH',
      json: { status: 'SHORTLISTED' },
    })
    expect(backToShortlist.body.application.status).toBe('SHORTLISTED')
    const rejectedAgain = await recruiter.client.request(path, {
      method: 'PATCH',
      json: { status: 'REJECTED' },
    })
    expect(rejectedAgain.status).toBe(200)
    const reopened = await recruiter.client.request(path, { method: 'PATCH', json: { status: 'REVIEWED' } })
    expect(reopened.body.application.status).toBe('REVIEWED')
  })
})

describe('interviews name their next statuses', () => {
  it('on every answer, from the domain table', async () => {
    const recruiter = await signedIn()
    const created = await recruiter.client.request('/api/interviews', {
      method: 'POST',
      json: { jobRole: uniqueName('Analyst'), candidateEmail: uniqueEmail('candidate'), questions: ['Why?'] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.interview.nextStatuses).toEqual([...INTERVIEW_TRANSITIONS.PENDING])
    const id = created.body.interview.id
    const read = await recruiter.client.request(`/api/interviews/${id}`)
    expect(read.body.interview.nextStatuses).toEqual([...INTERVIEW_TRANSITIONS.PENDING])
    const expired = await recruiter.client.request(`/api/interviews/${id}/status`, {
      method: 'PATCH',
      json: { status: 'EXPIRED' },
    })
    expect(expired.body.interview.nextStatuses).toEqual([])
    const listed = await recruiter.client.request('/api/interviews?limit=100')
    for (const item of listed.body.items) {
      expect(item.nextStatuses).toEqual([
        ...INTERVIEW_TRANSITIONS[item.status as keyof typeof INTERVIEW_TRANSITIONS],
      ])
    }
    const refused = await recruiter.client.request(`/api/interviews/${id}/status`, {
      method: 'PATCH',
      json: { status: 'IN_PROGRESS' },
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'EXPIRED', to: 'IN_PROGRESS', allowed: [] },
    })
  })
})
