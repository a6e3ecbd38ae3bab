import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { ERROR_STATUS } from '../src/lib/errors.js'
import { FakeOidcProvider } from './fakes/oidc-provider.js'
import { APP_ORIGIN } from './support/http.js'
import {
  createRequestBuilder,
  type FuzzRequest,
  type OpenApiDocument,
  operationsOf,
} from './support/openapi-requests.js'
import { createIsolatedTestServices } from './support/services.js'
import { type Caller, createWorld, type World } from './support/world.js'

/**
 * Every operation of the OpenAPI document, as each kind of caller, with hostile values in each
 * parameter and body field it describes — one field at a time, the others valid — and hostile
 * bodies as a whole. No answer may be a 5xx, and every 4xx must be the one error envelope with a
 * code whose status it is.
 *
 * The OAuth routes run against a fake provider, but the callback is never reached through a started
 * sign-in here, so its state never matches and the code exchange is not attempted (oauth.test.ts
 * covers the full round trip).
 */

// Its own database: admin settings changed here are platform-wide. Behind a proxy, each request has
// its own address, so the wrong link tokens sent here never use up one client's failure budget.
const fake = await FakeOidcProvider.start()
const services = await createIsolatedTestServices('fuzz', {
  AUTH_DEV_LOGIN: 'true',
  TRUST_PROXY: 'true',
  GOOGLE_CLIENT_ID: fake.clients.google.clientId,
  GOOGLE_CLIENT_SECRET: fake.clients.google.clientSecret,
  GOOGLE_ISSUER: fake.issuer('google'),
})
const { app } = createApp(services)
afterAll(async () => {
  await services.close()
  await fake.stop()
})

const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument
const OPERATIONS = operationsOf(document)
const { buildRequests } = createRequestBuilder(document)

const FUZZ_CALLERS = ['anonymous', 'candidate', 'owner', 'admin', 'keyWithScope', 'linkToken'] as const

let ipCounter = 0
function uniqueIp() {
  ipCounter++
  return `203.0.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}

async function send(method: string, request: FuzzRequest, headers: Record<string, string>) {
  const query = request.query.map(([name, value]) => `${name}=${value}`).join('&')
  const init: RequestInit = {
    method,
    headers: { origin: APP_ORIGIN, 'x-forwarded-for': uniqueIp(), ...headers },
  }
  if (request.body && method !== 'GET') {
    if ('form' in request.body) init.body = request.body.form
    else {
      init.body = request.body.text
      ;(init.headers as Record<string, string>)['content-type'] = request.body.contentType
    }
  }
  const response = await app.request(`${request.path}${query ? `?${query}` : ''}`, init)
  return { status: response.status, text: await response.text() }
}

/** What is wrong with an answer, or null: no 5xx, and a 4xx is the one envelope with a matching code. */
function describeFault(status: number, text: string): string | null {
  if (status >= 500) return `${status} ${text.slice(0, 300)}`
  if (status < 400) return null
  let body: { error?: Record<string, unknown> } | undefined
  try {
    body = JSON.parse(text)
  } catch {
    return `${status} is not JSON: ${text.slice(0, 200)}`
  }
  const error = body?.error
  const isEnvelope =
    body !== null &&
    typeof body === 'object' &&
    Object.keys(body).join() === 'error' &&
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.requestId === 'string' &&
    Object.keys(error).every((key) => ['code', 'message', 'requestId', 'details'].includes(key))
  if (!isEnvelope) return `${status} is not the error envelope: ${text.slice(0, 200)}`
  const code = error.code as string
  if (!(code in ERROR_STATUS)) return `${status} has an unknown code ${code}`
  if (ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== status) return `${status} has the code ${code}`
  return null
}

let sharedWorld: World
beforeAll(async () => {
  sharedWorld = await prepareWorld()
})

/** A world whose API keys outlast the thousands of requests made here. */
async function prepareWorld(): Promise<World> {
  return createWorld(services, { keyDailyLimit: 1_000_000 })
}

describe('every operation, fed hostile input', () => {
  it('walks every operation of the document, and knows how to fill each parameter and body', () => {
    expect(OPERATIONS.length).toBeGreaterThan(50)
    // Throws, naming what is missing, for a parameter or body this test cannot fill yet.
    for (const { method, path, operation } of OPERATIONS) buildRequests(method, operation, path, sharedWorld)
  })

  it.each(OPERATIONS)(
    '$method $path answers without a 5xx, and every 4xx in the error envelope',
    async ({ method, path, operation }) => {
      // Anything but a read may change what later requests rely on (a link revoked, a session ended).
      const world = method === 'GET' ? sharedWorld : await prepareWorld()
      const faults = await Promise.all(
        FUZZ_CALLERS.map(async (caller: Caller) => {
          const found: string[] = []
          // Built per caller: each gets its own unique values (emails), as factories give each test.
          for (const request of buildRequests(method, operation, path, world)) {
            const { status, text } = await send(method, request, world.headers[caller])
            const fault = describeFault(status, text)
            if (fault) found.push(`${caller}, ${request.label}: ${fault}`)
          }
          return found
        }),
      )
      expect(faults.flat()).toEqual([])
    },
  )
})
