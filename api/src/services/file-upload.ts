import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { type Actor, hasAccount } from '../domain/actor.js'
import { ALLOWED_FILE_TYPES, FILE_CATEGORY_NAMES, FILE_SIZE_LIMITS } from '../domain/file-limits.js'
import { FILE_TYPES, type FileTypeId, FileTypeSniffer } from '../domain/file-types.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { FileCategory } from '../generated/prisma/enums.js'
import type { Config } from '../infra/config.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import { isMultipartFormData, readMultipartFile } from '../lib/multipart.js'
import { buildStoredFileName } from '../lib/stored-file-name.js'
import { type UploadFields, UploadFileQuerySchema } from '../schemas/files.js'
import { requireSignedInUser } from './access.js'
import type { DatabaseClient } from './interview-links.js'

const MB = 1024 * 1024

// The limits live in the domain, where the SPA reads them too.
export { ALLOWED_FILE_TYPES, FILE_SIZE_LIMITS }

const CATEGORY_NAMES = FILE_CATEGORY_NAMES
const LARGEST_FILE_BYTES = Math.max(...Object.values(FILE_SIZE_LIMITS))
/** Room for the multipart boundaries, part headers and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024
/** The form fields that may precede the file (or travel in the query string instead). */
const UPLOAD_FIELD_NAMES = [
  'category',
  'interviewId',
  'jobApplicationId',
] as const satisfies (keyof UploadFields)[]
/** Room for the three ids and the category, and a few fields a browser or tool adds. */
const UPLOAD_FORM_LIMITS = { fields: 10, fieldNameBytes: 50, fieldBytes: 200 }

type UploadTarget = { interviewId: string | null; jobApplicationId: string | null; uploadedBy: string | null }

/** Bytes each kind of uploader may keep in files (admins have no limit). */
type StorageQuotas = { recruiterBytes: number; candidateBytes: number }

function storageQuotasOf(
  config: Pick<Config, 'FILE_QUOTA_RECRUITER_MB' | 'FILE_QUOTA_CANDIDATE_MB'>,
): StorageQuotas {
  return {
    recruiterBytes: config.FILE_QUOTA_RECRUITER_MB * MB,
    candidateBytes: config.FILE_QUOTA_CANDIDATE_MB * MB,
  }
}

/**
 * Whose storage an upload counts against: the signed-in uploader, or, for uploads through a
 * candidate's link, that interview's link uploads (they have no account to count against).
 */
type QuotaOwner = { where: Prisma.FileWhereInput; lockKey: string; quotaBytes: number | null }

function quotaOwnerOf(target: UploadTarget, actor: Actor, quotas: StorageQuotas): QuotaOwner {
  if (target.uploadedBy) {
    const role = hasAccount(actor) ? actor.role : undefined
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

/**
 * An upload goes to Postgres in slices of this size as it arrives (FileUploadChunk), so the process
 * holds about one slice per upload however large the file.
 */
export const UPLOAD_SLICE_BYTES = 256 * 1024
/** Joining a large file's slices into its row may take a while on a busy database. */
const UPLOAD_COMMIT_TIMEOUT_MS = 60_000

/**
 * Where an upload's bytes go while it arrives: one FileUploadChunk row per slice, written through
 * the pool (each slice holds a connection only for its own INSERT, so a slow client holds none),
 * and the type sniffer, which keeps only what it needs to judge the file.
 */
class UploadSlices {
  readonly id = randomUUID()
  readonly sniffer = new FileTypeSniffer()
  #pending: Buffer[] = []
  #pendingBytes = 0
  #sequence = 0
  #isWritten = false

  constructor(private readonly pool: pg.Pool) {}

  /** Takes the next bytes; a promise when a full slice is being written (reading waits for it). */
  write(chunk: Buffer): Promise<void> | undefined {
    this.sniffer.push(chunk)
    this.#pending.push(chunk)
    this.#pendingBytes += chunk.length
    return this.#pendingBytes >= UPLOAD_SLICE_BYTES ? this.flush() : undefined
  }

  /** Writes what is held as one slice. */
  async flush(): Promise<void> {
    if (this.#pendingBytes === 0) return
    const slice = Buffer.concat(this.#pending, this.#pendingBytes)
    this.#pending = []
    this.#pendingBytes = 0
    this.#isWritten = true
    await this.pool.query({
      name: 'file-upload-slice',
      text: 'INSERT INTO "FileUploadChunk" ("uploadId", seq, data) VALUES ($1, $2, $3)',
      values: [this.id, this.#sequence++, slice],
    })
  }

  /** Deletes the slices of an upload that failed. */
  async discard(): Promise<void> {
    this.#pending = []
    if (!this.#isWritten) return
    await this.pool.query('DELETE FROM "FileUploadChunk" WHERE "uploadId" = $1', [this.id])
  }
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
 * Stores one uploaded file. The multipart body is parsed as it arrives: the actor is authorized
 * when the file part starts (so the category and any interview or application must come first),
 * and the upload is refused with 413 as soon as more than the category's limit, or what is left of
 * the uploader's storage quota, has arrived. The bytes stream to Postgres in slices as they come
 * (memory holds about one slice), their type is judged as they pass, and once the whole file has
 * arrived and been accepted one transaction checks the quota again and joins the slices into the
 * File row. Slices of a refused or broken upload are deleted.
 */
export async function uploadFile(
  deps: Pick<Services, 'prisma' | 'pgPool' | 'config' | 'logger'>,
  actor: Actor,
  input: {
    body: ReadableStream<Uint8Array> | null
    contentType: string | undefined
    contentLength: number | undefined
    /** Form fields sent in the query string instead of the form. */
    fields: UploadFields
  },
) {
  const { prisma } = deps
  const query = input.fields
  if (actor.kind === 'anonymous') {
    throw new AppError({
      code: 'UNAUTHORIZED',
      message: 'Sign in, or use your interview link, to upload files.',
    })
  }
  if (!isMultipartFormData(input.contentType)) {
    throw new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as multipart/form-data.' })
  }
  const ceiling = query.category ? FILE_SIZE_LIMITS[query.category] : LARGEST_FILE_BYTES
  if (input.contentLength !== undefined && input.contentLength > ceiling + MULTIPART_OVERHEAD_BYTES) {
    throw query.category
      ? tooLarge(query.category)
      : new AppError({
          code: 'PAYLOAD_TOO_LARGE',
          message: `Files can be at most ${LARGEST_FILE_BYTES / MB} MB.`,
        })
  }

  let authorized: { category: FileCategory; target: UploadTarget; owner: QuotaOwner } | undefined
  const slices = new UploadSlices(deps.pgPool)
  try {
    const form = await readMultipartFile({
      body: input.body,
      contentType: input.contentType,
      fieldNames: UPLOAD_FIELD_NAMES,
      knownFields: query,
      fileFieldName: 'file',
      limits: UPLOAD_FORM_LIMITS,
      onFileStart: async ({ fields }) => {
        const parsed = UploadFileQuerySchema.parse(fields)
        if (!parsed.category) throw badRequest('Send the category before the file (or as a query parameter).')
        const category = parsed.category
        const target = await authorizeUpload({ prisma, actor, ...parsed, category })
        const owner = quotaOwnerOf(target, actor, storageQuotasOf(deps.config))
        authorized = { category, target, owner }
        const write = (chunk: Buffer) => slices.write(chunk)
        const categoryLimit = {
          maxBytes: FILE_SIZE_LIMITS[category],
          onExceeded: () => tooLarge(category),
          write,
        }
        if (owner.quotaBytes === null) return categoryLimit
        // Known before any file byte is read: what is left of the quota bounds the upload.
        const usedBytes = await readUsedBytes(prisma, owner)
        const remaining = owner.quotaBytes - usedBytes
        if (remaining <= 0) throw quotaExceeded(owner, usedBytes)
        if (remaining >= categoryLimit.maxBytes) return categoryLimit
        return { maxBytes: remaining, onExceeded: () => quotaExceeded(owner, usedBytes), write }
      },
    })
    if (!authorized) throw new Error('upload form read without authorization')
    const { category, target, owner } = authorized
    const size = form.size
    if (size === 0) throw badRequest('The file is empty.')

    const typeId = slices.sniffer.finish()
    if (!typeId || !ALLOWED_FILE_TYPES[category].includes(typeId)) {
      throw new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: describeRefusedType(category, typeId) })
    }
    await slices.flush()
    const type = FILE_TYPES[typeId]
    const fileId = randomUUID()
    const name = buildStoredFileName(form.filename, type.extension, CATEGORY_NAMES[category])
    return await prisma.$transaction(
      async (tx) => {
        // The slices become the row in Postgres: the file's bytes never gather in this process.
        const inserted = await tx.$executeRaw`
          INSERT INTO "File" (id, name, "mimeType", size, category, "uploadedBy", "interviewId", "jobApplicationId", data)
          SELECT ${fileId}::text, ${name}::text, ${type.mimeType}::text, ${size}::int, ${category}::"FileCategory",
                 ${target.uploadedBy}::text, ${target.interviewId}::text, ${target.jobApplicationId}::text,
                 string_agg(data, ''::bytea ORDER BY seq)
          FROM "FileUploadChunk" WHERE "uploadId" = ${slices.id}::text
          HAVING sum(length(data)) = ${size}::int`
        if (inserted !== 1) throw new Error(`the upload's stored slices do not add up to its ${size} bytes`)
        await tx.$executeRaw`DELETE FROM "FileUploadChunk" WHERE "uploadId" = ${slices.id}::text`
        // Uploads of the same owner running at once each saw room for themselves: checked again, one
        // at a time, until commit. Only this check waits for the lock, not the joining above; each
        // statement after the lock sees the files the uploads before it committed.
        if (owner.quotaBytes !== null) {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${owner.lockKey}, 0))`
          const usedBytes = await readUsedBytes(tx, {
            ...owner,
            where: { ...owner.where, id: { not: fileId } },
          })
          if (usedBytes + size > owner.quotaBytes) throw quotaExceeded(owner, usedBytes, size)
        }
        return tx.file.findUniqueOrThrow({ where: { id: fileId }, select: FILE_SUMMARY_SELECT })
      },
      // Uploads wait their turn for a connection rather than fail while others are being joined.
      { timeout: UPLOAD_COMMIT_TIMEOUT_MS, maxWait: UPLOAD_COMMIT_TIMEOUT_MS },
    )
  } catch (error) {
    await slices
      .discard()
      .catch((discardError) =>
        deps.logger.warn({ err: discardError, uploadId: slices.id }, 'upload slices not deleted'),
      )
    throw error
  }
}

/**
 * Deletes the slices of uploads an instance left unfinished (it stopped mid-upload): older than
 * any upload takes. Idempotent.
 */
export async function deleteAbandonedUploadSlices(deps: Pick<Services, 'prisma'>, now = new Date()) {
  const cutoff = new Date(now.getTime() - ABANDONED_UPLOAD_AGE_MS)
  const deleted = await deps.prisma.fileUploadChunk.deleteMany({ where: { createdAt: { lt: cutoff } } })
  return { deleted: deleted.count, failed: 0 }
}

/** Slices older than this belong to no upload still running. */
const ABANDONED_UPLOAD_AGE_MS = 6 * 60 * 60_000

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

/**
 * Who may upload what (the plan's contract), and where the file is attached. A candidate link
 * attaches to its own interview; recruiters attach only to their own interviews and applications.
 */
async function authorizeUpload(options: {
  prisma: DatabaseClient
  actor: Exclude<Actor, { kind: 'anonymous' }>
  category: FileCategory
  interviewId?: string
  jobApplicationId?: string
}): Promise<UploadTarget> {
  const { prisma, actor, category, interviewId, jobApplicationId } = options

  if (category === 'LOGO') {
    const user = requireSignedInUser(actor)
    if (user.role === 'CANDIDATE') {
      throw new AppError({ code: 'FORBIDDEN', message: 'Only recruiters and admins upload logos.' })
    }
    if (interviewId || jobApplicationId) throw badRequest('A logo belongs to no interview or application.')
    return { interviewId: null, jobApplicationId: null, uploadedBy: user.userId }
  }

  if (actor.kind === 'link') {
    if (jobApplicationId) throw badRequest('An interview link cannot attach files to an application.')
    if (interviewId && interviewId !== actor.interview.id) {
      throw new AppError({ code: 'FORBIDDEN', message: 'This link is for another interview.' })
    }
    return { interviewId: actor.interview.id, jobApplicationId: null, uploadedBy: null }
  }
  if (category === 'SCREENSHOT') {
    throw new AppError({ code: 'FORBIDDEN', message: 'Screenshots are uploaded through the interview link.' })
  }

  const user = requireSignedInUser(actor)
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
