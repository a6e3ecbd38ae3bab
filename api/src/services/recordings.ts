import { randomUUID } from 'node:crypto'
import type { Actor } from '../domain/actor.js'
import type { Services } from '../infra/container.js'
import { AppError } from '../lib/errors.js'
import type { ObjectStorage } from '../providers/object-storage.js'
import { requireAccount, requireLink } from './access.js'
import { loadInterviewForCandidate } from './candidate-interview.js'
import { appendEvidence } from './evidence.js'
import { assertManaged } from './interview-links.js'

type Deps = Pick<Services, 'prisma' | 'realtime' | 'objectStorage'>

/** What the candidate's page records into: WebM from MediaRecorder, the type every upload is signed for. */
export const RECORDING_CONTENT_TYPE = 'video/webm'
/** Long enough to open the upload session; the session itself then lasts as long as Cloud Storage keeps it (a week). */
export const UPLOAD_URL_TTL_SECONDS = 10 * 60
/** A recruiter's playback link: enough to watch, short enough that a copied link soon stops working. */
export const READ_URL_TTL_SECONDS = 15 * 60

const RECORDING_KEY = /^recordings\/([^/]+)\/[0-9a-f-]{36}\.webm$/

/** Whether this server keeps interview recordings; the candidate's page offers recording only when it does. */
export function isRecordingAvailable(deps: Pick<Services, 'objectStorage'>): boolean {
  return deps.objectStorage !== null
}

function requireStorage(deps: Pick<Services, 'objectStorage'>): ObjectStorage {
  // 409, not 503: retrying changes nothing, and the interview goes on without a recording.
  if (!deps.objectStorage)
    throw new AppError({
      code: 'CONFLICT',
      message: 'Recording is not configured on this server; the interview goes on without one.',
      details: { reason: 'recording_not_configured' },
    })
  return deps.objectStorage
}

/**
 * A signed URL that opens a resumable upload of this interview's recording straight to Cloud
 * Storage, under a key the server chooses. Only while the interview is in progress, and only when
 * the candidate agreed to be recorded.
 */
export async function startRecordingUpload(deps: Deps, actor: Actor, now = new Date()) {
  const { interview: linked } = requireLink(actor)
  const storage = requireStorage(deps)
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status !== 'IN_PROGRESS')
    throw new AppError({
      code: 'CONFLICT',
      message:
        interview.status === 'PENDING'
          ? 'Recording starts with the interview.'
          : 'This interview has ended; nothing more can be recorded.',
      details: { reason: 'interview_not_in_progress', status: interview.status },
    })
  if (interview.consentRecording !== true)
    throw new AppError({
      code: 'CONFLICT',
      message: 'You have not agreed to be recorded, so nothing is recorded.',
      details: { reason: 'recording_consent_required' },
    })
  const objectKey = `recordings/${interview.id}/${randomUUID()}.webm`
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000)
  const uploadUrl = await storage.signResumableUpload({
    key: objectKey,
    contentType: RECORDING_CONTENT_TYPE,
    expiresAt,
  })
  return { uploadUrl, objectKey, contentType: RECORDING_CONTENT_TYPE, expiresAt }
}

/**
 * The page finished uploading: the object must be in the bucket under one of this interview's
 * keys. Stored on the interview and in its evidence log, and announced to the recruiter. Also after
 * the interview has ended, since the last chunks go up once it has. A later recording replaces an
 * earlier one (a page reloaded mid-interview starts a new file); completing the same one again
 * changes nothing.
 */
export async function completeRecordingUpload(deps: Deps, actor: Actor, input: { objectKey: string }) {
  const { interview: linked } = requireLink(actor)
  const storage = requireStorage(deps)
  if (RECORDING_KEY.exec(input.objectKey)?.[1] !== linked.id)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'This is not a recording key issued for this interview.',
      details: { field: 'objectKey' },
    })
  const interview = await loadInterviewForCandidate(deps, linked.id)
  if (interview.status === 'PENDING' || interview.status === 'EXPIRED' || interview.consentRecording !== true)
    throw new AppError({
      code: 'CONFLICT',
      message: 'This interview has no recording to complete.',
      details: { reason: 'recording_not_started', status: interview.status },
    })
  const current = await deps.prisma.interview.findUniqueOrThrow({
    where: { id: interview.id },
    select: { recordingGcsKey: true },
  })
  const stored = await storage.statObject(input.objectKey).catch((error: unknown) => {
    throw new AppError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Cloud Storage could not be reached to check the recording; try again shortly.',
      cause: error,
    })
  })
  if (!stored || stored.size === 0)
    throw new AppError({
      code: 'CONFLICT',
      message: 'The recording has not finished uploading; send its last chunk, then try again.',
      details: { reason: 'recording_not_uploaded' },
    })
  const now = new Date()
  // A page that retries after a lost answer is told the same again, without a second record.
  if (current.recordingGcsKey === input.objectKey)
    return { objectKey: input.objectKey, size: stored.size, recordedAt: now }
  await deps.prisma.$transaction(async (tx) => {
    await tx.interview.update({ where: { id: interview.id }, data: { recordingGcsKey: input.objectKey } })
    await appendEvidence(tx, {
      interviewId: interview.id,
      kind: 'recording',
      payload: { objectKey: input.objectKey, size: stored.size, contentType: stored.contentType },
      occurredAt: now,
    })
  })
  deps.realtime.publish({ userIds: [interview.recruiterId] }, 'interview:recording', {
    interviewId: interview.id,
    size: stored.size,
    recordedAt: now,
  })
  return { objectKey: input.objectKey, size: stored.size, recordedAt: now }
}

/** A short-lived signed URL that plays the interview's recording, for its recruiter or an admin. */
export async function getRecordingPlayback(
  deps: Pick<Services, 'prisma' | 'objectStorage'>,
  actor: Actor,
  input: { interviewId: string },
  now = new Date(),
) {
  const account = requireAccount(actor)
  const interview = assertManaged(
    await deps.prisma.interview.findUnique({
      where: { id: input.interviewId },
      select: { recruiterId: true, recordingGcsKey: true },
    }),
    account,
  )
  const storage = requireStorage(deps)
  if (!interview.recordingGcsKey)
    throw new AppError({
      code: 'NOT_FOUND',
      message: 'This interview has no recording.',
      details: { reason: 'no_recording' },
    })
  const expiresAt = new Date(now.getTime() + READ_URL_TTL_SECONDS * 1000)
  const url = await storage.signRead({ key: interview.recordingGcsKey, expiresAt })
  return { url, contentType: RECORDING_CONTENT_TYPE, expiresAt }
}
