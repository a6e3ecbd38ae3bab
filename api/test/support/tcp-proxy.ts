import { type AddressInfo, createServer, type Server, Socket } from 'node:net'

/**
 * A TCP proxy between the API and Postgres or Redis, so a test can cut a dependency off and bring
 * it back (or slow it down) without touching the shared server that other tests use.
 */
export class TcpProxy {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private port = 0
  latencyMs = 0

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Starts listening (on the same port as before after a `stop`); returns the port. */
  async start(): Promise<number> {
    const server = createServer((client) => this.connect(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  /** Refuses new connections and cuts the open ones, as a crashed dependency would. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private connect(client: Socket) {
    const upstream = new Socket()
    this.sockets.add(client).add(upstream)
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (this.latencyMs === 0) to.write(chunk)
        else setTimeout(() => to.writable && to.write(chunk), this.latencyMs)
      })
    forward(client, upstream)
    forward(upstream, client)
    const closeBoth = () => {
      client.destroy()
      upstream.destroy()
      this.sockets.delete(client)
      this.sockets.delete(upstream)
    }
    client.on('close', closeBoth).on('error', closeBoth)
    upstream.on('close', closeBoth).on('error', closeBoth)
    upstream.connect(this.targetPort, this.targetHost)
  }
}
