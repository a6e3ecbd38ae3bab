import type { Actor } from '../domain/actor.js'
import type { FileCategory } from '../generated/prisma/enums.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import { requireSignedInUser } from './access.js'

export type ReadableFile = {
  id: string
  name: string
  mimeType: string
  size: number
  category: FileCategory
  createdAt: Date
}

/**
 * A file's metadata, if the actor may read it. Logos are public. Everything else: an admin, the
 * uploader, the link of the file's interview, or the recruiter who owns the file's interview, the
 * job of its application, or an interview or application that uses it as the candidate's resume.
 * API keys read logos only. Any other caller gets 403.
 */
export async function findReadableFile(
  deps: Pick<Services, 'prisma'>,
  actor: Actor,
  input: { fileId: string },
): Promise<ReadableFile> {
  const recruiterId = actor.kind === 'user' && actor.role === 'RECRUITER' ? actor.userId : null
  const file = await deps.prisma.file.findUnique({
    where: { id: input.fileId },
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
  if (actor.kind === 'link' && file.interviewId === actor.interview.id) return summary
  if (actor.kind === 'user') {
    if (actor.role === 'ADMIN' || file.uploadedBy === actor.userId) return summary
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
  if (actor.kind === 'anonymous') {
    throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to download this file.' })
  }
  throw new AppError({ code: 'FORBIDDEN', message: 'You may not read this file.' })
}

/** The uploader or an admin, signed in; anyone else is refused. */
export async function deleteFile(deps: Pick<Services, 'prisma'>, actor: Actor, input: { fileId: string }) {
  const user = requireSignedInUser(actor)
  const file = await deps.prisma.file.findUnique({
    where: { id: input.fileId },
    select: { uploadedBy: true },
  })
  if (!file) throw new AppError({ code: 'NOT_FOUND', message: 'No such file.' })
  if (user.role !== 'ADMIN' && file.uploadedBy !== user.userId) {
    throw new AppError({ code: 'FORBIDDEN', message: 'Only the uploader or an admin may delete this file.' })
  }
  await deps.prisma.file.delete({ where: { id: input.fileId } })
  return { id: input.fileId, deleted: true as const }
}
