import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'

/*
 * Node's own request and response behind a Hono context, when the app runs on @hono/node-server
 * (in production and in every test over HTTP); undefined under `app.request()`, which has none.
 * For the few per-request steps where the fetch `Headers` class costs more than the work itself.
 */

export function nodeRequestOf(c: Context): IncomingMessage | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming
}

export function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing
  // Once the answer has begun (a stream, an upgrade), its headers are gone.
  return outgoing && !outgoing.headersSent ? (outgoing as ServerResponse) : undefined
}

/**
 * Sets a header of the answer to come: on Node's response where there is one (the answer's own
 * headers, set later by the route, still win), else through Hono.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const response = nodeResponseOf(c)
  if (response) response.setHeader(name, value)
  else c.header(name, value)
}
