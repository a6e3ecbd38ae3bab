import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { contentDisposition } from '../lib/content-disposition.js'
import { AppError } from '../lib/errors.js'
import { formatContentRange, formatUnsatisfiedRange, parseByteRange } from '../lib/http-range.js'
import type { AppEnv } from '../middleware/app-env.js'
import { authorize } from '../middleware/guards.js'
import { interviewLink } from '../middleware/interview-link.js'
import { ErrorBodySchema } from '../schemas/errors.js'
import {
  DeletedFileSchema,
  DownloadFileQuerySchema,
  FileParamsSchema,
  UPLOAD_FORM_OPENAPI_SCHEMA,
  UploadedFileSchema,
  UploadFileQuerySchema,
} from '../schemas/files.js'
import {
  ANYONE_SESSION_OR_LINK_SECURITY,
  errorResponses,
  jsonResponse,
  responseBody,
  SESSION_OR_LINK_SECURITY,
} from '../schemas/openapi.js'
import { deleteFile, type ReadableFile } from '../services/file-access.js'
import { openFileDownload } from '../services/file-content.js'
import { uploadFile } from '../services/file-upload.js'

export const FILES_PATH = '/api/files'

/**
 * True for the upload request, which streams its body against its own, per-category limit: the
 * API-wide JSON body limit must not buffer it first.
 */
export function isFileUpload(c: Context): boolean {
  return c.req.method === 'POST' && c.req.path === FILES_PATH
}

/** Files never change, so the id is a strong validator. */
const etagOf = (fileId: string) => `"${fileId}"`
const PUBLIC_CACHE = 'public, max-age=31536000, immutable'
/** Private files may be kept by the browser, but every use is revalidated, which rechecks access. */
const PRIVATE_CACHE = 'private, no-cache'
/** Served files are never run as documents, whatever a browser makes of them. */
const FILE_CSP = "default-src 'none'; sandbox"

/** Validates a candidate link token when one is sent; the route decides whether it needs one. */
function optionalInterviewLink(options: { allowQueryToken?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const requiredLink = interviewLink(options)
  return async function optionalInterviewLink(c, next) {
    const token =
      c.req.header('x-interview-token') ?? (options.allowQueryToken ? c.req.query('token') : undefined)
    if (token === undefined) return next()
    return requiredLink(c, next)
  }
}

const binaryResponse = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } } },
})

const uploadRoute = createRoute({
  method: 'post',
  path: '/files',
  security: SESSION_OR_LINK_SECURITY,
  tags: ['Files'],
  summary: 'Upload a file',
  description:
    'LOGO: recruiters and admins. RESUME and DOCUMENT: a recruiter or admin for an interview or application they own (`interviewId` or `jobApplicationId`), a candidate for their own application or profile, or a candidate link (`X-Interview-Token`; the interview comes from the link). SCREENSHOT: a candidate link only. Form fields must precede the file part, or travel in the query string. The type is detected from the content; the stored name is the original made safe. 413 as soon as more than the category’s limit arrives; 415 for a type the category does not accept.',
  middleware: [optionalInterviewLink()] as const,
  request: {
    query: UploadFileQuerySchema,
    body: { content: { 'multipart/form-data': { schema: UPLOAD_FORM_OPENAPI_SCHEMA } }, required: true },
  },
  responses: {
    201: jsonResponse(UploadedFileSchema, 'The stored file'),
    ...errorResponses(400, 401, 403, 404, 410, 413, 429),
    415: jsonResponse(ErrorBodySchema, 'Not multipart, or a file type the category does not accept'),
  },
})

const downloadRoute = createRoute({
  method: 'get',
  path: '/files/{id}',
  security: ANYONE_SESSION_OR_LINK_SECURITY,
  tags: ['Files'],
  summary: 'Download a file',
  description:
    'LOGO: anyone. Otherwise: an admin, the uploader, the candidate link of the file’s interview (`X-Interview-Token`, or `?token=` for direct download links), or the recruiter who owns the file’s interview or the job of its application; any other recruiter gets 403. Streamed from the database; supports `Range` (one range), `If-None-Match` and `If-Range`. `HEAD` answers the same headers without the body.',
  middleware: [optionalInterviewLink({ allowQueryToken: true })] as const,
  request: { params: FileParamsSchema, query: DownloadFileQuerySchema },
  responses: {
    200: binaryResponse('The file, with its detected type'),
    206: binaryResponse('The requested range'),
    304: { description: 'Not modified: the ETag matched' },
    ...errorResponses(400, 401, 403, 404, 410, 429),
    416: jsonResponse(ErrorBodySchema, 'The range is outside the file'),
  },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/files/{id}',
  tags: ['Files'],
  summary: 'Delete a file',
  description: 'The uploader or an admin (session cookie).',
  ...authorize(),
  request: { params: FileParamsSchema },
  responses: {
    200: jsonResponse(DeletedFileSchema, 'The file is gone'),
    ...errorResponses(400, 401, 403, 404),
  },
})

/** The plan's `/files` contract: uploads parsed as a stream, downloads streamed from Postgres. */
export const fileRoutes = new OpenAPIHono<AppEnv>()
  .openapi(uploadRoute, async (c) => {
    const contentLength = c.req.header('content-length')
    const file = await uploadFile(c.var.services, c.var.actor, {
      body: c.req.raw.body,
      contentType: c.req.header('content-type'),
      contentLength: contentLength === undefined ? undefined : Number(contentLength),
      fields: c.req.valid('query'),
    })
    c.var.logger.info(
      { fileId: file.id, category: file.category, mimeType: file.mimeType, size: file.size },
      'file uploaded',
    )
    return c.json(responseBody(UploadedFileSchema, file), 201)
  })
  .openapi(downloadRoute, async (c) => {
    const { file, streamContent } = await openFileDownload(c.var.services, c.var.actor, {
      fileId: c.req.valid('param').id,
    })
    setRepresentationHeaders(c, file)
    if (matchesEntityTag(c.req.header('if-none-match'), file.id)) return c.body(null, 304)

    const ifRange = c.req.header('if-range')
    const range =
      ifRange === undefined || ifRange === etagOf(file.id)
        ? parseByteRange(c.req.header('range'), file.size)
        : null
    if (range === 'unsatisfiable') {
      // RFC 9110 §15.5.17: the size tells the client which ranges it could have asked for.
      c.header('Content-Range', formatUnsatisfiedRange(file.size))
      throw new AppError({
        code: 'RANGE_NOT_SATISFIABLE',
        message: `The range is outside the file, which has ${file.size} bytes.`,
        details: { size: file.size },
      })
    }
    const bytes = range ?? { start: 0, end: file.size - 1 }
    c.header('Content-Length', String(bytes.end - bytes.start + 1))
    if (range) c.header('Content-Range', formatContentRange(range, file.size))
    const status = range ? 206 : 200
    if (c.req.method === 'HEAD') return c.body(null, status)
    return c.body(streamContent(bytes, c.var.logger), status)
  })
  .openapi(deleteRoute, async (c) => {
    const deleted = await deleteFile(c.var.services, c.var.actor, { fileId: c.req.valid('param').id })
    c.var.logger.info({ fileId: deleted.id }, 'file deleted')
    return c.json(responseBody(DeletedFileSchema, deleted), 200)
  })

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'])

function setRepresentationHeaders(c: Context<AppEnv>, file: ReadableFile): void {
  const isPublic = file.category === 'LOGO'
  c.header('Content-Type', file.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mimeType)
  c.header('ETag', etagOf(file.id))
  c.header('Last-Modified', file.createdAt.toUTCString())
  c.header('Cache-Control', isPublic ? PUBLIC_CACHE : PRIVATE_CACHE)
  c.header('Accept-Ranges', 'bytes')
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Content-Security-Policy', FILE_CSP)
  // Only images and PDFs may ever be shown in place; anything else is downloaded, never rendered.
  const disposition = isPublic && INLINE_TYPES.has(file.mimeType) ? 'inline' : 'attachment'
  c.header('Content-Disposition', contentDisposition(disposition, file.name))
  // Logos appear on other sites (job boards, email clients); private files stay same-origin.
  if (isPublic) c.header('Cross-Origin-Resource-Policy', 'cross-origin')
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2). */
function matchesEntityTag(header: string | undefined, fileId: string): boolean {
  if (!header) return false
  const etag = etagOf(fileId)
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '')
    return value === '*' || value === etag
  })
}
