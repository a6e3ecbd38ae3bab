import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { ERROR_STATUS } from '../src/lib/errors.js'
import { FakeOidcProvider } from './fakes/oidc-provider.js'
import { sampleFiles } from './support/file-fixtures.js'
import { APP_ORIGIN, uniqueEmail } from './support/http.js'
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

type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  format?: string
  pattern?: string
  minimum?: number
  default?: unknown
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
}
type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: Schema
}
type Operation = {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument
const OPERATIONS = Object.entries(document.paths).flatMap(([path, operations]) =>
  Object.entries(operations).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    operation,
  })),
)

const FUZZ_CALLERS = ['anonymous', 'candidate', 'owner', 'admin', 'keyWithScope', 'linkToken'] as const

/** What each path parameter names in the world, by the path up to it. */
const PATH_PARAMETERS: Record<string, (world: World) => string> = {
  '/api/auth/{provider}': () => 'google',
  '/api/api-keys/{id}': (world) => world.ids.ownersKey,
  '/api/interviews/{id}': (world) => world.ids.interview,
  '/api/interviews/{id}/sessions/{sessionId}': (world) => world.ids.link,
  '/api/interviews/{id}/invites/{messageId}': (world) => world.ids.inviteMessage,
  '/api/invite-batches/{id}': (world) => world.ids.inviteBatch,
  '/api/jobs/{id}': (world) => world.ids.openJob,
  '/api/public/jobs/{id}': (world) => world.ids.openJob,
  '/api/applications/{id}': (world) => world.ids.application,
  '/api/admin/users/{id}': (world) => world.ids.otherRecruiter,
  '/api/admin/jobs/{id}': (world) => world.ids.submittedJob,
  // The most harmless job: it touches only stored API key counts from before today.
  '/api/admin/background-jobs/{name}': () => 'reset-api-key-counters',
  '/api/files/{id}': (world) => world.ids.resume,
}

/** Just under the 1 MiB JSON body limit, so that the field's own validation answers, not the limit. */
const HUGE = 'x'.repeat(1_000_000)
const DEEP_JSON = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
/** Stands in a body for DEEP_JSON, which is spliced into the JSON text (no stringify is that deep). */
const DEEP_MARKER = '\u0001deep\u0001'
const MISSING = Symbol('missing')

type Mutation = (schema: Schema) => unknown
const VALUE_MUTATIONS: Record<string, Mutation> = {
  nul: () => 'fuzz\u0000text',
  loneSurrogate: () => 'fuzz\ud800text',
  huge: () => HUGE,
  deep: () => DEEP_MARKER,
  wrongType: (schema) => wrongTypeFor(schema),
  null: () => null,
  missing: () => MISSING,
}
/** Already percent-encoded: these go into the URL as they are. */
const URL_MUTATIONS: Record<string, (schema: Schema) => string> = {
  nul: () => 'fuzz%00text',
  loneSurrogate: () => '%ED%A0%80',
  malformed: () => '%E0%A4%A',
  huge: () => HUGE,
  wrongType: (schema) => encodeURIComponent(String(wrongTypeFor(schema, { asText: true }))),
  empty: () => '',
}

type FuzzRequest = {
  label: string
  path: string
  query: [string, string][]
  body?: { text: string; contentType: string } | { form: FormData }
}

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').at(-1) ?? '']!) : schema
}

function typeOf(schema: Schema): string {
  const resolved = resolve(schema)
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type]
  return types.find((type) => type && type !== 'null') ?? (resolved.enum ? 'string' : 'object')
}

/** A value the field accepts, as a form would send it. */
function validValue(schema: Schema): unknown {
  const resolved = resolve(schema)
  if (resolved.enum) return resolved.enum[0]
  if (resolved.default !== undefined) return resolved.default
  switch (typeOf(resolved)) {
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1
    case 'boolean':
      return false
    case 'array':
      return resolved.items ? [validValue(resolved.items)] : []
    case 'object':
      return Object.fromEntries(
        (resolved.required ?? []).map((name) => [name, validValue(resolved.properties?.[name] ?? {})]),
      )
  }
  if (resolved.format === 'email') return uniqueEmail('fuzz')
  if (resolved.format === 'uuid') return randomUUID()
  if (resolved.format === 'date-time') return new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString()
  if (resolved.format === 'uri') return 'https://example.com/fuzz'
  if (resolved.pattern?.startsWith('^#')) return '#336699'
  if (resolved.pattern?.includes('0-9 ()-')) return '+1 555 0100'
  return 'Fuzz text'
}

function wrongTypeFor(schema: Schema, options: { asText?: boolean } = {}): unknown {
  const resolved = resolve(schema)
  if (resolved.enum) return options.asText ? 'NOT_ONE_OF_THEM' : 42
  switch (typeOf(resolved)) {
    case 'integer':
    case 'number':
      return 'not a number'
    case 'boolean':
      return 'maybe'
    case 'array':
      return 'not a list'
    case 'object':
      return 'not an object'
  }
  if (resolved.format === 'uuid') return 'not-a-uuid'
  return options.asText ? '{"not":"text"}' : 12345
}

/** Each field of a body, at any depth, with its schema: `questions` and `questions.0` alike. */
function fieldsOf(schema: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
  const resolved = resolve(schema)
  const type = typeOf(resolved)
  if (type === 'object' && resolved.properties) {
    return Object.entries(resolved.properties).flatMap(([name, child]) => [
      { path: [...path, name], schema: child },
      ...fieldsOf(child, [...path, name]),
    ])
  }
  if (type === 'array' && resolved.items) {
    return [{ path: [...path, '0'], schema: resolved.items }, ...fieldsOf(resolved.items, [...path, '0'])]
  }
  return []
}

/** `body` with the value at `path` replaced (made valid on the way down, so that it is reached). */
function withField(body: unknown, path: string[], schema: Schema, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>
  let parent = copy
  let parentSchema = schema
  for (const key of path.slice(0, -1)) {
    const resolved = resolve(parentSchema)
    const childSchema = (typeOf(resolved) === 'array' ? resolved.items : resolved.properties?.[key]) ?? {}
    if (parent[key] === undefined || parent[key] === null) parent[key] = validValue(childSchema)
    parent = parent[key] as Record<string, unknown>
    parentSchema = childSchema
  }
  const last = path.at(-1) ?? ''
  if (value === MISSING) delete parent[last]
  else parent[last] = value
  return copy
}

function jsonBody(value: unknown) {
  const text = JSON.stringify(value).replaceAll(JSON.stringify(DEEP_MARKER), DEEP_JSON)
  return { text, contentType: 'application/json' }
}

function formBody(fields: Record<string, unknown>, schema: Schema) {
  const form = new FormData()
  const properties = resolve(schema).properties ?? {}
  for (const [name, value] of Object.entries(fields)) {
    if (value === MISSING) continue
    if (properties[name]?.format === 'binary' && typeof value === 'object' && value !== null) {
      const file = value as { filename: string }
      form.append(name, new Blob([new Uint8Array(sampleFiles.png(512))]), file.filename)
    } else form.append(name, String(value === DEEP_MARKER ? DEEP_JSON : value))
  }
  return { form }
}

/** Every request sent for one operation and caller: the valid-ish one, then each mutation. */
function buildRequests(method: string, operation: Operation, template: string, world: World): FuzzRequest[] {
  const parameters = operation.parameters ?? []
  const pathValues = new Map(
    parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => {
        const upTo = template.slice(0, template.indexOf(`{${parameter.name}}`) + parameter.name.length + 2)
        const value = PATH_PARAMETERS[upTo]
        if (!value) throw new Error(`No world value for path parameter ${upTo}: add it to PATH_PARAMETERS`)
        return [parameter.name, encodeURIComponent(value(world))]
      }),
  )
  const buildPath = (overrides: Record<string, string> = {}) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? pathValues.get(name) ?? '')
  const requiredQuery: [string, string][] = parameters
    .filter((parameter) => parameter.in === 'query' && parameter.required)
    .map((parameter) => [parameter.name, encodeURIComponent(String(validValue(parameter.schema)))])

  const unsupported = parameters.find((parameter) => parameter.in !== 'path' && parameter.in !== 'query')
  if (unsupported)
    throw new Error(`${template}: ${unsupported.in} parameters are not fuzzed yet; add them here`)
  const [contentType, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
  if (contentType && contentType !== 'application/json' && contentType !== 'multipart/form-data')
    throw new Error(`${template}: ${contentType} bodies are not fuzzed yet; add them here`)
  const bodySchema = content?.schema ?? { type: 'object' }
  const validBody = validValue(bodySchema) as Record<string, unknown>
  if (contentType === 'multipart/form-data') {
    for (const [name, property] of Object.entries(resolve(bodySchema).properties ?? {})) {
      if (property.format === 'binary') validBody[name] = { filename: 'fuzz.png' }
    }
  }
  const encodeBody = (body: unknown): FuzzRequest['body'] => {
    if (!contentType) return undefined
    return contentType === 'multipart/form-data'
      ? formBody(body as Record<string, unknown>, bodySchema)
      : jsonBody(body)
  }

  const requests: FuzzRequest[] = [
    { label: 'valid-ish', path: buildPath(), query: requiredQuery, body: encodeBody(validBody) },
  ]
  for (const parameter of parameters) {
    for (const [name, mutate] of Object.entries(URL_MUTATIONS)) {
      const label = `${parameter.in} ${parameter.name}: ${name}`
      const value = mutate(parameter.schema)
      if (parameter.in === 'path') {
        requests.push({ label, path: buildPath({ [parameter.name]: value }), query: requiredQuery })
      } else if (parameter.in === 'query') {
        const others = requiredQuery.filter(([other]) => other !== parameter.name)
        requests.push({ label, path: buildPath(), query: [...others, [parameter.name, value]] })
      }
    }
    if (parameter.in === 'query') {
      const valid = encodeURIComponent(String(validValue(parameter.schema)))
      requests.push({
        label: `query ${parameter.name}: repeated`,
        path: buildPath(),
        query: [...requiredQuery, [parameter.name, valid], [parameter.name, valid]],
      })
    }
  }
  for (const field of contentType ? fieldsOf(bodySchema) : []) {
    for (const [name, mutate] of Object.entries(VALUE_MUTATIONS)) {
      let value = mutate(field.schema)
      if (resolve(field.schema).format === 'binary' && typeof value === 'string') {
        value = { filename: value === DEEP_MARKER ? 'fuzz.png' : `${value.slice(0, 1000)}.png` }
      }
      requests.push({
        label: `body ${field.path.join('.')}: ${name}`,
        path: buildPath(),
        query: requiredQuery,
        body: encodeBody(withField(validBody, field.path, bodySchema, value)),
      })
    }
  }
  // Whole bodies, described or not: routes without a body must not trip over one either.
  const hostileBodies: [string, string, string][] = [
    ['malformed JSON', '{"fuzz":', 'application/json'],
    ['deeply nested JSON', DEEP_JSON, 'application/json'],
    ['a NUL as the whole body', '"\\u0000"', 'application/json'],
    ['an array for an object', '[]', 'application/json'],
    ['JSON sent as text/plain', JSON.stringify(validBody), 'text/plain'],
    ['a body over the limit', `"${HUGE}${'x'.repeat(100_000)}"`, 'application/json'],
  ]
  // A GET has no body to send.
  for (const [label, text, type] of method === 'GET' ? [] : hostileBodies) {
    requests.push({
      label: `body: ${label}`,
      path: buildPath(),
      query: requiredQuery,
      body: { text, contentType: type },
    })
  }
  requests.push({
    label: 'query: an undescribed parameter with a NUL',
    path: buildPath(),
    query: [...requiredQuery, ['fuzz', '%00']],
  })
  return requests
}

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
