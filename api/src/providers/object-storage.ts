import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Bucket } from '@google-cloud/storage'

/*
 * Interview recordings in Google Cloud Storage (reference/providers.md §8). Browsers upload and
 * play straight to and from the bucket through V4 signed URLs, signed here with the service
 * account's own key, so no video passes through the API.
 */

export type StoredObject = { size: number; contentType: string | null }

/** Where the SDK, and the URLs it signs, go unless told otherwise. */
export const GCS_DEFAULT_ORIGIN = 'https://storage.googleapis.com'

export interface ObjectStorage {
  /** The origin signed URLs point at: pages that upload or play must be allowed to reach it. */
  readonly origin: string
  /**
   * A URL the browser POSTs to, with `x-goog-resumable: start` and exactly `contentType`, to open a
   * resumable upload session for `key`; the answer's `Location` is the session to PUT chunks to.
   */
  signResumableUpload(input: { key: string; contentType: string; expiresAt: Date }): Promise<string>
  /** A URL that GETs the object (with Range requests, as a video element plays it) until `expiresAt`. */
  signRead(input: { key: string; expiresAt: Date }): Promise<string>
  /** The object's size and type; null when there is no such object (an upload not finished, or never begun). */
  statObject(key: string): Promise<StoredObject | null>
  /**
   * Stores `body` under `key` from this process (the data migration's recordings); bodies over 8 MB
   * go as a resumable upload, so a dropped connection does not start them over.
   */
  uploadObject(input: { key: string; contentType: string; body: Readable; size: number }): Promise<void>
}

const RESUMABLE_FROM_BYTES = 8 * 1024 * 1024

export type GcsOptions = {
  bucket: string
  projectId?: string
  credentials: { client_email: string; private_key: string; project_id?: string }
  /** Another endpoint (an emulator): JSON calls then go unauthenticated, and signed URLs point there. */
  apiEndpoint?: string
}

/**
 * Cloud Storage through `@google-cloud/storage`; signing needs no network (the key is local). The SDK
 * (and the Google auth library beneath it, some 5 MB of code) loads on the first recording call, not
 * at start-up: most requests never touch a bucket.
 */
export function createGcsObjectStorage(options: GcsOptions): ObjectStorage {
  let bucketLoading: Promise<{ bucket: Bucket; isNotFound(error: unknown): boolean }> | undefined
  const open = () => {
    bucketLoading ??= import('@google-cloud/storage').then(({ ApiError, Storage }) => {
      const storage = new Storage({
        projectId: options.projectId ?? options.credentials.project_id,
        credentials: {
          client_email: options.credentials.client_email,
          private_key: options.credentials.private_key,
        },
        ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
        // A candidate waits on the one call that reaches the bucket (is the upload there?): a few quick
        // retries, not the SDK's default of ten minutes.
        retryOptions: { maxRetries: 2, retryDelayMultiplier: 2, maxRetryDelay: 2, totalTimeout: 15 },
        timeout: 10_000,
      })
      return {
        bucket: storage.bucket(options.bucket),
        isNotFound: (error: unknown) => error instanceof ApiError && error.code === 404,
      }
    })
    return bucketLoading
  }
  return {
    origin: options.apiEndpoint ? new URL(options.apiEndpoint).origin : GCS_DEFAULT_ORIGIN,
    async signResumableUpload({ key, contentType, expiresAt }) {
      // The SDK signs with the legacy v2 scheme unless told otherwise.
      const { bucket } = await open()
      const [url] = await bucket
        .file(key)
        .getSignedUrl({ version: 'v4', action: 'resumable', expires: expiresAt, contentType })
      return url
    },
    async signRead({ key, expiresAt }) {
      const { bucket } = await open()
      const [url] = await bucket.file(key).getSignedUrl({ version: 'v4', action: 'read', expires: expiresAt })
      return url
    },
    async statObject(key) {
      const { bucket, isNotFound } = await open()
      try {
        const [metadata] = await bucket.file(key).getMetadata()
        return { size: Number(metadata.size ?? 0), contentType: metadata.contentType ?? null }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    async uploadObject({ key, contentType, body, size }) {
      const { bucket } = await open()
      const target = bucket.file(key).createWriteStream({
        contentType,
        resumable: size > RESUMABLE_FROM_BYTES,
        metadata: { contentType },
      })
      await pipeline(body, target)
    },
  }
}
