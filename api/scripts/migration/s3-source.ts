import { createHash, createHmac } from 'node:crypto'
import { Readable } from 'node:stream'

/**
 * Reads a bucket from an S3-compatible endpoint (Supabase Storage's S3 protocol, MinIO, AWS): list
 * every object with ListObjectsV2 and stream each with GetObject, path-style
 * (`<endpoint>/<bucket>/<key>`), every request signed with AWS Signature Version 4.
 */
export type S3Source = {
  /** For example `https://<project>.supabase.co/storage/v1/s3`. */
  endpoint: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

export type S3Object = { key: string; size: number }

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex')

/** RFC 3986 encoding, as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()

/** The headers that sign a GET of `url` at `now` (exported for the test server, which checks them). */
export function signGet(source: S3Source, url: URL, now = new Date()): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const dateStamp = amzDate.slice(0, 8)
  const canonicalUri = url.pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/')
  const canonicalQuery = [...url.searchParams]
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a = '', x = ''], [b = '', y = '']) => (a === b ? x.localeCompare(y) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  const headers = { host: url.host, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': amzDate }
  const signedHeaders = Object.keys(headers).join(';')
  const canonicalRequest = [
    'GET',
    canonicalUri,
    canonicalQuery,
    ...Object.entries(headers).map(([name, value]) => `${name}:${value}`),
    '',
    signedHeaders,
    EMPTY_SHA256,
  ].join('\n')
  const scope = `${dateStamp}/${source.region}/s3/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  const key = hmac(
    hmac(hmac(hmac(`AWS4${source.secretAccessKey}`, dateStamp), source.region), 's3'),
    'aws4_request',
  )
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  return {
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${source.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  }
}

function objectUrl(source: S3Source, bucket: string, key?: string): URL {
  const base = source.endpoint.replace(/\/+$/, '')
  const path = key === undefined ? '' : `/${key.split('/').map(encode).join('/')}`
  return new URL(`${base}/${encode(bucket)}${path}`)
}

async function signedFetch(source: S3Source, url: URL): Promise<Response> {
  const response = await fetch(url, { headers: signGet(source, url) })
  if (!response.ok) {
    const body = await response.text()
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? 'error'
    throw new Error(`S3 GET ${url.pathname} answered ${response.status} ${code}`)
  }
  return response
}

const unescapeXml = (text: string) =>
  text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
  )

/** Every object in the bucket, page by page (the endpoint decides the page size, at most 1,000). */
export async function* listS3Objects(source: S3Source, bucket: string): AsyncGenerator<S3Object> {
  let token: string | undefined
  do {
    const url = objectUrl(source, bucket)
    url.searchParams.set('list-type', '2')
    if (token) url.searchParams.set('continuation-token', token)
    const xml = await (await signedFetch(source, url)).text()
    for (const [, contents = ''] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
      const key = unescapeXml(/<Key>([\s\S]*?)<\/Key>/.exec(contents)?.[1] ?? '')
      const size = Number(/<Size>(\d+)<\/Size>/.exec(contents)?.[1] ?? 0)
      // Folder placeholders some consoles create hold nothing.
      if (key && !key.endsWith('/')) yield { key, size }
    }
    const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml)
    token = truncated
      ? unescapeXml(/<NextContinuationToken>([\s\S]*?)<\/NextContinuationToken>/.exec(xml)?.[1] ?? '')
      : undefined
  } while (token)
}

/** One object's bytes, as a stream. */
export async function readS3Object(source: S3Source, bucket: string, key: string): Promise<Readable> {
  const response = await signedFetch(source, objectUrl(source, bucket, key))
  if (!response.body) return Readable.from([])
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
}
