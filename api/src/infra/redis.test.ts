import { io as connectSocket, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../test/support/factories.js'
import { APP_ORIGIN, waitUntilReady } from '../../test/support/http.js'
import { startRedisServer, type TestRedisServer } from '../../test/support/redis-server.js'
import { createTestServices } from '../../test/support/services.js'
import { waitFor } from '../../test/support/wait.js'
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../realtime/events.js'
import { type RunningServer, startServer } from '../server.js'
import { createSignInSession } from '../services/sign-in-sessions.js'

/** Long enough that a request waiting for Redis to answer is told apart from one that gave up. */
const STALL_MS = 6_000

async function timed(request: Promise<Response>) {
  const startedAt = performance.now()
  const response = await request
  const body: any = await response.json()
  return { status: response.status, headers: response.headers, body, ms: performance.now() - startedAt }
}

describe('a Redis that stalls', () => {
  let redisServer: TestRedisServer
  // Two instances, so that live events still have to cross Redis after the stall.
  let servicesA: ReturnType<typeof createTestServices>
  let servicesB: ReturnType<typeof createTestServices>
  let instanceA: RunningServer
  let instanceB: RunningServer
  let tab: Socket<ServerToClientEvents, ClientToServerEvents> | undefined

  beforeAll(async () => {
    redisServer = await startRedisServer()
    servicesA = createTestServices({ REDIS_URL: redisServer.url, REDIS_COMMAND_TIMEOUT_MS: '1000' })
    servicesB = createTestServices({ REDIS_URL: redisServer.url, REDIS_COMMAND_TIMEOUT_MS: '1000' })
    instanceA = await startServer(servicesA, { port: 0, host: '127.0.0.1' })
    instanceB = await startServer(servicesB, { port: 0, host: '127.0.0.1' })
    await Promise.all([waitUntilReady(instanceA.url), waitUntilReady(instanceB.url)])
  })
  afterAll(async () => {
    redisServer?.resume()
    tab?.disconnect()
    await Promise.all([instanceA?.close(), instanceB?.close()])
    await Promise.all([servicesA?.close(), servicesB?.close()])
    await redisServer?.stop()
  })

  it('answers 503 at once while Redis is silent, and serves fully within a second of its return', async () => {
    const user = await createUser(servicesA)
    const { token } = await createSignInSession(
      { redis: servicesA.redis },
      { userId: user.id, role: 'RECRUITER' },
    )
    const cookie = `vh_session=${token}`
    const fetchMe = () =>
      timed(fetch(`${instanceA.url}/api/auth/me`, { headers: { Origin: APP_ORIGIN, Cookie: cookie } }))
    expect((await fetchMe()).status).toBe(200)

    const received: EventEnvelope[] = []
    tab = connectSocket(instanceB.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: APP_ORIGIN, Cookie: cookie },
      reconnection: false,
    })
    tab.onAny((_event, envelope: EventEnvelope) => received.push(envelope))
    await waitFor(() => received.find((event) => event.type === 'system:connected'), 'system:connected')

    redisServer.pause()
    const resumedAt = new Promise<number>((resolve) =>
      setTimeout(() => {
        redisServer.resume()
        resolve(performance.now())
      }, STALL_MS),
    )

    const during = await fetchMe()
    expect(
      { status: during.status, code: during.body.error?.code, retryAfter: during.headers.get('retry-after') },
      JSON.stringify(during.body),
    ).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' })
    expect(during.ms).toBeLessThan(3_000)

    const ready = await timed(fetch(`${instanceA.url}/ready`))
    expect(ready.status, JSON.stringify(ready.body)).toBe(503)
    expect(ready.body.error.details.checks).toEqual({ postgres: 'ok', redis: 'unreachable' })
    expect(ready.ms).toBeLessThan(3_000)

    // Published while Redis is silent: the streams adapter hands it over once Redis answers again.
    servicesA.realtime.publish({ userIds: [user.id] }, 'interview:deleted', {
      interviewId: 'during-the-stall',
    })

    const resumed = await resumedAt
    let after = await fetchMe()
    while (after.status !== 200 && performance.now() - resumed < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      after = await fetchMe()
    }
    expect(after.status, JSON.stringify(after.body)).toBe(200)
    expect(performance.now() - resumed).toBeLessThan(2_000)
    expect((await timed(fetch(`${instanceA.url}/ready`))).status).toBe(200)

    const isDeleted = (interviewId: string) => () =>
      received.find(
        (event) =>
          event.type === 'interview:deleted' &&
          (event.payload as { interviewId: string }).interviewId === interviewId,
      )
    await waitFor(isDeleted('during-the-stall'), 'the event published during the stall')
    // Events a little apart, as in real use: between two of them the adapter's stream reader sits in
    // a blocking XREAD for longer than a command may take, and must still be reading when one comes.
    for (const gap of [1, 2, 3]) {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      servicesA.realtime.publish({ userIds: [user.id] }, 'interview:deleted', {
        interviewId: `after-gap-${gap}`,
      })
      await waitFor(isDeleted(`after-gap-${gap}`), `the event published after quiet spell ${gap}`, 3_000)
    }
  })
})
