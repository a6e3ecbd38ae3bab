// A process of socket.io clients for `npm run bench:realtime`: the parent forks it with the API's
// URL, sends the session cookies to connect with, and later asks for what each client received.
// The clients live outside the parent and the API processes. Hundreds of them share one process
// here where each would have a browser of its own, so they speak socket.io's wire protocol over a
// bare WebSocket (engine.io v4: `0` open, `40` connect, `2`/`3` ping/pong, `42[…]` events) and only
// look for the benchmark's marker in an event, rather than parse it: the time measured is the
// servers', not the time one process takes to decode a thousand copies of the same event.
import WebSocket from 'ws'

export type SocketClientsRequest =
  | { kind: 'connect'; url: string; cookies: string[] }
  | { kind: 'report' }
  | { kind: 'close' }

/** One delivery: the event's id, which client got it, and how long after its publication. */
export type Delivery = { eventId: string; client: number; latencyMs: number; marker: string }

export type SocketClientsReply =
  | { kind: 'connected'; count: number; failed: number }
  | { kind: 'report'; deliveries: Delivery[] }
  | { kind: 'closed' }

const send = (message: SocketClientsReply) => process.send?.(message)

const sockets: WebSocket[] = []
let deliveries: Delivery[] = []

// The envelope's timestamp is the publishing instance's clock at `publish`, with millisecond
// precision; every process here shares the machine's clock.
const now = () => performance.timeOrigin + performance.now()

// The benchmark tags what it changes (an interview's notes, a job's location) with a marker
// (`bench:<n>`), so deliveries are matched to the change that caused them and stray events ignored.
const MARKER = /"bench:(\d+)"/
const TIMESTAMP = /"timestamp":"([^"]+)"/

function record(client: number, text: string) {
  const receivedAt = now()
  const marker = MARKER.exec(text)?.[1]
  const timestamp = TIMESTAMP.exec(text)?.[1]
  const eventId = /"eventId":"([^"]+)"/.exec(text)?.[1]
  if (marker === undefined || timestamp === undefined || eventId === undefined) return
  deliveries.push({ eventId, client, latencyMs: receivedAt - Date.parse(timestamp), marker })
}

async function connectAll(url: string, cookies: string[]) {
  let failed = 0
  // In groups, as browsers arriving over a few seconds would, not a thousand handshakes at once.
  const GROUP = 50
  for (let start = 0; start < cookies.length; start += GROUP) {
    await Promise.all(
      cookies.slice(start, start + GROUP).map(
        (cookie, offset) =>
          new Promise<void>((resolve) => {
            const client = start + offset
            const socket = new WebSocket(
              `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
              { headers: { Cookie: `vh_session=${cookie}` } },
            )
            socket.on('message', (data) => {
              const text = data.toString()
              if (text.startsWith('42')) return record(client, text)
              if (text === '2') return socket.send('3')
              if (text.startsWith('0')) return socket.send('40')
              if (text.startsWith('40')) {
                sockets.push(socket)
                return resolve()
              }
              if (text.startsWith('44')) {
                failed++
                socket.close()
                resolve()
              }
            })
            socket.once('error', () => {
              failed++
              resolve()
            })
          }),
      ),
    )
  }
  return failed
}

process.on('message', (message: SocketClientsRequest) => {
  void (async () => {
    if (message.kind === 'connect') {
      const failed = await connectAll(message.url, message.cookies)
      send({ kind: 'connected', count: sockets.length, failed })
    }
    if (message.kind === 'report') {
      send({ kind: 'report', deliveries })
      deliveries = []
    }
    if (message.kind === 'close') {
      for (const socket of sockets.splice(0)) socket.close()
      send({ kind: 'closed' })
    }
  })()
})
process.on('disconnect', () => process.exit(0))
