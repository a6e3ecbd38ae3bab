import { z } from '@hono/zod-openapi'

export const FileCategorySchema = z
  .enum(['LOGO', 'RESUME', 'SCREENSHOT', 'DOCUMENT'])
  .openapi('FileCategory', {
    description:
      'LOGO — company branding, public (PNG, JPEG, WebP, GIF; 2 MB). RESUME and DOCUMENT — PDF, Word (.docx, .doc) or plain text; 10 MB. SCREENSHOT — taken during an interview through its link (PNG, JPEG, WebP; 5 MB).',
  })
export type FileCategory = z.infer<typeof FileCategorySchema>

const uuid = (what: string) => z.uuid({ error: `must be ${what} id` })

/**
 * Upload fields that may travel in the query string instead of the form. Form fields must come
 * before the file part: the size limit depends on the category and is enforced while reading.
 */
export const UploadFileQuerySchema = z.object({
  category: FileCategorySchema.optional(),
  interviewId: uuid('an interview').optional(),
  jobApplicationId: uuid('a job application').optional(),
})
export type UploadFields = z.infer<typeof UploadFileQuerySchema>

/** The multipart form, described for OpenAPI only: it is parsed as a stream, never buffered whole. */
export const UPLOAD_FORM_OPENAPI_SCHEMA = {
  type: 'object' as const,
  required: ['category', 'file'],
  properties: {
    category: { type: 'string' as const, enum: FileCategorySchema.options, description: 'Before `file`.' },
    interviewId: { type: 'string' as const, format: 'uuid', description: 'Before `file`.' },
    jobApplicationId: { type: 'string' as const, format: 'uuid', description: 'Before `file`.' },
    file: { type: 'string' as const, format: 'binary', description: 'The last part of the form.' },
  },
}

export const UploadedFileSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({
      description: 'The stored name: the original, made safe, with the extension of the detected type.',
    }),
    mimeType: z
      .string()
      .openapi({ description: 'The type detected from the content.', example: 'application/pdf' }),
    size: z.number().int().openapi({ description: 'Bytes.' }),
    category: FileCategorySchema,
  })
  .openapi('UploadedFile')

export const FileParamsSchema = z.object({ id: uuid('a file') })

export const DownloadFileQuerySchema = z.object({
  token: z.string().optional().openapi({
    description:
      'The candidate link’s token, for direct download links where `X-Interview-Token` cannot be sent.',
  }),
})

export const DeletedFileSchema = z.object({ id: z.string(), deleted: z.literal(true) }).openapi('DeletedFile')
