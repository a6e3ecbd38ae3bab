import { randomUUID } from 'node:crypto'
import { sampleFiles } from './file-fixtures.js'
import { uniqueEmail } from './http.js'
import type { World } from './world.js'

/**
 * Requests derived from the OpenAPI document, for tests that call every operation: a valid-ish one
 * per operation, then hostile values in each parameter and body field it describes (one at a time,
 * the others valid) and hostile bodies as a whole.
 */

export type Schema = {
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
export type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: Schema
}
export type Operation = {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
  security?: Record<string, string[]>[]
}
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

/** What each path parameter names in the world, by the path up to it. */
export const PATH_PARAMETERS: Record<string, (world: World) => string> = {
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

export type FuzzRequest = {
  label: string
  path: string
  query: [string, string][]
  body?: { text: string; contentType: string } | { form: FormData }
}

type Mutation = (schema: Schema) => unknown

/** Every operation of the document, as `{ method, path, operation }`. */
export function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
    })),
  )
}

/** The request builders for one document, whose `$ref`s they resolve. */
export function createRequestBuilder(document: OpenApiDocument) {
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
  function buildRequests(
    method: string,
    operation: Operation,
    template: string,
    world: World,
  ): FuzzRequest[] {
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

  return { buildRequests, resolve }
}
