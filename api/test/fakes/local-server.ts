import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

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
