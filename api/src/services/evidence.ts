import {
  createNextEvidence,
  type EvidenceAnchor,
  type EvidenceKind,
  EvidencePayloadError,
  type EvidenceRecord,
  type EvidenceVerification,
  type JsonValue,
  verifyChain,
} from '../domain/evidence-chain.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { Services } from '../infra/container.js'
import { sha256Hex } from '../lib/crypto.js'
import { AppError } from '../lib/errors.js'

const EVIDENCE_SELECT = {
  id: true,
  interviewId: true,
  sequence: true,
  kind: true,
  payload: true,
  occurredAt: true,
  previousHash: true,
  hash: true,
} as const satisfies Prisma.InterviewEvidenceSelect

export type StoredEvidence = EvidenceRecord & { id: string }

type StoredRow = Prisma.InterviewEvidenceGetPayload<{ select: typeof EVIDENCE_SELECT }>

// Prisma types a Json column as any JSON it could hold, which is what domain/ calls JsonValue.
const toRecord = (row: StoredRow): StoredEvidence => ({ ...row, payload: row.payload as JsonValue })

/**
 * Appends one record to an interview's evidence log, inside the caller's transaction, so that the
 * record commits (or not) with the change it attests to. `tx` must be an open transaction: the lock
 * that keeps sequences gap-free is held only until it ends.
 *
 * Concurrent appends to one interview queue on its row; appends to different interviews do not wait
 * for each other. `FOR NO KEY UPDATE` rather than `FOR UPDATE`: other tables' inserts that point at
 * the interview (messages, links) take `FOR KEY SHARE` on it for their foreign key, and must not wait
 * for the log.
 */
export async function appendEvidence(
  tx: Prisma.TransactionClient,
  input: {
    interviewId: string
    kind: EvidenceKind
    payload: unknown
    occurredAt: Date
    /** The caller took the interview row's lock earlier in this transaction. */
    isInterviewLocked?: boolean
  },
): Promise<StoredEvidence> {
  if (!input.isInterviewLocked) {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Interview" WHERE "id" = ${input.interviewId} FOR NO KEY UPDATE`
    if (locked.length === 0) throw new AppError({ code: 'NOT_FOUND', message: 'Interview not found.' })
  }

  const last = await tx.interviewEvidence.findFirst({
    where: { interviewId: input.interviewId },
    orderBy: { sequence: 'desc' },
    select: { sequence: true, hash: true },
  })
  let record: EvidenceRecord
  try {
    record = createNextEvidence(last, input, sha256Hex)
  } catch (error) {
    if (!(error instanceof EvidencePayloadError)) throw error
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The evidence record cannot be stored.',
      details: { issues: [{ path: error.path, message: error.message }] },
    })
  }
  const row = await tx.interviewEvidence.create({
    data: {
      interviewId: record.interviewId,
      sequence: record.sequence,
      kind: record.kind,
      // The payload as normalized for hashing, so the stored JSON reads back to the same hash.
      payload: record.payload as Prisma.InputJsonValue,
      occurredAt: record.occurredAt,
      previousHash: record.previousHash,
      hash: record.hash,
    },
    select: EVIDENCE_SELECT,
  })
  return toRecord(row)
}

/** An interview's evidence log, oldest first. */
export async function listInterviewEvidence(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string },
): Promise<StoredEvidence[]> {
  const rows = await deps.prisma.interviewEvidence.findMany({
    where: { interviewId: input.interviewId },
    orderBy: { sequence: 'asc' },
    select: EVIDENCE_SELECT,
  })
  return rows.map(toRecord)
}

/**
 * Re-reads an interview's log in order and checks every hash and link; the answer names the first
 * broken record. `anchor` is a head seen outside the database (an export, a receipt): only with one
 * can a log cut short, or rewritten from some record onwards, be told from a shorter sound one.
 * Callers check access first: this reads any interview's log.
 */
export async function verifyInterviewEvidence(
  deps: Pick<Services, 'prisma'>,
  input: { interviewId: string; anchor?: EvidenceAnchor },
): Promise<EvidenceVerification> {
  const interview = await deps.prisma.interview.findUnique({
    where: { id: input.interviewId },
    select: { id: true },
  })
  if (!interview) throw new AppError({ code: 'NOT_FOUND', message: 'Interview not found.' })
  const records = await listInterviewEvidence(deps, input)
  return verifyChain(records, { sha256: sha256Hex, anchor: input.anchor })
}
