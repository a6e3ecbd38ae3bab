import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake's HTTP server: each request goes to `handle`. A request it fails is answered by `fail`
 * (in the provider's own error format), or cut off when its answer had already begun.
 */
export function createLocalServer(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<unknown> | undefined,
  fail: (response: ServerResponse, error: unknown) => void = (response) => response.destroy(),
): Server {
  return createServer((request, response) => {
    handle(request, response)?.catch((error: unknown) => {
      if (!response.headersSent) fail(response, error)
      else response.destroy()
    })
  })
}

/** What every fake provider shares: it listens on a free port of 127.0.0.1, and only there. */
export function listenLocally(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
}

/** The fake's origin, for the provider's base-URL setting. */
export function localBaseUrl(server: Server): string {
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** Stops listening and cuts open connections, so a test's end never waits on a kept-alive socket. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
