import { EventEmitter } from 'node:events'
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http'
import { type AddressInfo, Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import type { Services } from './infra/container.js'
import { createSocketServer, SOCKET_IO_PATH } from './infra/socket-server.js'
import { CRON_JOBS } from './jobs/index.js'
import { startCronJobs } from './jobs/registry.js'
import { socketAuthenticator } from './middleware/sign-in-session.js'
import type { SocketServer } from './realtime/events.js'

/**
 * How long a stopping instance still accepts connections, so that those the kernel completed just
 * before the signal are served (with `Connection: close`) rather than reset.
 */
const ACCEPT_GRACE_MS = 500
/** How long a connection closed before its request body arrived keeps taking in (and dropping) the rest. */
const LINGER_MS = 2_000

export type RunningServer = {
  port: number
  url: string
  httpServer: HttpServer
  io: SocketServer
  /** Graceful stop: refuse new work, let in-flight requests finish (bounded), close every socket. */
  close(): Promise<void>
}

/**
 * Starts the HTTP server with the Hono app, socket.io and the Hono WebSocket routes on one port.
 * `@hono/node-ws` ends every upgrade that no Hono route claims, socket.io's included, so it only
 * sees the upgrades that are not for socket.io.
 */
export async function startServer(
  services: Services,
  options: { port: number; host: string; spaRoot?: string; isCronEnabled?: boolean },
): Promise<RunningServer> {
  const { app, injectWebSocket, wss } = createApp(services, { spaRoot: options.spaRoot })
  const httpServer = serve({ fetch: app.fetch, port: options.port, hostname: options.host }) as HttpServer
  await new Promise<void>((resolve, reject) => {
    if (httpServer.listening) return resolve()
    httpServer.once('listening', resolve)
    httpServer.once('error', reject)
  })

  const { io, close: closeSocketServer } = createSocketServer(httpServer, {
    config: services.config,
    logger: services.logger,
    realtime: services.realtime,
    authenticate: socketAuthenticator(services),
  })
  // Answers not yet begun; once shutdown starts they are told to close their connection.
  const unanswered = new Set<ServerResponse>()
  let isListening = true
  httpServer.prependListener('request', (request, response) => {
    lingerWhenClosedEarly(request)
    if (services.lifecycle.isShuttingDown) response.setHeader('Connection', 'close')
    else unanswered.add(response)
    response.once('close', () => {
      unanswered.delete(response)
      // An answer begun before shutdown left its connection open for another request; none will come.
      if (!isListening) httpServer.closeIdleConnections()
    })
  })
  const honoUpgrades = new EventEmitter()
  injectWebSocket(honoUpgrades as unknown as HttpServer)
  httpServer.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith(SOCKET_IO_PATH)) return
    honoUpgrades.emit('upgrade', request, socket, head)
  })

  const port = (httpServer.address() as AddressInfo).port
  // Every instance schedules the jobs; their Redis lock lets one of them run each tick.
  const cron =
    (options.isCronEnabled ?? services.config.CRON_ENABLED) ? startCronJobs(services, CRON_JOBS) : undefined
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      const { SHUTDOWN_TIMEOUT_MS } = services.config
      services.lifecycle.isShuttingDown = true
      const cronStopped = cron?.stop()
      const deadline = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_TIMEOUT_MS)
      // Every answer from now on ends its connection, so keep-alive clients send their next request
      // elsewhere rather than into a connection about to close.
      for (const response of unanswered) if (!response.headersSent) response.setHeader('Connection', 'close')
      // Connections the kernel took just before the signal may not be accepted, or their request not
      // yet read: closing the listener now would reset them, and Node counts a connection whose
      // request it has not read as idle. Readiness already answers 503 meanwhile.
      await new Promise((resolve) => setTimeout(resolve, Math.min(ACCEPT_GRACE_MS, SHUTDOWN_TIMEOUT_MS)))
      // Refuses new connections and closes the idle ones; in-flight requests and uploads finish.
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      isListening = false
      // Upgraded sockets are not the HTTP server's to close. Closing the transports (rather than
      // disconnecting each socket, which clients take as final) makes clients reconnect, to another instance.
      io.engine.close()
      await Promise.all(
        [...services.lifecycle.voiceSessions].map((session) => session.end('server_shutdown')),
      )
      for (const client of wss.clients) client.close(1001, 'server shutting down')
      await stopped
      clearTimeout(deadline)
      await closeSocketServer()
      await cronStopped
    })()
    return closing
  }

  return { port, url: `http://127.0.0.1:${port}`, httpServer, io, close }
}

/**
 * An answer that closes the connection before the request body has arrived (a 413) must not be
 * followed by an immediate close: the unread bytes make the kernel reset the connection, and a
 * client still sending then fails with EPIPE before it reads the answer. So, as RFC 9112 §9.6
 * describes, close our side only and keep reading (and dropping) the rest of the body until the
 * client closes too, for at most LINGER_MS. Node closes through `destroySoon` once such an answer
 * is written; the connection's current request replaces it.
 */
function lingerWhenClosedEarly(request: IncomingMessage): void {
  const socket = request.socket
  if (!(socket instanceof Socket)) return
  socket.destroySoon = function closeAfterClient() {
    if (request.complete) return Socket.prototype.destroySoon.call(socket)
    if (socket.writableEnded) return
    socket.end()
    // The route that was reading the body has stopped; the rest goes nowhere.
    request.removeAllListeners('data')
    request.resume()
    const giveUp = setTimeout(() => socket.destroy(), LINGER_MS)
    socket.once('close', () => clearTimeout(giveUp))
  }
}
