import { createHash, createVerify, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { formatContentRange, formatUnsatisfiedRange, parseByteRange } from '../../src/lib/http-range.js'
import { closeServer, createLocalServer, listenLocally, localBaseUrl } from './local-server.js'

/**
 * Google Cloud Storage on 127.0.0.1 (reference/providers.md §8), as `@google-cloud/storage` and a
 * browser holding V4 signed URLs speak to it:
 * - JSON API: `GET /storage/v1/b/:bucket/o/:object` (metadata, or `?alt=media` bytes with Range and
 *   `x-goog-hash`), `DELETE` the same; uploads at `POST /upload/storage/v1/b/:bucket/o`, resumable
 *   (a session) or multipart (metadata and media in one request).
 * - XML API with V4 signed URLs: `POST /:bucket/:object` with `x-goog-resumable: start` opens a
 *   session (201 + `Location`), `GET /:bucket/:object` reads. Expiry and the RSA signature are
 *   checked against the service account this fake made, as Google checks them.
 * - Resumable sessions: `PUT` with `Content-Range` — 308 + `Range` until the last byte, then 200
 *   with the object resource (real md5 and crc32c); `bytes *\/*` asks where the upload stands.
 * - CORS on every answer, so a page can upload and play from another origin.
 * - Scripted trouble: failing PUTs (`failNextPuts`) and JSON calls (`failNextJsonApi`), and
 *   sessions that are gone (`expireSessions`).
 * One in-memory store serves both APIs.
 */

const CHUNK_MULTIPLE = 256 * 1024

export type FakeObject = {
  bucket: string
  name: string
  data: Buffer
  contentType: string
  generation: string
  timeCreated: string
}

type UploadSession = {
  bucket: string
  name: string
  contentType: string
  received: Buffer[]
  persisted: number
  object: FakeObject | null
}

export type GcsRequest = { method: string; path: string; headers: IncomingMessage['headers'] }

export class FakeGcsServer {
  readonly requests: GcsRequest[] = []
  private readonly objects = new Map<string, FakeObject>()
  private readonly sessions = new Map<string, UploadSession>()
  private clockOffsetMs = 0
  private readonly putFailures: number[] = []
  private readonly jsonApiFailures: number[] = []
  private generation = Date.now() * 1000

  /** A service account key for GCS_CREDENTIALS: signed URLs made with it verify here. */
  readonly serviceAccount: { client_email: string; private_key: string; project_id: string }
  private readonly publicKey: KeyObject

  private constructor(private readonly server: Server) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    this.publicKey = publicKey
    this.serviceAccount = {
      client_email: 'recordings@vantahire-test.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      project_id: 'vantahire-test',
    }
  }

  static async start(): Promise<FakeGcsServer> {
    let fake: FakeGcsServer | undefined
    const server = createLocalServer(
      (request, response) => fake?.handle(request, response),
      (response, error) => jsonError(response, 500, 'backendError', String(error)),
    )
    fake = new FakeGcsServer(server)
    await listenLocally(server)
    return fake
  }

  /** Where GCS_API_ENDPOINT should point. */
  get baseUrl(): string {
    return localBaseUrl(this.server)
  }

  /** GCS_CREDENTIALS as Google hands it out. */
  get credentialsJson(): string {
    return JSON.stringify({ type: 'service_account', ...this.serviceAccount })
  }

  /** Moves the fake's clock, so a signed URL can be seen to expire. */
  advanceClock(ms: number) {
    this.clockOffsetMs += ms
  }

  object(bucket: string, name: string): FakeObject | undefined {
    return this.objects.get(`${bucket}/${name}`)
  }

  putObject(bucket: string, name: string, data: Buffer, contentType = 'application/octet-stream') {
    return this.store(bucket, name, data, contentType)
  }

  /** The session PUTs received, in order: what a chunked upload looked like on the wire. */
  uploadPuts(): GcsRequest[] {
    return this.requests.filter((request) => request.method === 'PUT' && request.path.includes('upload_id='))
  }

  /** The next `count` session PUTs fail with `status` (503 by default) before touching the session. */
  failNextPuts(count: number, status = 503) {
    for (let index = 0; index < count; index++) this.putFailures.push(status)
  }

  /** The next `count` JSON API calls (metadata, media, delete) fail with `status` (503 by default). */
  failNextJsonApi(count: number, status = 503) {
    for (let index = 0; index < count; index++) this.jsonApiFailures.push(status)
  }

  /** Every open upload session is forgotten: their PUTs answer 404, as Google's do after a week. */
  expireSessions() {
    this.sessions.clear()
  }

  reset() {
    this.requests.length = 0
    this.objects.clear()
    this.sessions.clear()
    this.putFailures.length = 0
    this.jsonApiFailures.length = 0
    this.clockOffsetMs = 0
  }

  stop(): Promise<void> {
    return closeServer(this.server)
  }

  private now() {
    return Date.now() + this.clockOffsetMs
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake-gcs')
    const method = request.method ?? 'GET'
    this.requests.push({ method, path: `${url.pathname}${url.search}`, headers: request.headers })
    allowCors(request, response)
    if (method === 'OPTIONS') {
      response.writeHead(200).end()
      return
    }
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(request)
    const segments = url.pathname.split('/').slice(1)

    const uploadId = url.searchParams.get('upload_id')
    if (method === 'PUT' && uploadId) return this.putChunk(request, response, uploadId, body)

    if (segments[0] === 'upload' && segments[1] === 'storage' && segments[2] === 'v1') {
      // /upload/storage/v1/b/:bucket/o
      const bucket = decodeURIComponent(segments[4] ?? '')
      if (method === 'POST' && url.searchParams.get('uploadType') === 'resumable') {
        const name = url.searchParams.get('name') ?? readJsonName(body)
        if (!name) return jsonError(response, 400, 'required', 'Required object name')
        const id = this.openSession(
          bucket,
          name,
          headerOf(request, 'x-upload-content-type') ?? 'application/octet-stream',
        )
        const location = `${this.baseUrl}${url.pathname}?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`
        response.writeHead(200, { location }).end()
        return
      }
      if (method === 'POST' && url.searchParams.get('uploadType') === 'multipart') {
        const parts = readMultipartRelated(headerOf(request, 'content-type'), body)
        if (!parts) return jsonError(response, 400, 'invalid', 'Malformed multipart/related body')
        const name = url.searchParams.get('name') ?? readJsonName(parts.metadata)
        if (!name) return jsonError(response, 400, 'required', 'Required object name')
        const stored = this.store(bucket, name, parts.media, parts.mediaType ?? 'application/octet-stream')
        return sendJson(response, 200, this.resource(stored))
      }
      return jsonError(response, 400, 'invalid', 'Unsupported upload request')
    }

    if (segments[0] === 'storage' && segments[1] === 'v1' && segments[2] === 'b' && segments[4] === 'o') {
      const failure = this.jsonApiFailures.shift()
      if (failure !== undefined) return jsonError(response, failure, 'backendError', 'Scripted failure')
      const bucket = decodeURIComponent(segments[3] ?? '')
      const name = decodeURIComponent(segments.slice(5).join('/'))
      const stored = this.object(bucket, name)
      if (!stored) return jsonError(response, 404, 'notFound', `No such object: ${bucket}/${name}`)
      if (method === 'DELETE') {
        this.objects.delete(`${bucket}/${name}`)
        response.writeHead(204).end()
        return
      }
      if (method !== 'GET') return jsonError(response, 405, 'methodNotAllowed', 'Method not allowed')
      if (url.searchParams.get('alt') === 'media') return sendMedia(request, response, stored)
      return sendJson(response, 200, this.resource(stored))
    }

    // XML API, path style: /:bucket/:object, authorised by a V4 signature in the query.
    if (segments.length < 2) return xmlError(response, 400, 'InvalidURI', 'Couldn’t parse the specified URI.')
    const bucket = decodeURIComponent(segments[0] ?? '')
    const name = segments.slice(1).map(decodeURIComponent).join('/')
    const refusal = this.checkSignature(request, url, method)
    if (refusal) return xmlError(response, refusal.status, refusal.code, refusal.message)
    if (method === 'POST') {
      if (headerOf(request, 'x-goog-resumable') !== 'start')
        return xmlError(response, 400, 'InvalidArgument', 'POST needs x-goog-resumable: start')
      const id = this.openSession(
        bucket,
        name,
        headerOf(request, 'content-type') ?? 'application/octet-stream',
      )
      const location = `${this.baseUrl}${url.pathname}?upload_id=${id}`
      response.writeHead(201, { location, 'content-length': '0' }).end()
      return
    }
    if (method === 'GET' || method === 'HEAD') {
      const stored = this.object(bucket, name)
      if (!stored) return xmlError(response, 404, 'NoSuchKey', 'The specified key does not exist.')
      return sendMedia(request, response, stored)
    }
    return xmlError(
      response,
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
    )
  }

  private openSession(bucket: string, name: string, contentType: string) {
    const id = randomUUID().replaceAll('-', '')
    this.sessions.set(id, { bucket, name, contentType, received: [], persisted: 0, object: null })
    return id
  }

  /** One PUT to a resumable session (cloud.google.com/storage/docs/performing-resumable-uploads). */
  private putChunk(request: IncomingMessage, response: ServerResponse, uploadId: string, body: Buffer) {
    const failure = this.putFailures.shift()
    if (failure !== undefined) return jsonError(response, failure, 'backendError', 'Scripted failure')
    const session = this.sessions.get(uploadId)
    if (!session) return jsonError(response, 404, 'notFound', 'No such upload session')
    const range = parseContentRange(headerOf(request, 'content-range'), body.length)
    if (!range) return jsonError(response, 400, 'invalid', 'Malformed Content-Range')
    if (session.object) return sendJson(response, 200, this.resource(session.object))

    if (range.kind === 'chunk') {
      if (range.start !== session.persisted)
        return jsonError(
          response,
          400,
          'invalid',
          `Chunk starts at ${range.start} but ${session.persisted} bytes are persisted`,
        )
      if (range.end - range.start + 1 !== body.length)
        return jsonError(response, 400, 'invalid', 'Content-Range does not match the body length')
      const isFinal = range.total !== null && range.end + 1 === range.total
      // Google asks for non-final chunks in multiples of 256 KiB; the fake refuses others so a
      // client that gets this wrong is caught here rather than by a half-persisted upload in production.
      if (!isFinal && body.length % CHUNK_MULTIPLE !== 0)
        return jsonError(response, 400, 'invalid', 'Non-final chunks must be a multiple of 256 KiB')
      session.received.push(body)
      session.persisted += body.length
    }
    const total = range.total
    if (total !== null && total === session.persisted) {
      session.object = this.store(
        session.bucket,
        session.name,
        Buffer.concat(session.received),
        session.contentType,
      )
      session.received = []
      return sendJson(response, 200, this.resource(session.object), {
        'x-goog-hash': googHash(session.object.data),
        etag: `"${md5(session.object.data)}"`,
      })
    }
    if (total !== null && total < session.persisted)
      return jsonError(response, 400, 'invalid', 'The total is less than the bytes already persisted')
    const headers: Record<string, string> = { 'content-length': '0' }
    if (session.persisted > 0) headers.range = `bytes=0-${session.persisted - 1}`
    response.writeHead(308, headers).end()
  }

  private store(bucket: string, name: string, data: Buffer, contentType: string): FakeObject {
    this.generation += 1
    const object: FakeObject = {
      bucket,
      name,
      data,
      contentType,
      generation: String(this.generation),
      timeCreated: new Date(this.now()).toISOString(),
    }
    this.objects.set(`${bucket}/${name}`, object)
    return object
  }

  private resource(object: FakeObject) {
    const encoded = encodeURIComponent(object.name)
    return {
      kind: 'storage#object',
      id: `${object.bucket}/${object.name}/${object.generation}`,
      selfLink: `${this.baseUrl}/storage/v1/b/${object.bucket}/o/${encoded}`,
      mediaLink: `${this.baseUrl}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
      name: object.name,
      bucket: object.bucket,
      generation: object.generation,
      metageneration: '1',
      contentType: object.contentType,
      storageClass: 'STANDARD',
      size: String(object.data.length),
      md5Hash: md5(object.data),
      crc32c: crc32cBase64(object.data),
      etag: md5(object.data),
      timeCreated: object.timeCreated,
      updated: object.timeCreated,
    }
  }

  /**
   * Rebuilds the V4 canonical request from what arrived and checks the signature with the service
   * account's public key (cloud.google.com/storage/docs/authentication/signatures). Null when valid.
   */
  private checkSignature(request: IncomingMessage, url: URL, method: string) {
    const query = url.searchParams
    const signature = query.get('X-Goog-Signature')
    const credential = query.get('X-Goog-Credential')
    const date = query.get('X-Goog-Date')
    const expires = Number(query.get('X-Goog-Expires'))
    const signedHeaders = query.get('X-Goog-SignedHeaders')
    if (!signature || !credential || !date || !signedHeaders || !Number.isFinite(expires))
      return { status: 400, code: 'AuthenticationRequired', message: 'Authentication required.' }
    if (query.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256')
      return { status: 400, code: 'InvalidArgument', message: 'Unsupported X-Goog-Algorithm.' }
    const signedAt = Date.parse(
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
    )
    if (Number.isNaN(signedAt))
      return { status: 400, code: 'InvalidArgument', message: 'Malformed X-Goog-Date.' }
    if (this.now() > signedAt + expires * 1000)
      return {
        status: 400,
        code: 'ExpiredToken',
        message: 'Invalid argument. The provided token has expired.',
      }
    const [email, ...scopeParts] = credential.split('/')
    if (email !== this.serviceAccount.client_email)
      return { status: 403, code: 'AccessDenied', message: 'Unknown service account.' }
    const canonicalQuery = [...query.entries()]
      .filter(([key]) => key !== 'X-Goog-Signature')
      .map(([key, value]) => [strictEncode(key), strictEncode(value)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => `${key}=${value}`)
      .join('&')
    const canonicalHeaders = signedHeaders
      .split(';')
      .map((name) => {
        // The SDK signs the host's name without its port (URL.hostname), as Google's host has none.
        const value =
          name === 'host' ? (headerOf(request, 'host') ?? '').replace(/:\d+$/, '') : headerOf(request, name)
        return `${name}:${(value ?? '').trim().replace(/\s{2,}/g, ' ')}\n`
      })
      .join('')
    const canonicalRequest = [
      method,
      url.pathname,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      'UNSIGNED-PAYLOAD',
    ].join('\n')
    const stringToSign = [
      'GOOG4-RSA-SHA256',
      date,
      scopeParts.join('/'),
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n')
    const isValid = createVerify('RSA-SHA256')
      .update(stringToSign)
      .verify(this.publicKey, Buffer.from(signature, 'hex'))
    if (!isValid)
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      }
    return null
  }
}

type ContentRange =
  | { kind: 'chunk'; start: number; end: number; total: number | null }
  | { kind: 'query'; total: number | null }

/** `bytes S-E/T`, `bytes S-E/*`, `bytes *\/T` (finish with what was sent) or `bytes *\/*` (status query). */
function parseContentRange(header: string | undefined, bodyLength: number): ContentRange | null {
  if (header === undefined) {
    // No Content-Range: the whole object in this one request.
    return bodyLength === 0
      ? { kind: 'query', total: 0 }
      : { kind: 'chunk', start: 0, end: bodyLength - 1, total: bodyLength }
  }
  const chunk = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim())
  if (chunk) {
    const [start, end] = [Number(chunk[1]), Number(chunk[2])]
    if (end < start) return null
    return { kind: 'chunk', start, end, total: chunk[3] === '*' ? null : Number(chunk[3]) }
  }
  const query = /^bytes \*\/(\d+|\*)$/.exec(header.trim())
  if (query) return { kind: 'query', total: query[1] === '*' ? null : Number(query[1]) }
  return null
}

function sendMedia(request: IncomingMessage, response: ServerResponse, object: FakeObject) {
  const size = object.data.length
  const range = parseByteRange(headerOf(request, 'range'), size)
  const common = {
    'content-type': object.contentType,
    'accept-ranges': 'bytes',
    'x-goog-generation': object.generation,
    'x-goog-stored-content-length': String(size),
  }
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...common, 'content-range': formatUnsatisfiedRange(size) }).end()
    return
  }
  if (range) {
    const part = object.data.subarray(range.start, range.end + 1)
    response
      .writeHead(206, {
        ...common,
        'content-range': formatContentRange(range, size),
        'content-length': part.length,
      })
      .end(request.method === 'HEAD' ? undefined : part)
    return
  }
  response
    .writeHead(200, { ...common, 'content-length': size, 'x-goog-hash': googHash(object.data) })
    .end(request.method === 'HEAD' ? undefined : object.data)
}

function allowCors(request: IncomingMessage, response: ServerResponse) {
  response.setHeader('access-control-allow-origin', headerOf(request, 'origin') ?? '*')
  response.setHeader('vary', 'Origin')
  response.setHeader('access-control-allow-methods', 'GET, HEAD, PUT, POST, DELETE')
  response.setHeader(
    'access-control-allow-headers',
    headerOf(request, 'access-control-request-headers') ?? 'content-type, content-range, x-goog-resumable',
  )
  response.setHeader(
    'access-control-expose-headers',
    'location, range, content-range, content-length, etag, x-goog-hash',
  )
  response.setHeader('access-control-max-age', '3600')
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(',') : value
}

function readJsonName(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { name?: unknown }
    return typeof parsed.name === 'string' ? parsed.name : undefined
  } catch {
    return undefined
  }
}

/** The SDK's simple upload: a JSON metadata part, then the media part. */
function readMultipartRelated(
  contentType: string | undefined,
  body: Buffer,
): { metadata: Buffer; media: Buffer; mediaType: string | undefined } | null {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType ?? '')?.[1]
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: { headers: string; content: Buffer }[] = []
  let at = body.indexOf(delimiter)
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length)
    if (next === -1) break
    const part = body.subarray(at + delimiter.length, next)
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1)
      // Each part starts after the delimiter's CRLF and ends before the next delimiter's CRLF.
      parts.push({ headers: part.subarray(0, split).toString('utf8'), content: part.subarray(split + 4, -2) })
    at = next
  }
  const [metadata, media] = parts
  if (!metadata || !media) return null
  const mediaType = /content-type:\s*([^\r\n]+)/i.exec(media.headers)?.[1]?.trim()
  return { metadata: metadata.content, media: media.content, mediaType }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers })
    .end(JSON.stringify(body))
}

function jsonError(response: ServerResponse, status: number, reason: string, message: string) {
  sendJson(response, status, {
    error: { code: status, message, errors: [{ domain: 'global', reason, message }] },
  })
}

function xmlError(response: ServerResponse, status: number, code: string, message: string) {
  response
    .writeHead(status, { 'content-type': 'application/xml; charset=UTF-8' })
    .end(
      `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    )
}

/** RFC 3986 encoding, as the V4 canonical query string wants it. */
function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('base64')
}

function googHash(data: Buffer): string {
  return `crc32c=${crc32cBase64(data)},md5=${md5(data)}`
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let index = 0; index < 256; index++) {
    let crc = index
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
    table[index] = crc >>> 0
  }
  return table
})()

/** CRC-32C (Castagnoli), big-endian, in base64: how Cloud Storage states it. */
export function crc32cBase64(data: Buffer): string {
  let crc = 0xffffffff
  for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  const out = Buffer.alloc(4)
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0)
  return out.toString('base64')
}
