import { type AddressInfo, createServer } from 'node:net'

/** A port that was free a moment ago, for servers whose URL must be known before they start. */
export async function getFreePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
