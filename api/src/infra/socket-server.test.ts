import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJob, createUser } from '../../test/support/factories.js'
import { APP_ORIGIN, uniqueEmail } from '../../test/support/http.js'
import { createTestServices } from '../../test/support/services.js'
import { waitFor } from '../../test/support/wait.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../realtime/events.js'
import { type RunningServer, startServer } from '../server.js'
import { createSignInSession } from '../services/sign-in-sessions.js'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/** How every date leaves the API, in HTTP answers and events alike. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

// Two API instances sharing Postgres and Redis, as behind a load balancer.
const servicesA = createTestServices()
const servicesB = createTestServices()
let instanceA: RunningServer
let instanceB: RunningServer
const openSockets: Client[] = []

beforeAll(async () => {
  instanceA = await startServer(servicesA, { port: 0, host: '127.0.0.1' })
  instanceB = await startServer(servicesB, { port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  for (const socket of openSockets) socket.disconnect()
  await Promise.all([instanceA.close(), instanceB.close()])
  await Promise.all([servicesA.close(), servicesB.close()])
})

async function signedInUser(role: 'RECRUITER' | 'CANDIDATE' = 'RECRUITER') {
  const user = await createUser(servicesA, { role, email: uniqueEmail(role.toLowerCase()) })
  const { token } = await createSignInSession(servicesA, { userId: user.id, role })
  return { user, cookie: `vh_session=${token}` }
}

/** A browser tab's socket on the given instance, recording every event envelope it receives. */
function connect(server: RunningServer, cookie: string, options: { reconnection?: boolean } = {}) {
  const socket: Client = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: { Origin: APP_ORIGIN, Cookie: cookie },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 800,
  })
  openSockets.push(socket)
  const received: EventEnvelope[] = []
  socket.onAny((_event, envelope: EventEnvelope) => received.push(envelope))
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  return { socket, received, connected }
}

/** A change made through instance A's HTTP API, as the recruiter's browser would make it. */
function callA(path: string, cookie: string, init: { method?: string; json?: unknown } = {}) {
  return fetch(`${instanceA.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Origin: APP_ORIGIN, Cookie: cookie, 'Content-Type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
}

describe('live updates across instances', () => {
  it('deliver an event for a change made through instance A to the user’s client on instance B, and to no one else', async () => {
    const recruiter = await signedInUser()
    const other = await signedInUser()
    const mine = connect(instanceB, recruiter.cookie)
    const theirs = connect(instanceB, other.cookie)
    await Promise.all([mine.connected, theirs.connected])

    const response = await callA('/api/interviews', recruiter.cookie, {
      method: 'POST',
      json: { jobRole: 'Platform Engineer', candidateEmail: uniqueEmail('candidate') },
    })
    expect(response.status).toBe(201)
    const { interview } = (await response.json()) as { interview: { id: string; createdAt: string } }

    const envelope = await waitFor(
      () => mine.received.find((event) => event.type === 'interview:created'),
      'interview:created',
    )
    expect(envelope).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'interview:created',
      timestamp: expect.any(String),
      // Dates arrive as the same ISO strings the HTTP answer carries.
      payload: {
        interview: expect.objectContaining({
          id: interview.id,
          jobRole: 'Platform Engineer',
          createdAt: interview.createdAt,
        }),
      },
    })

    const startResponse = await callA(`/api/interviews/${interview.id}/status`, recruiter.cookie, {
      method: 'PATCH',
      json: { status: 'IN_PROGRESS' },
    })
    const { interview: startedInterview } = (await startResponse.json()) as {
      interview: { startedAt: string }
    }
    const started = await waitFor(
      () => mine.received.find((event) => event.type === 'interview:started'),
      'interview:started',
    )
    expect(started.payload).toEqual({
      interviewId: interview.id,
      status: 'IN_PROGRESS',
      startedAt: startedInterview.startedAt,
    })
    expect(startedInterview.startedAt).toMatch(ISO_DATE_TIME)

    // The other recruiter hears only their own welcome.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(theirs.received.map((event) => [event.type, event.payload])).toEqual([
      ['system:connected', { userId: other.user.id, serverTime: expect.stringMatching(ISO_DATE_TIME) }],
    ])
  })

  it('tell the job’s recruiter about a new application, and the candidate about its status', async () => {
    const recruiter = await signedInUser()
    const candidate = await signedInUser('CANDIDATE')
    const job = await createJob(servicesA, {
      recruiterId: recruiter.user.id,
      title: 'Support Engineer',
      standing: 'live',
    })
    const board = connect(instanceB, recruiter.cookie)
    const candidatePage = connect(instanceA, candidate.cookie)
    await Promise.all([board.connected, candidatePage.connected])

    const applied = await callA(`/api/jobs/${job.id}/applications`, candidate.cookie, {
      method: 'POST',
      json: { coverLetter: 'I have supported customers of a payments product for three years.' },
    })
    const { application } = (await applied.json()) as { application: { id: string } }
    const event = await waitFor(
      () => board.received.find((item) => item.type === 'application:new'),
      'application:new',
    )
    expect(event.payload).toMatchObject({ application: { id: application.id, status: 'PENDING' } })

    await callA(`/api/applications/${application.id}`, recruiter.cookie, {
      method: 'PATCH',
      json: { status: 'REVIEWED', notes: 'Private: strong on incidents.' },
    })
    const update = await waitFor(
      () => candidatePage.received.find((item) => item.type === 'application:updated'),
      'application:updated for the candidate',
    )
    expect(update.payload).toMatchObject({
      previousStatus: 'PENDING',
      application: { status: 'REVIEWED', notes: null },
    })
  })

  it('refuse a handshake without a valid session with UNAUTHORIZED', async () => {
    const { connected } = connect(instanceB, 'vh_session=not-a-real-session-id-000000000000000000')
    const error = (await connected.then(
      () => undefined,
      (reason: unknown) => reason,
    )) as Error & { data?: { code: string } }
    expect(error?.data?.code).toBe('UNAUTHORIZED')
  })

  it('close a user’s sockets on every instance when they sign out', async () => {
    const recruiter = await signedInUser()
    const onB = connect(instanceB, recruiter.cookie)
    await onB.connected
    const disconnected = new Promise<string>((resolve) => onB.socket.once('disconnect', resolve))
    expect((await callA('/api/auth/logout', recruiter.cookie, { method: 'POST' })).status).toBe(204)
    expect(await disconnected).toBe('io server disconnect')
  })

  it('replay events missed during a short drop when the client reconnects', async () => {
    const recruiter = await signedInUser()
    const tab = connect(instanceB, recruiter.cookie, { reconnection: true })
    await tab.connected
    // Its first event gives the client its place in the stream, which recovery resumes from.
    await waitFor(() => tab.received.find((event) => event.type === 'system:connected'), 'system:connected')
    const dropped = new Promise<void>((resolve) => tab.socket.once('disconnect', () => resolve()))
    tab.socket.io.engine.close()
    await dropped

    // Made while the client is away.
    const response = await callA('/api/interviews', recruiter.cookie, {
      method: 'POST',
      json: { jobRole: 'Missed While Away', candidateEmail: uniqueEmail('candidate') },
    })
    expect(response.status).toBe(201)

    await waitFor(() => (tab.socket.connected ? true : undefined), 'the reconnection')
    expect(tab.socket.recovered).toBe(true)
    const missed = await waitFor(
      () => tab.received.find((event) => event.type === 'interview:created'),
      'the missed event',
    )
    expect(missed.payload).toMatchObject({ interview: { jobRole: 'Missed While Away' } })
  })
})
