import type { Server as HttpServer, IncomingMessage } from 'node:http'
import { Server } from 'socket.io'
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../schemas/socket-events.js'
import type { Services } from './services.js'

export type SocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export const SOCKET_IO_PATH = '/socket.io/'

/** Realtime messages are small JSON events; nothing large travels over socket.io. */
const MAX_MESSAGE_BYTES = 64 * 1024

/**
 * socket.io on the API's own HTTP server. CORS only covers long-polling, so the handshake's
 * `Origin` is checked here for every transport, against the same exact allow-list.
 */
export function createSocketServer(httpServer: HttpServer, services: Services): SocketServer {
  const { config, logger } = services
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
  })

  io.on('connection', (socket) => {
    logger.info({ socketId: socket.id, transport: socket.conn.transport.name }, 'socket connected')
    socket.on('system:ping', (ack) => {
      if (typeof ack !== 'function') return
      ack({ ok: true, data: { serverTime: new Date().toISOString() } })
    })
    socket.on('disconnect', (reason) => logger.info({ socketId: socket.id, reason }, 'socket disconnected'))
  })
  return io
}

// Non-browser clients send no Origin; they cannot carry a victim's cookies, so they are let through.
function isAllowedOrigin(request: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin
  return origin === undefined || allowedOrigins.includes(origin)
}
