import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../src/realtime/events.js'
import { type RunningServer, startServer } from '../src/server.js'
import { createJob } from './support/factories.js'
import { APP_ORIGIN, TestClient, uniqueEmail } from './support/http.js'
import { createTestServices } from './support/services.js'

/**
 * Invites in bulk from a job, and the outbox they land in when no provider is configured (this
 * product has no Brevo or WhatsApp keys).
 */
const services = createTestServices({ AUTH_DEV_LOGIN: 'true' })
const { app } = createApp(services)
let server: RunningServer

beforeAll(async () => {
  server = await startServer(services, { port: 0, host: '127.0.0.1', isCronEnabled: false })
})
afterAll(async () => {
  await server.close()
  await services.close()
})

async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await check()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function recruiterWithJob(title = 'Platform Engineer') {
  const client = new TestClient(app)
  const user = await client.signIn(uniqueEmail('recruiter'))
  const job = await createJob(services, { recruiterId: user.id, standing: 'live', title })
  return { client, user, jobId: job.id }
}

function csvForm(csv: string, fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'candidates.csv')
  return form
}

/** 500 rows: 480 good ones and 20 bad, at known row numbers, with the reason each must get. */
function candidateList() {
  const tag = Math.random().toString(36).slice(2, 8)
  const lines = ['Name,Email,Phone,Notes']
  const expectedErrors = new Map<number, RegExp>()
  const goodEmails: string[] = []
  for (let row = 1; row <= 500; row++) {
    const email = `cand-${row}-${tag}@example.com`
    // Every 25th row is bad, in turn: no email, an invalid one, an invalid phone, a repeated email.
    const kind = row % 25 === 0 ? (row / 25) % 4 : -1
    if (kind === 0) {
      lines.push(`No Email ${row},,,`)
      expectedErrors.set(row, /^email is missing$/)
    } else if (kind === 1) {
      lines.push(`Bad Email ${row},not-an-email-${row},,`)
      expectedErrors.set(row, /is not a valid address/)
    } else if (kind === 2) {
      lines.push(`Bad Phone ${row},${email},12345,`)
      expectedErrors.set(row, /not in E\.164 form/)
    } else if (kind === 3) {
      const repeated = goodEmails[0]!
      lines.push(`Repeat ${row},${repeated.toUpperCase()},,`)
      expectedErrors.set(row, /^email is already on row 1$/)
    } else {
      // Quoted fields with commas and quotes, as spreadsheets export them.
      lines.push(
        `"Candidate ${row}, Jr.",${email},+1415555${String(row).padStart(4, '0')},"Says ""hi"", likes Go"`,
      )
      goodEmails.push(email)
    }
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, expectedErrors, goodEmails }
}

describe('inviting a job’s candidates in bulk', () => {
  // Five hundred rows and their sends can outlast the usual test time on a loaded two-core machine.
  it('turns a CSV of 500 rows with 20 bad ones into 480 interviews and invites, reporting each bad row', async () => {
    const { client, user, jobId } = await recruiterWithJob()
    const { csv, expectedErrors, goodEmails } = candidateList()
    expect(goodEmails).toHaveLength(480)

    // A dry run: the preview and the row errors, and nothing created.
    const dry = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      body: csvForm(csv, { channels: 'email', dryRun: 'true' }),
    })
    expect(dry.status, JSON.stringify(dry.body).slice(0, 500)).toBe(200)
    expect(dry.body).toMatchObject({ isDryRun: true, batchId: null, totalRows: 500, validRows: 480 })
    expect(dry.body.rejected).toHaveLength(20)
    for (const error of dry.body.rejected as { row: number; reason: string }[]) {
      expect(error.reason, `row ${error.row}`).toMatch(expectedErrors.get(error.row) ?? /never/)
    }
    expect(dry.body.recipients[0]).toEqual({
      row: 1,
      name: 'Candidate 1, Jr.',
      email: goodEmails[0],
      phone: '+14155550001',
      channels: ['email'],
    })
    expect(dry.body.preview.email.subject).toBe('Your interview for Platform Engineer with VantaHire')
    expect(dry.body.preview.email.textContent).toContain('Hi Candidate 1, Jr.,')
    expect(dry.body.delivery).toEqual({ email: 'outbox', whatsapp: 'outbox' })
    expect(await services.prisma.interview.count({ where: { jobId } })).toBe(0)

    // The sends' progress reaches the recruiter's open page.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${client.cookies.get('vh_session')}` },
      reconnection: false,
    })
    const progress: EventEnvelope<'invite:batch'>[] = []
    socket.on('invite:batch', (envelope) => progress.push(envelope))
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    try {
      const sent = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
        method: 'POST',
        body: csvForm(csv, { channels: 'email' }),
      })
      expect(sent.status, JSON.stringify(sent.body).slice(0, 500)).toBe(201)
      const { batchId } = sent.body as { batchId: string }
      expect(sent.body.rejected).toEqual(dry.body.rejected)

      const batch = await eventually(async () => {
        const response = await client.request(`/api/invite-batches/${batchId}`)
        expect(response.status).toBe(200)
        return response.body.batch.isComplete ? response.body.batch : undefined
      }, 'the batch to be sent')
      expect(batch).toMatchObject({
        id: batchId,
        jobId,
        interviewCount: 480,
        counts: { total: 480, pending: 0, sent: 480, failed: 0 },
      })
      expect(batch.rejected).toHaveLength(20)

      const interviews = await services.prisma.interview.findMany({
        where: { jobId },
        select: {
          recruiterId: true,
          jobRole: true,
          candidateEmail: true,
          timeLimitMinutes: true,
          interviewUrl: true,
        },
      })
      expect(interviews).toHaveLength(480)
      expect(new Set(interviews.map((interview) => interview.candidateEmail))).toEqual(new Set(goodEmails))
      expect(interviews.every((interview) => interview.recruiterId === user.id)).toBe(true)
      expect(interviews.every((interview) => interview.jobRole === 'Platform Engineer')).toBe(true)
      expect(interviews.every((interview) => interview.timeLimitMinutes === 30)).toBe(true)
      expect(await services.prisma.interviewSession.count({ where: { interview: { jobId } } })).toBe(480)
      expect(await services.prisma.outboxMessage.count({ where: { interview: { jobId } } })).toBe(480)

      // Each link opens its interview.
      const token = interviews[0]!.interviewUrl!.split('/').at(-1)!
      const opened = await new TestClient(app).request('/api/candidate/interview', {
        headers: { 'x-interview-token': token },
      })
      expect(opened.status).toBe(200)

      const last = await eventually(
        async () => progress.find((event) => event.payload.batchId === batchId && event.payload.isComplete),
        'the last invite:batch event',
      )
      expect(last.payload.counts).toMatchObject({ total: 480, sent: 480, pending: 0 })
    } finally {
      socket.disconnect()
    }
  }, 90_000)

  it('takes pasted rows as JSON; a WhatsApp-only invite needs a phone on each row', async () => {
    const { client, jobId } = await recruiterWithJob()
    const withPhone = uniqueEmail('wa')
    const response = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      json: {
        channels: ['whatsapp'],
        rows: [
          { name: 'Has Phone', email: withPhone, phone: '+44 7700 900456' },
          { name: 'No Phone', email: uniqueEmail('nophone') },
        ],
      },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body.rejected).toEqual([
      {
        row: 2,
        email: expect.any(String),
        reason: 'phone is missing, and WhatsApp is the only channel chosen',
      },
    ])
    const batch = await eventually(async () => {
      const found = (await client.request(`/api/invite-batches/${response.body.batchId}`)).body.batch
      return found.isComplete ? found : undefined
    }, 'the batch')
    expect(batch.counts).toMatchObject({ total: 1, sent: 1 })
    const message = await services.prisma.whatsAppMessage.findFirstOrThrow({
      where: { batchId: response.body.batchId },
    })
    expect(message).toMatchObject({ candidatePhone: '+447700900456', status: 'sent', transport: 'outbox' })
  })

  it('refuses more than 1000 rows, a file without an email column, and another recruiter’s job', async () => {
    const { client, jobId } = await recruiterWithJob()
    const rows = Array.from({ length: 1001 }, (_, index) => `C ${index},c${index}@example.com`)
    const tooMany = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      body: csvForm(`name,email\n${rows.join('\n')}`, { channels: 'email' }),
    })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.message).toContain('more than 1000 rows')

    const noEmail = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      body: csvForm('name,mail\nAda,ada@example.com\n', { channels: 'email' }),
    })
    expect(noEmail.status).toBe(400)

    const unclosedQuote = await client.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      body: csvForm('name,email\n"Ada,ada@example.com\n', { channels: 'email' }),
    })
    expect(unclosedQuote.status).toBe(400)

    const other = new TestClient(app)
    await other.signIn(uniqueEmail('other'))
    const foreign = await other.request(`/api/jobs/${jobId}/invites/bulk`, {
      method: 'POST',
      json: { channels: ['email'], rows: [{ email: uniqueEmail('x') }] },
    })
    expect(foreign.status).toBe(404)
    expect(await services.prisma.interview.count({ where: { jobId } })).toBe(0)
  })
})

describe('the outbox', () => {
  it('holds the rendered invite, marked sent; recruiters read their own, admins all', async () => {
    const owner = new TestClient(app)
    await owner.signIn(uniqueEmail('owner'))
    const candidateEmail = uniqueEmail('candidate')
    const created = await owner.request('/api/interviews', {
      method: 'POST',
      json: { jobRole: 'Data Engineer', candidateEmail, candidateName: 'Mae' },
    })
    const interviewId = created.body.interview.id as string
    const sent = await owner.request(`/api/interviews/${interviewId}/invites`, {
      method: 'POST',
      json: { channels: ['email', 'whatsapp'], phone: '+14155550100' },
    })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    await eventually(async () => {
      const items = (await owner.request(`/api/interviews/${interviewId}/invites`)).body.items as {
        status: string
        transport: string
      }[]
      return items.every((item) => item.status === 'sent' && item.transport === 'outbox') ? items : undefined
    }, 'both messages in the outbox')

    const page = await owner.request('/api/outbox?limit=100')
    expect(page.status).toBe(200)
    expect(page.body.delivery).toEqual({ email: 'outbox', whatsapp: 'outbox' })
    const mine = (page.body.items as { interviewId: string; channel: string }[]).filter(
      (item) => item.interviewId === interviewId,
    )
    expect(mine.map((item) => item.channel).sort()).toEqual(['email', 'whatsapp'])
    const email = page.body.items.find(
      (item: { interviewId: string; channel: string }) =>
        item.interviewId === interviewId && item.channel === 'email',
    )
    expect(email).toMatchObject({
      recipient: candidateEmail,
      candidateName: 'Mae',
      jobRole: 'Data Engineer',
      subject: 'Your interview for Data Engineer with VantaHire',
    })
    expect(email.textContent).toContain(sent.body.link.url)
    expect(email.htmlContent).toContain('<!doctype html>')
    const whatsappOnly = await owner.request('/api/outbox?channel=whatsapp')
    expect(whatsappOnly.body.items.every((item: { channel: string }) => item.channel === 'whatsapp')).toBe(
      true,
    )

    const other = new TestClient(app)
    await other.signIn(uniqueEmail('other'))
    const othersPage = await other.request('/api/outbox?limit=100')
    expect(othersPage.body.items).toEqual([])

    const admin = new TestClient(app)
    await admin.signIn(uniqueEmail('admin'), 'ADMIN')
    const adminsPage = await admin.request('/api/outbox?limit=100')
    expect(
      adminsPage.body.items.filter((item: { interviewId: string }) => item.interviewId === interviewId),
    ).toHaveLength(2)
  })
})
