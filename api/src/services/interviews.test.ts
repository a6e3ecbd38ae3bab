import { randomUUID } from 'node:crypto'
import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApplication, createJob, createUser } from '../../test/support/factories.js'
import { APP_ORIGIN, uniqueEmail } from '../../test/support/http.js'
import { createIsolatedTestServices } from '../../test/support/services.js'
import { waitFor } from '../../test/support/wait.js'
import type { Actor } from '../domain/actor.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../realtime/events.js'
import { type RunningServer, startServer } from '../server.js'
import { createInterviewFromApplication } from './applications.js'
import { createInterview } from './interviews.js'
import { createSignInSession, validateSignInSession } from './sign-in-sessions.js'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/** Interviews whose job role starts with one of these are held up, or refused, at COMMIT by the trigger below. */
const SLOW_COMMIT = 'slow-commit:'
const REFUSED_COMMIT = 'refused-commit:'
const COMMIT_DELAY_SECONDS = 0.5

// A database of its own: the trigger must not slow or fail other test files' interviews.
const services = await createIsolatedTestServices('events')
let server: RunningServer
const sockets: Client[] = []

beforeAll(async () => {
  // A deferred constraint trigger runs at COMMIT, after the service's transaction callback has
  // returned: an event published from inside the callback would arrive while the commit is still
  // waiting, or for a commit that then fails.
  await services.pgPool.query(`
    CREATE FUNCTION hold_or_refuse_marked_interview() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW."jobRole" LIKE '${SLOW_COMMIT}%' THEN PERFORM pg_sleep(${COMMIT_DELAY_SECONDS}); END IF;
      IF NEW."jobRole" LIKE '${REFUSED_COMMIT}%' THEN RAISE EXCEPTION 'commit refused by the test trigger'; END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER hold_or_refuse_marked_interview AFTER INSERT ON "Interview"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hold_or_refuse_marked_interview();
  `)
  server = await startServer(services, { port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await server.close()
  await services.close()
})

/**
 * A recruiter as services see them, with a browser tab connected to the server. For every
 * `interview:created` that reaches the tab, whether the interview could be read from Postgres (on
 * another connection) as soon as the event arrived.
 */
async function recruiterWithBrowser() {
  const user = await createUser(services, { role: 'RECRUITER' })
  const { token } = await createSignInSession(
    { redis: services.redis },
    { userId: user.id, role: 'RECRUITER' },
  )
  const session = await validateSignInSession({ redis: services.redis }, { token })
  if (session.status !== 'valid') throw new Error(`session not valid: ${session.status}`)
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    role: 'RECRUITER',
    signInSessionId: session.session.id,
  }

  const socket: Client = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: { Origin: APP_ORIGIN, Cookie: `vh_session=${token}` },
    reconnection: false,
  })
  sockets.push(socket)
  const created: { interviewId: string; wasVisible: Promise<boolean> }[] = []
  socket.on('interview:created', (envelope: EventEnvelope<'interview:created'>) => {
    const interviewId = envelope.payload.interview.id
    const wasVisible = services.prisma.interview
      .findUnique({ where: { id: interviewId }, select: { id: true } })
      .then((row) => row !== null)
    created.push({ interviewId, wasVisible })
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  return { user, actor, created }
}

const newInterview = (jobRole: string) => ({
  jobRole,
  type: 'TEXT' as const,
  timeLimitMinutes: 30,
  candidateEmail: uniqueEmail('candidate'),
  questions: [],
})

describe('interview:created', () => {
  it('reaches the recruiter only once the interview is committed, and never for a commit that failed', async () => {
    const { actor, created } = await recruiterWithBrowser()

    const refusedRole = `${REFUSED_COMMIT}${randomUUID()}`
    await expect(createInterview(services, actor, newInterview(refusedRole))).rejects.toThrow(
      /commit refused by the test trigger/,
    )
    expect(await services.prisma.interview.count({ where: { jobRole: refusedRole } })).toBe(0)

    const slow = await createInterview(services, actor, newInterview(`${SLOW_COMMIT}${randomUUID()}`))
    const event = await waitFor(() => created.at(-1), 'interview:created')
    // The tab's events arrive in the order they were published: had the refused interview published
    // one, it would come before this one.
    expect(created.map((entry) => entry.interviewId)).toEqual([slow.interview.id])
    expect(await event.wasVisible, 'the interview was not yet readable when its event arrived').toBe(true)
  })

  it('for an interview made from an application, goes out after the application’s transaction commits', async () => {
    const { user, actor, created } = await recruiterWithBrowser()
    const candidate = await createUser(services, { role: 'CANDIDATE' })
    const applicationTo = async (title: string) => {
      const job = await createJob(services, { recruiterId: user.id, title, standing: 'live' })
      return createApplication(services, { jobId: job.id, candidateId: candidate.id })
    }
    const fields = { type: 'TEXT' as const, timeLimitMinutes: 30, questions: [] }

    const refused = await applicationTo(`${REFUSED_COMMIT}${randomUUID()}`)
    await expect(
      createInterviewFromApplication(services, actor, { applicationId: refused.id, ...fields }),
    ).rejects.toThrow(/commit refused by the test trigger/)
    expect(await services.prisma.interview.count({ where: { jobId: refused.jobId } })).toBe(0)

    const slow = await applicationTo(`${SLOW_COMMIT}${randomUUID()}`)
    const made = await createInterviewFromApplication(services, actor, { applicationId: slow.id, ...fields })
    const event = await waitFor(() => created.at(-1), 'interview:created')
    expect(created.map((entry) => entry.interviewId)).toEqual([made.interview.id])
    expect(await event.wasVisible, 'the interview was not yet readable when its event arrived').toBe(true)
  })
})
