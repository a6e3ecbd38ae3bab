import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../test/support/factories.js'
import { APP_ORIGIN } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import type { Actor } from '../domain/actor.js'
import { sha256Hex } from '../lib/crypto.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../realtime/events.js'
import { type RunningServer, startServer } from '../server.js'
import { approveJob, closeJob, createJob, rejectJob, submitJob, updateJob } from './jobs.js'
import { createSignInSession } from './sign-in-sessions.js'

// The job rules called directly, as a cron job or the interviewer would: no HTTP route in between.
const services = createTestServices()
let server: RunningServer
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = []

beforeAll(async () => {
  server = await startServer(services, { port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await server.close()
  await services.close()
})

/** A signed-in person as services see them, with a browser tab listening for live updates. */
async function personWithOpenTab(role: 'RECRUITER' | 'ADMIN') {
  const user = await createUser(services, { role })
  const { token } = await createSignInSession(services, { userId: user.id, role })
  const actor: Actor = { kind: 'user', userId: user.id, role, signInSessionId: sha256Hex(token) }
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${token}` },
    reconnection: false,
  })
  sockets.push(socket)
  const received: EventEnvelope[] = []
  socket.onAny((_event, envelope: EventEnvelope) => received.push(envelope))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  // Other test files' admins share the admin room, so only this job's events count.
  const jobUpdates = (jobId: string) =>
    received
      .filter((event): event is EventEnvelope<'job:updated'> => event.type === 'job:updated')
      .filter((event) => event.payload.job.id === jobId)
      .map((event) => [event.payload.job.status, event.payload.job.approvalStatus])
  return { user, actor, jobUpdates }
}

async function eventually(assertion: () => void, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return assertion()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

describe('job services', () => {
  it('tell the recruiter and the admins about every change they commit', async () => {
    const recruiter = await personWithOpenTab('RECRUITER')
    const admin = await personWithOpenTab('ADMIN')
    const job = await createJob(services, recruiter.actor, { title: 'Site Reliability Engineer' })

    await submitJob(services, recruiter.actor, { jobId: job.id })
    await rejectJob(services, admin.actor, { jobId: job.id, reason: 'Say where the role is based.' })
    await updateJob(services, recruiter.actor, { jobId: job.id, changes: { location: 'Lisbon' } })
    await submitJob(services, recruiter.actor, { jobId: job.id })
    await approveJob(services, admin.actor, { jobId: job.id })
    await closeJob(services, recruiter.actor, { jobId: job.id })

    const expected = [
      ['ACTIVE', 'PENDING'],
      ['ACTIVE', 'REJECTED'],
      ['ACTIVE', 'REJECTED'],
      ['ACTIVE', 'PENDING'],
      ['ACTIVE', 'APPROVED'],
      ['CLOSED', 'APPROVED'],
    ]
    await eventually(() => expect(recruiter.jobUpdates(job.id)).toEqual(expected))
    await eventually(() => expect(admin.jobUpdates(job.id)).toEqual(expected))
  })

  it('publish nothing for a change they refuse', async () => {
    const recruiter = await personWithOpenTab('RECRUITER')
    const admin = await personWithOpenTab('ADMIN')
    const job = await createJob(services, recruiter.actor, { title: 'Draft only' })

    await expect(approveJob(services, admin.actor, { jobId: job.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await closeJob(services, recruiter.actor, { jobId: job.id })
    await expect(
      updateJob(services, recruiter.actor, { jobId: job.id, changes: { title: 'Reopened?' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })

    await settle()
    expect(recruiter.jobUpdates(job.id)).toEqual([['CLOSED', 'PENDING']])
    expect(admin.jobUpdates(job.id)).toEqual([['CLOSED', 'PENDING']])
  })

  it('check the caller themselves: API keys, other recruiters and non-admins are refused', async () => {
    const recruiter = await personWithOpenTab('RECRUITER')
    const other = await personWithOpenTab('RECRUITER')
    const job = await createJob(services, recruiter.actor, { title: 'Owned by one recruiter' })
    const apiKey: Actor = {
      kind: 'apiKey',
      userId: recruiter.user.id,
      role: 'RECRUITER',
      apiKeyId: 'not-needed-for-the-check',
      scopes: ['interviews:read', 'interviews:write', 'results:read'],
    }

    await expect(submitJob(services, apiKey, { jobId: job.id })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(submitJob(services, { kind: 'anonymous' }, { jobId: job.id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    await expect(submitJob(services, other.actor, { jobId: job.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await submitJob(services, recruiter.actor, { jobId: job.id })
    await expect(approveJob(services, recruiter.actor, { jobId: job.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })

    await settle()
    expect(other.jobUpdates(job.id)).toEqual([])
    expect(recruiter.jobUpdates(job.id)).toEqual([['ACTIVE', 'PENDING']])
  })
})
