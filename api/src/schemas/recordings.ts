import { z } from '@hono/zod-openapi'
import { IsoDateTimeSchema } from './dates.js'

export const RecordingUploadSchema = z
  .object({
    /** POST here with `x-goog-resumable: start` and `Content-Type: contentType`; `Location` answers the session. */
    uploadUrl: z.url(),
    objectKey: z.string(),
    contentType: z.string(),
    /** The URL opens a session until then; the session, once open, lasts longer. */
    expiresAt: IsoDateTimeSchema,
  })
  .openapi('RecordingUpload')

export const RecordingCompleteBodySchema = z
  .object({ objectKey: z.string().trim().min(1).max(200) })
  .strict()
  .openapi('RecordingCompleteBody')

export const RecordingStoredSchema = z
  .object({ objectKey: z.string(), size: z.number().int(), recordedAt: IsoDateTimeSchema })
  .openapi('RecordingStored')

export const RecordingPlaybackSchema = z
  .object({
    /** A signed URL to play (Range requests work) until `expiresAt`; ask again for a fresh one. */
    url: z.url(),
    contentType: z.string(),
    expiresAt: IsoDateTimeSchema,
  })
  .openapi('RecordingPlayback')
