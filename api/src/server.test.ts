import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { type Socket as ClientSocket, io as connectSocket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { createUser } from '../test/support/factories.js'
import { sampleFiles } from '../test/support/file-fixtures.js'
import { waitUntilReady } from '../test/support/http.js'
import { createTestServices } from '../test/support/services.js'
import { TcpProxy } from '../test/support/tcp-proxy.js'
import type { ClientToServerEvents, ServerToClientEvents } from './realtime/events.js'
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
  const user = await createUser(services)
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

  it("gives socket.io's long-polling answers the REST answers' protective headers", async () => {
    const rest = (await fetch(`${server.url}/health`)).headers
    const polling = `${server.url}/socket.io/?EIO=4&transport=polling`
    const headers = { Origin: ALLOWED_ORIGIN, Cookie: await sessionCookie(services) }
    const handshake = await fetch(polling, { headers })
    const handshakeBody = await handshake.text()
    expect(handshake.status, handshakeBody).toBe(200)
    const { sid } = JSON.parse(handshakeBody.slice(1)) as { sid: string }
    const connect = await fetch(`${polling}&sid=${sid}`, { method: 'POST', headers, body: '40' })
    expect(connect.status, await connect.text()).toBe(200)
    const poll = await fetch(`${polling}&sid=${sid}`, { headers })
    expect(poll.status, await poll.text()).toBe(200)
    const unknownSession = await fetch(`${polling}&sid=not-a-session`, { headers })
    expect(unknownSession.status, await unknownSession.text()).toBe(400)

    for (const [what, response] of Object.entries({ handshake, connect, poll, unknownSession })) {
      expect(
        {
          nosniff: response.headers.get('x-content-type-options'),
          frameOptions: response.headers.get('x-frame-options'),
          frameAncestors: /frame-ancestors 'none'/.test(
            response.headers.get('content-security-policy') ?? '',
          ),
          referrerPolicy: response.headers.get('referrer-policy'),
        },
        what,
      ).toEqual({
        nosniff: rest.get('x-content-type-options'),
        frameOptions: rest.get('x-frame-options'),
        frameAncestors: true,
        referrerPolicy: rest.get('referrer-policy'),
      })
    }
    expect(rest.get('x-content-type-options')).toBe('nosniff')
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

type Answer = { status: number; headers: IncomingHttpHeaders; body: string; isReusedSocket: boolean }

/**
 * Sends one request on `agent` and writes `chunks` as its body for as long as the server has not
 * answered, like a browser uploading a file. Fails only when no complete answer arrives.
 */
function send(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: Iterable<Buffer> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    let isAnswered = false
    const request = httpRequest(url, {
      agent,
      method: options.method ?? 'GET',
      headers: { origin: ALLOWED_ORIGIN, ...options.headers },
    })
    request.on('error', (error) => {
      if (!isAnswered) reject(error)
    })
    request.on('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('error', (error) => {
        if (!isAnswered) reject(error)
      })
      response.on('end', () => {
        isAnswered = true
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body,
          isReusedSocket: request.reusedSocket,
        })
      })
    })
    const chunks = options.chunks?.[Symbol.iterator]()
    const write = () => {
      for (let next = chunks?.next(); next && !next.done; next = chunks?.next()) {
        if (isAnswered || request.destroyed) return
        if (!request.write(next.value)) return void request.once('drain', write)
      }
      if (!request.destroyed) request.end()
    }
    write()
  })
}

/** A multipart logo upload whose file part is `fileBytes` long, in 64 KB chunks. */
function* logoUpload(fileBytes: number, boundary: string): Generator<Buffer> {
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nLOGO\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
  )
  const chunk = sampleFiles.png(64 * 1024)
  for (let sent = 0; sent < fileBytes; sent += chunk.length)
    yield chunk.subarray(0, Math.min(chunk.length, fileBytes - sent))
  yield Buffer.from(`\r\n--${boundary}--\r\n`)
}

describe('413 on a keep-alive connection', () => {
  const services = createTestServices()
  let server: RunningServer
  let cookie: string
  // One socket at a time, so that the request after a 413 goes wherever the agent thinks is open.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  beforeAll(async () => {
    server = await startServer(services, { port: 0, host: '127.0.0.1' })
    cookie = await sessionCookie(services)
  })
  afterAll(async () => {
    agent.destroy()
    await server.close()
    await services.close()
  })

  /** The 413 closes its connection after a complete JSON answer, and the next request gets a fresh one. */
  async function expectRefusedThenServed(refusal: Promise<Answer>, message: string) {
    const refused = await refusal
    expect(refused.status, refused.body).toBe(413)
    expect(refused.headers.connection).toBe('close')
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message, requestId: expect.any(String) },
    })
    const next = await send(agent, `${server.url}/health`)
    expect({ status: next.status, body: next.body, isReusedSocket: next.isReusedSocket }).toEqual({
      status: 200,
      body: '{"status":"ok"}',
      isReusedSocket: false,
    })
  }

  it('for a JSON body over the limit', async () => {
    // A request first, so that the oversized one travels on a connection already kept alive.
    expect((await send(agent, `${server.url}/health`)).status).toBe(200)
    const body = Buffer.from(JSON.stringify({ candidateName: 'x'.repeat(2 * 1024 * 1024) }))
    const refusal = send(agent, `${server.url}/api/interviews`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'content-length': String(body.length) },
      chunks: [body],
    })
    await expectRefusedThenServed(refusal, 'The request body is larger than 1024 KB.')
  })

  it('for an upload whose Content-Length is over the limit', async () => {
    const chunks = [...logoUpload(3 * 1024 * 1024, 'declared')]
    const refusal = send(agent, `${server.url}/api/files`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'multipart/form-data; boundary=declared',
        'content-length': String(chunks.reduce((total, chunk) => total + chunk.length, 0)),
      },
      chunks,
    })
    await expectRefusedThenServed(refusal, 'A logo can be at most 2 MB.')
  })

  it('for a streamed upload that passes the limit while the client is still sending', async () => {
    // Several times: a server that closes at once resets the connection while the client writes,
    // and the client then loses the answer only now and then.
    for (let attempt = 0; attempt < 5; attempt++) {
      const refusal = send(agent, `${server.url}/api/files`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'multipart/form-data; boundary=streamed' },
        chunks: logoUpload(30 * 1024 * 1024, 'streamed'),
      })
      await expectRefusedThenServed(refusal, 'A logo can be at most 2 MB.')
    }
  })
})
