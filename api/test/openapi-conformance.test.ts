import { request as httpRequest } from 'node:http'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeOidcUser } from './fakes/oidc-provider.js'
import {
  createRequestBuilder,
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
  operationsOf,
} from './support/openapi-requests.js'
import { startTestStack } from './support/stack.js'
import { CALLERS, type Caller, createWorld, type World } from './support/world.js'

/**
 * The OpenAPI document tells the truth. Every operation it lists is called over HTTP on the running
 * product — anonymous, signed in as each role, with API keys with and without the scope it needs, and
 * with a candidate link — with a valid request and with hostile values in each parameter and body
 * field. Every answer's status must be one the operation declares, and every JSON answer must match
 * the schema declared for that status. Who may call is checked too: each operation declares its
 * `security`, and the answers of the anonymous caller and of API keys agree with it.
 */

const SIGNED_IN_PERSON: FakeOidcUser = {
  sub: 'conformance-user',
  email: 'conformance@vantahire.test',
  emailVerified: true,
  name: 'Casey Conformance',
}

const SIMPLE_FORMATS: Record<string, RegExp | ((value: string) => boolean)> = {
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
    !Number.isNaN(Date.parse(value)),
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  uri: (value) => URL.canParse(value),
  url: (value) => URL.canParse(value),
  binary: () => true,
}

// Behind a trusted proxy each request names its own address, so the wrong links sent here never use
// up one client's failure budget.
const stack = await startTestStack({ oidcUser: SIGNED_IN_PERSON, env: { TRUST_PROXY: 'true' } })
afterAll(() => stack.stop())
const document = (await (await fetch(`${stack.baseUrl}/api/openapi.json`)).json()) as OpenApiDocument
const OPERATIONS = operationsOf(document)
const { buildRequests } = createRequestBuilder(document)
const validators = compileResponseValidators(document)

const OPERATION_TIMEOUT_MS = 180_000

let sharedWorld: World
beforeAll(async () => {
  sharedWorld = await prepareWorld()
})

/** A world whose API keys outlast the thousands of requests made here. */
function prepareWorld(): Promise<World> {
  return createWorld(stack.services, { keyDailyLimit: 1_000_000 })
}

/** One validator per operation and JSON answer, keyed `METHOD path status`, resolving the document's `$ref`s. */
function compileResponseValidators(doc: OpenApiDocument): Map<string, ValidateFunction> {
  // OpenAPI adds keywords JSON Schema does not know (`example`); they describe, they do not constrain.
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  for (const [name, format] of Object.entries(SIMPLE_FORMATS)) ajv.addFormat(name, format)
  ajv.addSchema({ $id: 'openapi.json', components: doc.components })
  const compiled = new Map<string, ValidateFunction>()
  for (const { method, path, operation } of operationsOf(doc)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const schema = response.content?.['application/json']?.schema
      if (!schema) continue
      const pointed = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'),
      ) as object
      compiled.set(`${method} ${path} ${status}`, ajv.compile(pointed))
    }
  }
  return compiled
}

let ipCounter = 0
function uniqueIp() {
  ipCounter++
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}

/**
 * Sends one request on a connection of its own (as `Connection: close` would): a server that refuses
 * a large body before reading it closes that connection, and a request that reused it would fail for
 * no fault of its own.
 */
async function send(
  method: string,
  request: FuzzRequest,
  headers: Record<string, string>,
): Promise<{ status: number; contentType: string; text: string }> {
  const query = request.query.map(([name, value]) => `${name}=${value}`).join('&')
  const sent: Record<string, string> = { origin: stack.baseUrl, 'x-forwarded-for': uniqueIp(), ...headers }
  let body = Buffer.alloc(0)
  if (request.body && method !== 'GET') {
    // A Response encodes a form as a browser would, boundary and all.
    const encoded =
      'form' in request.body
        ? new Response(request.body.form)
        : new Response(request.body.text, { headers: { 'content-type': request.body.contentType } })
    body = Buffer.from(await encoded.arrayBuffer())
    sent['content-type'] = encoded.headers.get('content-type') ?? ''
    sent['content-length'] = String(body.length)
  }
  const { hostname, port } = new URL(stack.baseUrl)
  return new Promise((resolve) => {
    let answered = false
    const outgoing = httpRequest(
      {
        host: hostname,
        port,
        method,
        path: `${request.path}${query ? `?${query}` : ''}`,
        headers: sent,
        agent: false,
      },
      (response) => {
        answered = true
        const chunks: Buffer[] = []
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          })
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', finish)
        // The server may close the connection once it has answered, before it read all of the body.
        response.on('error', finish)
      },
    )
    outgoing.on('error', (error) => {
      if (!answered) resolve({ status: 0, contentType: '', text: `no answer: ${error.message}` })
    })
    outgoing.end(body)
  })
}

/** What breaks the contract in one answer, or null. */
function describeBreach(
  method: string,
  path: string,
  operation: Operation,
  answer: { status: number; contentType: string; text: string },
): string | null {
  const { status, contentType, text } = answer
  if (status === 0) return text
  const declared = operation.responses[String(status)]
  if (!declared) {
    return `undeclared ${status} (declared: ${Object.keys(operation.responses).join(', ')}): ${text.slice(0, 200)}`
  }
  const validate = validators.get(`${method} ${path} ${status}`)
  if (!validate) return null
  if (!contentType.startsWith('application/json')) return `${status} is ${contentType}, not the declared JSON`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `${status} is not JSON: ${text.slice(0, 200)}`
  }
  if (validate(body)) return null
  const problems = (validate.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath} ${error.message}`)
  return `${status} breaks its schema (${problems.join('; ')}): ${text.slice(0, 300)}`
}

describe('the OpenAPI document', () => {
  it('declares who may call each operation, by schemes it defines', () => {
    expect(OPERATIONS.length).toBeGreaterThan(50)
    const schemes = Object.keys((document.components as { securitySchemes?: object }).securitySchemes ?? {})
    const undeclared: string[] = []
    for (const { method, path, operation } of OPERATIONS) {
      if (!Array.isArray(operation.security)) {
        undeclared.push(`${method} ${path}: no security`)
        continue
      }
      for (const requirement of operation.security) {
        for (const name of Object.keys(requirement)) {
          if (!schemes.includes(name)) undeclared.push(`${method} ${path}: unknown scheme ${name}`)
        }
      }
    }
    expect(undeclared).toEqual([])
  })

  it('knows how to fill every parameter and body it describes', () => {
    // Throws, naming what is missing, for a parameter or body the request builder cannot fill yet.
    for (const { method, path, operation } of OPERATIONS) buildRequests(method, operation, path, sharedWorld)
  })
})

/**
 * What the answers to a valid request say of who may call, against the operation's `security`: an
 * operation that lets the anonymous caller in lists no requirement or an empty one; one that refuses
 * it with 401 lists some; an API key is listed exactly where one is let in.
 */
function describeAccessBreach(operation: Operation, answers: Map<Caller, { status: number; text: string }>) {
  const security = operation.security ?? []
  const isOpen =
    security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0)
  const takesKeys = security.some((requirement) => 'apiKey' in requirement)
  const anonymous = answers.get('anonymous')?.status ?? 0
  const key = answers.get('keyWithScope')
  const found: string[] = []
  // An operation open to anyone for some resources only (public logos) may still refuse the others.
  if (anonymous === 401 && security.length === 0)
    found.push('refuses the anonymous caller (401) but declares it open')
  if (anonymous > 0 && anonymous < 400 && !isOpen)
    found.push(`lets the anonymous caller in (${anonymous}) but declares credentials`)
  if (key?.text.includes('API keys cannot use this route') && takesKeys)
    found.push('refuses API keys but declares them')
  if (key && key.status < 400 && !takesKeys && !isOpen)
    found.push(`lets an API key in (${key.status}) but does not declare it`)
  return found
}

describe('every operation, called by every kind of caller with valid and hostile input', () => {
  it.each(OPERATIONS)(
    '$method $path answers only what it declares, in the declared shape',
    async ({ method, path, operation }) => {
      // Anything but a read may change what later requests rely on (a link revoked, a session ended).
      const world = method === 'GET' ? sharedWorld : await prepareWorld()
      const validAnswers = new Map<Caller, { status: number; text: string }>()
      const breaches = await Promise.all(
        CALLERS.map(async (caller: Caller) => {
          const found: string[] = []
          // Built per caller: each gets its own unique values (emails), as factories give each test.
          const requests = buildRequests(method, operation, path, world)
          for (const [index, request] of requests.entries()) {
            const answer = await send(method, request, world.headers[caller])
            if (index === 0) validAnswers.set(caller, answer)
            const breach = describeBreach(method, path, operation, answer)
            if (breach) found.push(`as ${caller}, ${request.label}: ${breach}`)
          }
          return found
        }),
      )
      expect([...breaches.flat(), ...describeAccessBreach(operation, validAnswers)]).toEqual([])
    },
    // Hundreds of requests for an operation with a large body; they run at the pace of two cores.
    OPERATION_TIMEOUT_MS,
  )
})
