import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { join, relative, sep } from 'node:path'
import { closeServer, createLocalServer, listenLocally, localBaseUrl } from './local-server.js'

/**
 * An S3-compatible storage endpoint on 127.0.0.1, as Supabase Storage's S3 protocol answers a
 * read-only client: path-style `GET /<prefix>/<bucket>?list-type=2` (ListObjectsV2, `max-keys` and
 * continuation tokens) and `GET /<prefix>/<bucket>/<key>` (GetObject), serving the files of a local
 * folder with one sub-folder per bucket. Every request must carry a valid AWS Signature Version 4
 * for this fake's key, checked here from the raw request as S3 checks it; errors are S3's XML.
 */
export class FakeS3Server {
  readonly requests: { method: string; path: string }[] = []
  readonly credentials = {
    accessKeyId: 'AKIAVANTAHIRETEST',
    secretAccessKey: 'fake-secret/with+chars',
    region: 'eu-west-2',
  }

  private constructor(
    private readonly server: Server,
    private readonly root: string,
    private readonly pageSize: number,
  ) {}

  static async start(options: { root: string; pageSize?: number }): Promise<FakeS3Server> {
    let fake: FakeS3Server | undefined
    const server = createLocalServer(
      (request, response) => fake?.handle(request, response),
      (response, error) => s3Error(response, 500, 'InternalError', String(error)),
    )
    fake = new FakeS3Server(server, options.root, options.pageSize ?? 1000)
    await listenLocally(server)
    return fake
  }

  /** The endpoint, with a path prefix as Supabase's has. */
  get endpoint(): string {
    return `${localBaseUrl(this.server)}/storage/v1/s3`
  }

  stop(): Promise<void> {
    return closeServer(this.server)
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake')
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname + url.search })
    if (request.method !== 'GET') return s3Error(response, 405, 'MethodNotAllowed', 'read only')
    if (!this.isSigned(request))
      return s3Error(response, 403, 'SignatureDoesNotMatch', 'signature does not match')
    const prefix = '/storage/v1/s3/'
    if (!url.pathname.startsWith(prefix)) return s3Error(response, 404, 'NoSuchBucket', url.pathname)
    const [bucket = '', ...keyParts] = url.pathname.slice(prefix.length).split('/').map(decodeURIComponent)
    const bucketRoot = join(this.root, bucket)
    if (keyParts.length === 0) return this.list(response, bucketRoot, url)
    const key = keyParts.join('/')
    const path = join(bucketRoot, ...keyParts)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile()) return s3Error(response, 404, 'NoSuchKey', key)
    response.writeHead(200, { 'content-length': info.size, 'content-type': 'application/octet-stream' })
    createReadStream(path).pipe(response)
  }

  private async list(response: ServerResponse, bucketRoot: string, url: URL) {
    if (url.searchParams.get('list-type') !== '2')
      return s3Error(response, 400, 'InvalidArgument', 'list-type=2 only')
    const entries = await readdir(bucketRoot, { withFileTypes: true, recursive: true }).catch(() => null)
    if (!entries) return s3Error(response, 404, 'NoSuchBucket', bucketRoot)
    const keys = entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(bucketRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort()
    const token = url.searchParams.get('continuation-token')
    const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0
    const limit = Math.min(this.pageSize, Number(url.searchParams.get('max-keys') ?? 1000))
    const page = keys.slice(start, start + limit)
    const truncated = start + limit < keys.length
    const contents = await Promise.all(
      page.map(async (key) => {
        const size = (await stat(join(bucketRoot, ...key.split('/')))).size
        return `<Contents><Key>${escapeXml(key)}</Key><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`
      }),
    )
    const next = truncated
      ? `<NextContinuationToken>${Buffer.from(String(start + limit)).toString('base64url')}</NextContinuationToken>`
      : ''
    response.writeHead(200, { 'content-type': 'application/xml' })
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${next}${contents.join('')}</ListBucketResult>`,
    )
  }

  /** SigV4 from the request as it arrived: its raw path, its query sorted, the headers it says it signed. */
  private isSigned(request: IncomingMessage): boolean {
    const authorization = request.headers.authorization ?? ''
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        authorization,
      )
    if (!match) return false
    const [, accessKeyId, date, region, signedHeaders = '', signature = ''] = match
    if (accessKeyId !== this.credentials.accessKeyId || region !== this.credentials.region) return false
    const amzDate = String(request.headers['x-amz-date'] ?? '')
    if (!amzDate.startsWith(date ?? '-')) return false
    const query = (request.url ?? '').split('?')[1] ?? ''
    const canonicalQuery = query
      .split('&')
      .filter(Boolean)
      .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
      .sort()
      .join('&')
    const names = signedHeaders.split(';')
    const canonicalRequest = [
      'GET',
      (request.url ?? '/').split('?')[0],
      canonicalQuery,
      ...names.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}`),
      '',
      signedHeaders,
      String(request.headers['x-amz-content-sha256'] ?? ''),
    ].join('\n')
    const scope = `${date}/${region}/s3/aws4_request`
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`
    let key: Buffer = createHmac('sha256', `AWS4${this.credentials.secretAccessKey}`)
      .update(date ?? '')
      .digest()
    for (const part of [region ?? '', 's3', 'aws4_request'])
      key = createHmac('sha256', key).update(part).digest()
    const expected = createHmac('sha256', key).update(stringToSign).digest()
    return timingSafeEqual(expected, Buffer.from(signature, 'hex')) && names.includes('host')
  }
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char,
  )
}

function s3Error(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { 'content-type': 'application/xml' })
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
  )
}
