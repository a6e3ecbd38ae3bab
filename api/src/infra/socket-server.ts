import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { Server } from 'socket.io'
import { withTimeout } from '../lib/async.js'
import type { ConnectErrorData, SocketData, SocketServer } from '../realtime/events.js'
import type { Realtime } from '../realtime/publisher.js'
import { ADMIN_ROOM, signInSessionRoom, userRoom } from '../realtime/publisher.js'
import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { createRedis } from './redis.js'

export const SOCKET_IO_PATH = '/socket.io/'

/** Realtime messages are small JSON events; nothing large travels over socket.io. */
const MAX_MESSAGE_BYTES = 64 * 1024
/** Open tabs per user and instance; more is a runaway client, not a person. */
const MAX_SOCKETS_PER_USER = 20
/** A client that drops for up to this long gets the events it missed when it reconnects. */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000
/**
 * The protective headers of the REST answers (app.ts `secureHeaders`) that matter for engine.io's
 * long-polling answers, which it writes itself, outside Hono. They carry data, never a page.
 */
const ENGINE_RESPONSE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
}

/**
 * socket.io on the API's own HTTP server. CORS only covers long-polling, so the handshake's `Origin`
 * is checked here for every transport. The handshake is authenticated by the session cookie, again
 * on every reconnection; each socket joins its user's room. The Redis Streams adapter carries events
 * between instances and keeps them through a Redis blip, and missed events are replayed to clients
 * that come back within the recovery window.
 */
/**
 * Who a handshake's cookies sign in, or why not. Given by the edge (it knows the cookie and the
 * sign-in sessions), so the socket server itself stays below the services it serves.
 */
export type SocketAuthenticator = (
  cookieHeader: string,
) => Promise<
  | { status: 'signed-in'; userId: string; role: SocketData['role']; signInSessionId: string }
  | { status: 'signed-out' | 'unavailable' }
>

export function createSocketServer(
  httpServer: HttpServer,
  options: { config: Config; logger: Logger; realtime: Realtime; authenticate: SocketAuthenticator },
): { io: SocketServer; close(): Promise<void> } {
  const { config, logger, realtime } = options
  // The adapter gets a connection of its own without the command timeout, and so do the ones it
  // duplicates from it for its stream reader and subscriber. The reader waits in a blocking XREAD
  // for seconds at a time: under a timeout each read would be given up on the client while Redis
  // still holds it, the next would queue behind it, and the events Redis then sends would go to
  // reads nobody awaits any more. Without one it waits out a Redis stall and resumes where it was.
  const adapterRedis = createRedis({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    name: 'vantahire-api:socket.io',
  })
  const io: SocketServer = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Upgrades for other paths belong to the Hono WebSocket routes; engine.io must not close them.
    destroyUpgrade: false,
    cors: { origin: config.allowedOrigins, credentials: true },
    allowRequest: (request, callback) => {
      const isAllowed = isAllowedOrigin(request, config.allowedOrigins)
      if (!isAllowed)
        logger.warn({ origin: request.headers.origin }, 'socket.io handshake refused: origin not allowed')
      callback(isAllowed ? null : 'Origin not allowed', isAllowed)
    },
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    adapter: createAdapter(adapterRedis, {
      // Pub/sub channels are not covered by the client's key prefix, so they carry it themselves.
      channelPrefix: `${config.REDIS_KEY_PREFIX}socket.io`,
      streamName: 'socket.io',
      maxLen: 10_000,
    }),
  })

  // A middleware rather than the `headers` event, so that engine.io's error answers get them too.
  io.engine.use((_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(ENGINE_RESPONSE_HEADERS)) response.setHeader(name, value)
    next()
  })

  io.use(async (socket, next) => {
    const refuse = (data: ConnectErrorData) => {
      logger.info({ code: data.code, socketId: socket.id }, 'socket handshake refused')
      next(Object.assign(new Error(data.message), { data }))
    }
    const result = await options.authenticate(socket.request.headers.cookie ?? '')
    if (result.status !== 'signed-in') {
      return refuse(
        result.status === 'unavailable'
          ? { code: 'SERVICE_UNAVAILABLE', message: 'Live updates are briefly unavailable; retrying.' }
          : { code: 'UNAUTHORIZED', message: 'Sign in to receive live updates.' },
      )
    }
    const { userId, role, signInSessionId } = result
    const open = io.of('/').adapter.rooms.get(userRoom(userId))?.size ?? 0
    if (open >= MAX_SOCKETS_PER_USER) {
      return refuse({
        code: 'RATE_LIMITED',
        message: 'Too many open connections; close some VantaHire tabs.',
      })
    }
    socket.data = { userId, role, signInSessionId }
    next()
  })

  io.on('connection', (socket) => {
    const { userId, role, signInSessionId } = socket.data
    socket.join([
      userRoom(userId),
      signInSessionRoom(signInSessionId),
      ...(role === 'ADMIN' ? [ADMIN_ROOM] : []),
    ])
    logger.info(
      { userId, socketId: socket.id, transport: socket.conn.transport.name, isRecovered: socket.recovered },
      'socket connected',
    )
    // The first event gives the client a position in the event stream, so that after a short drop
    // it can be sent exactly what it missed (connection-state recovery needs that offset).
    if (!socket.recovered) {
      realtime.publish({ socketId: socket.id }, 'system:connected', {
        userId,
        serverTime: new Date(),
      })
    }
    socket.on('system:ping', (ack) => {
      if (typeof ack !== 'function') return
      ack({ ok: true, data: { serverTime: new Date().toISOString() } })
    })
    socket.on('disconnect', (reason) =>
      logger.info({ userId, socketId: socket.id, reason }, 'socket disconnected'),
    )
  })
  realtime.attach(io)

  return {
    io,
    async close() {
      // Stops the adapter's stream reader and subscriber, then its own connection.
      await io.close()
      await withTimeout(adapterRedis.quit(), config.REDIS_COMMAND_TIMEOUT_MS, 'redis').catch(() =>
        adapterRedis.disconnect(),
      )
    },
  }
}

// Non-browser clients send no Origin; they cannot carry a victim's cookies, so they are let through.
function isAllowedOrigin(request: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin
  return origin === undefined || allowedOrigins.includes(origin)
}
