// The reference for the API's request stack: a bare Hono app on @hono/node-server answering the
// same liveness JSON as `/health`, in a process of its own. Prints `{"url":…}` on one line once it
// listens; stops on SIGTERM. It listens on PORT when given one (the start-up bench), else on any free port.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono().get('/health', (c) => c.json({ status: 'ok' }))
const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' },
  (info: AddressInfo) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
  },
)
process.once('SIGTERM', () => server.close(() => process.exit(0)))
