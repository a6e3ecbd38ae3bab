import busboy from 'busboy'
import type pg from 'pg'
import type { Prisma } from '../generated/prisma/client.js'
import type { FileCategory } from '../generated/prisma/enums.js'
import type { Auth } from '../lib/app-env.js'
import type { Database } from '../lib/db.js'
import { AppError } from '../lib/errors.js'
import { detectFileType, FILE_TYPES, type FileTypeId } from '../lib/file-types.js'
import type { Logger } from '../lib/logger.js'
import { checkStorableText, unstorableInputError } from '../lib/storable-text.js'
import { type UploadFields, UploadFileQuerySchema } from '../schemas/files.js'
import type { DatabaseClient, ValidLink } from './interview-links.js'

const MB = 1024 * 1024

/** The plan's limits; an upload is refused as soon as more than this has arrived. */
export const FILE_SIZE_LIMITS: Record<FileCategory, number> = {
  LOGO: 2 * MB,
  RESUME: 10 * MB,
  SCREENSHOT: 5 * MB,
  DOCUMENT: 10 * MB,
}
const LARGEST_FILE_BYTES = Math.max(...Object.values(FILE_SIZE_LIMITS))
/** Room for the multipart boundaries, part headers and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/**
 * What each category accepts, by detected content. SVG is refused for logos: it is a document that
 * can carry script and external references, logos are shown inline on public pages and in emails,
 * and PNG or WebP serve every logo as well.
 */
export const ALLOWED_FILE_TYPES: Record<FileCategory, FileTypeId[]> = {
  LOGO: ['png', 'jpeg', 'webp', 'gif'],
  RESUME: ['pdf', 'docx', 'doc', 'text'],
  SCREENSHOT: ['png', 'jpeg', 'webp'],
  DOCUMENT: ['pdf', 'docx', 'doc', 'text'],
}

const CATEGORY_NAMES: Record<FileCategory, string> = {
  LOGO: 'logo',
  RESUME: 'resume',
  SCREENSHOT: 'screenshot',
  DOCUMENT: 'document',
}

/** Downloads are read from Postgres in slices of this size, so a file is never in memory whole. */
export const FILE_CHUNK_BYTES = 64 * 1024

/** Who is asking: a signed-in user or API key, and/or a candidate's interview link. */
export type FileCaller = { auth: Auth | null; link: ValidLink | null }

type UploadTarget = { interviewId: string | null; jobApplicationId: string | null; uploadedBy: string | null }

/** Bytes each account may keep in files; null means no limit (admins). */
export type StorageQuotas = { recruiterBytes: number; candidateBytes: number }

/**
 * Whose storage an upload counts against: the signed-in uploader, or, for uploads through a
 * candidate's link, that interview's link uploads (they have no account to count against).
 */
type QuotaOwner = { where: Prisma.FileWhereInput; lockKey: string; quotaBytes: number | null }

function quotaOwnerOf(target: UploadTarget, caller: FileCaller, quotas: StorageQuotas): QuotaOwner {
  if (target.uploadedBy) {
    const role = caller.auth?.role
    return {
      where: { uploadedBy: target.uploadedBy },
      lockKey: `user:${target.uploadedBy}`,
      quotaBytes:
        role === 'ADMIN' ? null : role === 'CANDIDATE' ? quotas.candidateBytes : quotas.recruiterBytes,
    }
  }
  return {
    where: { interviewId: target.interviewId, uploadedBy: null },
    lockKey: `link:${target.interviewId}`,
    quotaBytes: quotas.candidateBytes,
  }
}

async function readUsedBytes(prisma: DatabaseClient, owner: QuotaOwner): Promise<number> {
  const usage = await prisma.file.aggregate({ where: owner.where, _sum: { size: true } })
  return usage._sum.size ?? 0
}

function quotaExceeded(owner: QuotaOwner, usedBytes: number, fileBytes?: number): AppError {
  const quotaBytes = owner.quotaBytes ?? 0
  const used = formatMegabytes(usedBytes)
  const allowed = formatMegabytes(quotaBytes)
  return new AppError({
    code: 'STORAGE_QUOTA_EXCEEDED',
    message:
      fileBytes === undefined
        ? `This file does not fit in your storage: ${used} of ${allowed} is used. Delete files you no longer need, or ask your VantaHire admin for more room.`
        : `This file (${formatMegabytes(fileBytes)}) does not fit in your storage: ${used} of ${allowed} is used. Delete files you no longer need, or ask your VantaHire admin for more room.`,
    details: { usedBytes, quotaBytes, ...(fileBytes === undefined ? {} : { fileBytes }) },
  })
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`
}

const FILE_SUMMARY_SELECT = { id: true, name: true, mimeType: true, size: true, category: true } as const

function badRequest(message: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message })
}

function tooLarge(category: FileCategory): AppError {
  return new AppError({
    code: 'PAYLOAD_TOO_LARGE',
    message: `A ${CATEGORY_NAMES[category]} can be at most ${FILE_SIZE_LIMITS[category] / MB} MB.`,
  })
}

/**
 * Stores one uploaded file. The multipart body is parsed as it arrives: the caller is authorized
 * when the file part starts (so the category and any interview or application must come first),
 * and the upload is refused with 413 as soon as more than the category's limit has arrived.
 */
export async function uploadFile(options: {
  prisma: Database
  caller: FileCaller
  body: ReadableStream<Uint8Array> | null
  contentType: string | undefined
  contentLength: number | undefined
  query: UploadFields
  quotas: StorageQuotas
}) {
  const { prisma, caller, query } = options
  if (!caller.auth && !caller.link) {
    throw new AppError({
      code: 'UNAUTHORIZED',
      message: 'Sign in, or use your interview link, to upload files.',
    })
  }
  if (!options.contentType || !/^multipart\/form-data\s*;/i.test(options.contentType)) {
    throw new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as multipart/form-data.' })
  }
  const ceiling = query.category ? FILE_SIZE_LIMITS[query.category] : LARGEST_FILE_BYTES
  if (options.contentLength !== undefined && options.contentLength > ceiling + MULTIPART_OVERHEAD_BYTES) {
    throw query.category
      ? tooLarge(query.category)
      : new AppError({
          code: 'PAYLOAD_TOO_LARGE',
          message: `Files can be at most ${LARGEST_FILE_BYTES / MB} MB.`,
        })
  }

  let target: UploadTarget | undefined
  let owner: QuotaOwner | undefined
  const form = await readUploadForm({
    body: options.body,
    contentType: options.contentType,
    query,
    onFileStart: async (fields) => {
      target = await authorizeUpload({ prisma, caller, ...fields })
      owner = quotaOwnerOf(target, caller, options.quotas)
      if (owner.quotaBytes === null) return undefined
      // Known before any file byte is read: what is left of the quota bounds the upload.
      const usedBytes = await readUsedBytes(prisma, owner)
      const remaining = owner.quotaBytes - usedBytes
      const quota = owner
      if (remaining <= 0) throw quotaExceeded(quota, usedBytes)
      return { maxBytes: remaining, onExceeded: () => quotaExceeded(quota, usedBytes) }
    },
  })
  if (!target || !owner) throw new Error('upload form read without authorization')
  if (form.data.length === 0) throw badRequest('The file is empty.')

  const { category } = form
  const typeId = detectFileType(form.data)
  if (!typeId || !ALLOWED_FILE_TYPES[category].includes(typeId)) {
    throw new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: describeRefusedType(category, typeId) })
  }
  const type = FILE_TYPES[typeId]
  const stored = { target, owner }
  return prisma.$transaction(async (tx) => {
    // Uploads of the same owner running at once each saw room for themselves: checked again, one at a time.
    if (stored.owner.quotaBytes !== null) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stored.owner.lockKey}, 0))`
      const usedBytes = await readUsedBytes(tx, stored.owner)
      if (usedBytes + form.data.length > stored.owner.quotaBytes) {
        throw quotaExceeded(stored.owner, usedBytes, form.data.length)
      }
    }
    return tx.file.create({
      data: {
        name: buildStoredFileName(form.filename, type.extension, CATEGORY_NAMES[category]),
        mimeType: type.mimeType,
        size: form.data.length,
        category,
        uploadedBy: stored.target.uploadedBy,
        interviewId: stored.target.interviewId,
        jobApplicationId: stored.target.jobApplicationId,
        data: form.data,
      },
      select: FILE_SUMMARY_SELECT,
    })
  })
}

function describeRefusedType(category: FileCategory, typeId: FileTypeId | null): string {
  const accepted = ALLOWED_FILE_TYPES[category].map((id) => FILE_TYPES[id].label).join(', ')
  if (category === 'LOGO' && typeId === 'svg') {
    return `SVG logos are not accepted, as SVG can carry scripts. Upload ${accepted}.`
  }
  if ((typeId === 'markup' || typeId === 'svg') && ALLOWED_FILE_TYPES[category].includes('text')) {
    return `This file begins with HTML or XML markup, which is not accepted for a ${CATEGORY_NAMES[category]}. Upload ${accepted}; plain text must not start with a tag or a comment.`
  }
  const what = typeId ? `This file is ${FILE_TYPES[typeId].label}, which` : 'This file’s type'
  return `${what} is not accepted for a ${CATEGORY_NAMES[category]}. Upload ${accepted}.`
}

type UploadForm = { category: FileCategory; filename: string; data: Buffer<ArrayBuffer> }

const FORM_FIELDS = new Set<keyof UploadFields>(['category', 'interviewId', 'jobApplicationId'])

/**
 * Reads the multipart body as a stream. At most the category's limit of file bytes is ever held;
 * once more arrives, reading stops and the request is refused. The request body is pulled only as
 * fast as the parser consumes it, so nothing queues up unread while the caller is being authorized.
 */
function readUploadForm(options: {
  body: ReadableStream<Uint8Array> | null
  contentType: string
  query: UploadFields
  /** Authorizes the upload; may return a tighter limit than the category's (what is left of a quota). */
  onFileStart: (
    fields: UploadFields & { category: FileCategory },
  ) => Promise<{ maxBytes: number; onExceeded: () => AppError } | undefined>
}): Promise<UploadForm> {
  const { body } = options
  if (!body) return Promise.reject(badRequest('The upload has no body.'))
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': options.contentType },
      // Browsers send file names as raw UTF-8 in `filename="…"`.
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 10, parts: 11, fieldNameSize: 50, fieldSize: 200, headerPairs: 20 },
    })
  } catch {
    return Promise.reject(badRequest('The multipart body has no boundary.'))
  }

  return new Promise<UploadForm>((resolve, reject) => {
    const reader = body.getReader()
    const fields: Record<string, string | undefined> = { ...options.query }
    let isSettled = false
    let isFileSeen = false
    let isParserDone = false
    let file: UploadForm | undefined

    const fail = (error: unknown) => {
      if (isSettled) return
      isSettled = true
      // Stops pulling the request body; whatever the client still sends is never parsed or kept.
      reader.cancel().catch(() => undefined)
      parser.destroy()
      reject(error)
    }
    const finishIfDone = () => {
      if (isSettled || !isParserDone || (isFileSeen && !file)) return
      if (!file) return fail(badRequest('The form has no `file` part.'))
      isSettled = true
      resolve(file)
    }

    parser.on('field', (name, value, info) => {
      const issue =
        checkStorableText(name, `body.${name}`, { of: 'name' }) ?? checkStorableText(value, `body.${name}`)
      if (issue) return fail(unstorableInputError([issue]))
      if (isFileSeen)
        return fail(badRequest('Send category, interviewId and jobApplicationId before the file.'))
      if (!FORM_FIELDS.has(name as keyof UploadFields)) return
      if (info.valueTruncated) return fail(badRequest(`The ${name} field is too long.`))
      if (fields[name] !== undefined && fields[name] !== value) {
        return fail(badRequest(`${name} is given twice, with different values.`))
      }
      fields[name] = value
    })

    parser.on('file', (name, stream, info) => {
      // Destroying the parser early ends the file stream with "Unexpected end of file"; the reason is known.
      stream.on('error', () => undefined)
      if (name !== 'file') {
        stream.resume()
        return fail(badRequest('Send the file in the `file` field.'))
      }
      isFileSeen = true
      stream.pause()
      const nameIssue = checkStorableText(info.filename ?? '', 'body.file', { of: 'file name' })
      if (nameIssue) return fail(unstorableInputError([nameIssue]))
      const parsed = UploadFileQuerySchema.safeParse(fields)
      if (!parsed.success) return fail(parsed.error)
      const { category } = parsed.data
      if (!category) {
        return fail(badRequest('Send the category before the file (or as a query parameter).'))
      }
      options.onFileStart({ ...parsed.data, category }).then((quota) => {
        const isQuotaTighter = quota !== undefined && quota.maxBytes < FILE_SIZE_LIMITS[category]
        const limit = isQuotaTighter ? quota.maxBytes : FILE_SIZE_LIMITS[category]
        const chunks: Buffer[] = []
        let size = 0
        stream.on('data', (chunk: Buffer) => {
          if (isSettled) return
          size += chunk.length
          if (size > limit) return fail(isQuotaTighter ? quota.onExceeded() : tooLarge(category))
          chunks.push(chunk)
        })
        stream.on('end', () => {
          if (isSettled) return
          file = { category, filename: info.filename ?? '', data: Buffer.concat(chunks, size) }
          finishIfDone()
        })
        stream.resume()
      }, fail)
    })

    parser.on('filesLimit', () => fail(badRequest('Upload one file at a time.')))
    parser.on('fieldsLimit', () => fail(badRequest('The form has too many fields.')))
    parser.on('partsLimit', () => fail(badRequest('The form has too many parts.')))
    parser.on('error', () => fail(badRequest('The multipart body is malformed.')))
    parser.on('close', () => {
      isParserDone = true
      finishIfDone()
    })

    const waitForDrain = () =>
      new Promise<void>((resume) => {
        const done = () => {
          parser.off('drain', done)
          parser.off('close', done)
          resume()
        }
        parser.on('drain', done)
        parser.on('close', done)
      })

    void (async () => {
      while (!isSettled) {
        const { done, value } = await reader.read()
        if (done) return void parser.end()
        if (!isSettled && !parser.write(value)) await waitForDrain()
      }
    })().catch(() => fail(badRequest('The upload was interrupted.')))
  })
}

/**
 * Who may upload what (the plan's contract), and where the file is attached. A candidate link
 * attaches to its own interview; recruiters attach only to their own interviews and applications.
 */
async function authorizeUpload(options: {
  prisma: Database
  caller: FileCaller
  category: FileCategory
  interviewId?: string
  jobApplicationId?: string
}): Promise<UploadTarget> {
  const { prisma, caller, category, interviewId, jobApplicationId } = options
  const { auth, link } = caller

  if (category === 'LOGO') {
    const user = requireUser(auth)
    if (user.role === 'CANDIDATE') {
      throw new AppError({ code: 'FORBIDDEN', message: 'Only recruiters and admins upload logos.' })
    }
    if (interviewId || jobApplicationId) throw badRequest('A logo belongs to no interview or application.')
    return { interviewId: null, jobApplicationId: null, uploadedBy: user.userId }
  }

  if (link) {
    if (jobApplicationId) throw badRequest('An interview link cannot attach files to an application.')
    if (interviewId && interviewId !== link.interview.id) {
      throw new AppError({ code: 'FORBIDDEN', message: 'This link is for another interview.' })
    }
    return { interviewId: link.interview.id, jobApplicationId: null, uploadedBy: null }
  }
  if (category === 'SCREENSHOT') {
    throw new AppError({
      code: auth ? 'FORBIDDEN' : 'UNAUTHORIZED',
      message: 'Screenshots are uploaded through the interview link.',
    })
  }

  const user = requireUser(auth)
  if (user.role === 'CANDIDATE') {
    if (interviewId) {
      throw new AppError({ code: 'FORBIDDEN', message: 'Attach files to an interview through its link.' })
    }
    if (jobApplicationId) {
      const application = await prisma.jobApplication.findFirst({
        where: { id: jobApplicationId, candidateId: user.userId },
        select: { id: true },
      })
      if (!application) throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
    }
    return { interviewId: null, jobApplicationId: jobApplicationId ?? null, uploadedBy: user.userId }
  }

  if (!interviewId && !jobApplicationId) {
    throw badRequest(`Name the interviewId or jobApplicationId this ${CATEGORY_NAMES[category]} belongs to.`)
  }
  const isAdmin = user.role === 'ADMIN'
  // Someone else's interview or application is reported as missing, as everywhere in the API.
  if (interviewId) {
    const interview = await prisma.interview.findFirst({
      where: { id: interviewId, ...(isAdmin ? {} : { recruiterId: user.userId }) },
      select: { id: true },
    })
    if (!interview) throw new AppError({ code: 'NOT_FOUND', message: 'No such interview.' })
  }
  if (jobApplicationId) {
    const application = await prisma.jobApplication.findFirst({
      where: { id: jobApplicationId, ...(isAdmin ? {} : { job: { recruiterId: user.userId } }) },
      select: { id: true },
    })
    if (!application) throw new AppError({ code: 'NOT_FOUND', message: 'No such application.' })
  }
  return {
    interviewId: interviewId ?? null,
    jobApplicationId: jobApplicationId ?? null,
    uploadedBy: user.userId,
  }
}

/** A signed-in user; API keys do not handle files. */
function requireUser(auth: Auth | null): Auth {
  if (!auth) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  if (auth.kind === 'apiKey') {
    throw new AppError({ code: 'FORBIDDEN', message: 'API keys cannot use this route; sign in instead.' })
  }
  return auth
}

/** Windows device names, which no file may be called whatever its extension. */
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i
const MAX_BASE_NAME_CHARACTERS = 100

/**
 * The stored name: the original's base name without its path or extension, stripped of control,
 * formatting (bidi overrides) and path-like characters, with the extension of the detected type.
 */
export function buildStoredFileName(original: string, extension: string, fallback: string): string {
  const base = original.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  let name = Array.from(cleaned).slice(0, MAX_BASE_NAME_CHARACTERS).join('').trim() || fallback
  if (RESERVED_NAMES.test(name)) name = `_${name}`
  return `${name}.${extension}`
}

export type ReadableFile = {
  id: string
  name: string
  mimeType: string
  size: number
  category: FileCategory
  createdAt: Date
}

/**
 * A file's metadata, if the caller may read it. Logos are public. Everything else: an admin, the
 * uploader, the link of the file's interview, or the recruiter who owns the file's interview, the
 * job of its application, or an interview or application that uses it as the candidate's resume.
 * Any other recruiter gets 403.
 */
export async function findReadableFile(options: {
  prisma: Database
  fileId: string
  caller: FileCaller
}): Promise<ReadableFile> {
  const { prisma, fileId, caller } = options
  const { auth, link } = caller
  const recruiterId = auth?.kind === 'session' && auth.role === 'RECRUITER' ? auth.userId : null
  const file = await prisma.file.findUnique({
    where: { id: fileId },
    select: {
      id: true,
      name: true,
      mimeType: true,
      size: true,
      category: true,
      createdAt: true,
      uploadedBy: true,
      interviewId: true,
      interview: { select: { recruiterId: true } },
      jobApplication: { select: { job: { select: { recruiterId: true } } } },
      ...(recruiterId
        ? {
            interviewResumes: { where: { recruiterId }, select: { id: true }, take: 1 },
            applicationResumes: { where: { job: { recruiterId } }, select: { id: true }, take: 1 },
          }
        : {}),
    },
  })
  if (!file) throw new AppError({ code: 'NOT_FOUND', message: 'No such file.' })
  const summary = {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    size: file.size,
    category: file.category,
    createdAt: file.createdAt,
  }
  if (file.category === 'LOGO') return summary
  if (link && file.interviewId === link.interview.id) return summary
  if (auth?.kind === 'session') {
    if (auth.role === 'ADMIN' || file.uploadedBy === auth.userId) return summary
    if (
      recruiterId &&
      (file.interview?.recruiterId === recruiterId ||
        file.jobApplication?.job.recruiterId === recruiterId ||
        (file.interviewResumes?.length ?? 0) > 0 ||
        (file.applicationResumes?.length ?? 0) > 0)
    ) {
      return summary
    }
  }
  if (!auth && !link) throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to download this file.' })
  throw new AppError({ code: 'FORBIDDEN', message: 'You may not read this file.' })
}

/** Uploader or admin; anyone else is refused. */
export async function deleteFile(options: { prisma: Database; fileId: string; auth: Auth }) {
  const { prisma, fileId, auth } = options
  const file = await prisma.file.findUnique({ where: { id: fileId }, select: { uploadedBy: true } })
  if (!file) throw new AppError({ code: 'NOT_FOUND', message: 'No such file.' })
  if (auth.role !== 'ADMIN' && file.uploadedBy !== auth.userId) {
    throw new AppError({ code: 'FORBIDDEN', message: 'Only the uploader or an admin may delete this file.' })
  }
  await prisma.file.delete({ where: { id: fileId } })
  return { id: fileId, deleted: true as const }
}

/** Bytes `start` to `end`, inclusive, zero-based. */
export type ByteRange = { start: number; end: number }

/**
 * One `Range: bytes=…` (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix `-n`. Null means "send the
 * whole file": no header, a malformed one, or several ranges (which a server may ignore).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.replace(/\s+/g, ''))
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

/**
 * base64 rather than bytea's hex text form: a third less on the wire and measured at about twice
 * the throughput with a third of the CPU (the binary result format is not an option: node-postgres
 * decodes binary columns as UTF-8 text first). Postgres breaks the base64 into lines; Node's
 * decoder skips the line feeds.
 */
const CHUNK_QUERY = `SELECT encode(substring(data FROM $1 FOR $2), 'base64') AS chunk FROM "File" WHERE id = $3`

/**
 * The bytes `range` of a file, read from Postgres one 64 KB slice per pull, so memory per download
 * stays at a couple of slices however large the file and however slow the client. Each slice takes
 * a pool connection only for its own query: a slow reader holds none. The column is stored
 * uncompressed (STORAGE EXTERNAL), so a slice costs the same wherever it starts.
 */
export function streamFileContent(options: {
  pool: pg.Pool
  fileId: string
  range: ByteRange
  logger: Logger
}): ReadableStream<Uint8Array> {
  const { pool, fileId, range, logger } = options
  let position = range.start
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const length = Math.min(FILE_CHUNK_BYTES, range.end + 1 - position)
      try {
        const result = await pool.query<{ chunk: string | null }>({
          name: 'file-chunk',
          text: CHUNK_QUERY,
          values: [position + 1, length, fileId],
        })
        const encoded = result.rows[0]?.chunk
        const chunk = encoded ? Buffer.from(encoded, 'base64') : undefined
        if (!chunk || chunk.length !== length) throw new Error('the file was deleted during the download')
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        position += length
        if (position > range.end) controller.close()
      } catch (error) {
        logger.warn({ err: error, fileId, position }, 'file download interrupted')
        controller.error(error)
      }
    },
  })
}
