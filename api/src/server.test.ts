import { type Socket as ClientSocket, io as connectSocket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { createUser } from '../test/support/factories.js'
import { waitUntilReady } from '../test/support/http.js'
import { createTestServices } from '../test/support/services.js'
import { TcpProxy } from '../test/support/tcp-proxy.js'
import type { ClientToServerEvents, ServerToClientEvents } from './schemas/socket-events.js'
import { type RunningServer, startServer } from './server.js'
import { createSignInSession } from './services/sign-in-sessions.js'

const ALLOWED_ORIGIN = 'http://localhost:5173'

function openWebSocket(url: string, origin = ALLOWED_ORIGIN) {
  const ws = new WebSocket(url, { headers: { Origin: origin } })
  const messages: any[] = []
  const nextMessage = () =>
    new Promise<any>((resolve, reject) => {
      const take = () => (messages.length > 0 ? resolve(messages.shift()) : setTimeout(take, 5))
      take()
      ws.once('error', reject)
    })
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())))
  return { ws, nextMessage }
}

function connectSocketIo(
  url: string,
  options: { origin?: string; cookie?: string } = {},
): ClientSocket<ServerToClientEvents, ClientToServerEvents> {
  const extraHeaders: Record<string, string> = { Origin: options.origin ?? ALLOWED_ORIGIN }
  if (options.cookie) extraHeaders.Cookie = options.cookie
  return connectSocket(url, { transports: ['websocket'], extraHeaders, reconnection: false })
}

/** A signed-in user's session cookie, as the browser would send it. */
async function sessionCookie(services: ReturnType<typeof createTestServices>) {
  const user = await createUser(services.prisma)
  const { token } = await createSignInSession(services, { userId: user.id, role: 'RECRUITER' })
  return `vh_session=${token}`
}

describe('one port for REST, socket.io and the Hono WebSocket routes', () => {
  const services = createTestServices()
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer(services, { port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server.close()
    await services.close()
  })

  it('serves socket.io over the websocket transport and the connectivity WebSocket at the same time', async () => {
    const socket = connectSocketIo(server.url, { cookie: await sessionCookie(services) })
    const { ws, nextMessage } = openWebSocket(`ws://127.0.0.1:${server.port}/api/ws/connectivity`)
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      expect(socket.io.engine.transport.name).toBe('websocket')
      const ack = await socket.timeout(2_000).emitWithAck('system:ping')
      expect(ack).toEqual({ ok: true, data: { serverTime: expect.any(String) } })

      expect(await nextMessage()).toMatchObject({ type: 'ready' })
      ws.send(JSON.stringify({ type: 'ping', id: 'p1', sentAt: 1234 }))
      expect(await nextMessage()).toEqual({
        type: 'pong',
        id: 'p1',
        sentAt: 1234,
        serverTime: expect.any(String),
      })

      // Both stay usable side by side.
      expect(await socket.timeout(2_000).emitWithAck('system:ping')).toMatchObject({ ok: true })
      ws.send('not json')
      expect(await nextMessage()).toEqual({
        type: 'error',
        error: { code: 'VALIDATION_FAILED', message: 'Messages must be valid JSON.' },
      })
      const response = await fetch(`${server.url}/health`)
      expect(response.status).toBe(200)
    } finally {
      socket.disconnect()
      ws.close()
    }
  })

  it('refuses socket.io handshakes from origins that are not allowed', async () => {
    const socket = connectSocketIo(server.url, {
      origin: 'https://evil.example',
      cookie: await sessionCookie(services),
    })
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve))
    socket.disconnect()
    expect(error.message).toMatch(/websocket error/)
    expect(socket.connected).toBe(false)
  })

  it('refuses WebSocket upgrades from origins that are not allowed', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws/connectivity`, {
      headers: { Origin: 'https://evil.example' },
    })
    ws.on('error', () => undefined)
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode))
      ws.once('open', () => resolve(undefined))
    })
    ws.terminate()
    expect(status).toBe(403)
  })

  it('answers an upgrade to an unknown path with 404 and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws/nowhere`, {
      headers: { Origin: ALLOWED_ORIGIN },
    })
    ws.on('error', () => undefined)
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode))
      ws.once('open', () => resolve(undefined))
    })
    ws.terminate()
    expect(status).toBe(404)
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })
})

describe('graceful close', () => {
  const databaseUrl = new URL(inject('databaseUrl'))
  const slowPostgres = new TcpProxy(databaseUrl.hostname, Number(databaseUrl.port || 5432))
  let services: ReturnType<typeof createTestServices>

  beforeAll(async () => {
    databaseUrl.port = String(await slowPostgres.start())
    services = createTestServices({ DATABASE_URL: databaseUrl.toString() })
  })
  afterAll(async () => {
    await services.close()
    await slowPostgres.stop()
  })

  it('lets an in-flight request finish, closes sockets, and refuses new connections', async () => {
    const server = await startServer(services, { port: 0, host: '127.0.0.1' })
    const socket = connectSocketIo(server.url, { cookie: await sessionCookie(services) })
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve))

    // Warm the pool, then make every Postgres packet take 300 ms: the probe is still running at close.
    await waitUntilReady(server.url)
    slowPostgres.latencyMs = 300
    const inFlight = fetch(`${server.url}/ready`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await server.close()

    expect(await inFlight).toEqual({
      status: 200,
      body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } },
    })
    // A transport close, not a server disconnect: the client reconnects by itself, to another instance.
    expect(await disconnected).toBe('transport close')
    await expect(fetch(`${server.url}/health`)).rejects.toThrow()
    socket.disconnect()
  })
})
