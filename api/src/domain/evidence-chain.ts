/**
 * An interview's evidence log: one append-only chain per interview in which every record carries the
 * hash of the one before it, so that an edited, reordered, inserted or deleted record is detected
 * and named. Pure: the caller supplies SHA-256, since domain/ may not import `node:crypto` (the
 * services pass `sha256Hex` from lib/crypto.ts).
 *
 * The canonical form below is part of the stored data: every stored hash depends on it, so changing
 * it makes every existing chain fail verification.
 */

export const EVIDENCE_KINDS = [
  'message',
  'integrity_event',
  'consent',
  'evaluation',
  'status',
  'review_request',
  'voice',
  'recording',
] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The `previousHash` of an interview's first record: 64 zero hex digits, the shape of a SHA-256. */
export const GENESIS_HASH = '0'.repeat(64)

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export type Sha256 = (text: string) => string

/** A record as stored, without its own hash: everything the hash covers. */
export type EvidenceContent = {
  interviewId: string
  /** 1 for an interview's first record, then each record the one before plus one. */
  sequence: number
  kind: EvidenceKind
  payload: JsonValue
  occurredAt: Date
  previousHash: string
}

export type EvidenceRecord = EvidenceContent & { hash: string }

export type EvidenceBreak = 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' | 'sequence_duplicate'

export type EvidenceVerification =
  | { valid: true; checked: number }
  | { valid: false; checked: number; brokenAt: { sequence: number; reason: EvidenceBreak } }

/** The head of a chain as someone outside the database saw it (an export, a receipt). */
export type EvidenceAnchor = { sequence: number; hash: string }

/** A value the canonical form cannot represent, or that Postgres `jsonb` could not store as sent. */
export class EvidencePayloadError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`)
    this.name = 'EvidencePayloadError'
  }
}

// jsonb refuses U+0000 and unpaired surrogates (an escaped lone surrogate is not valid Unicode), so a
// payload holding one could be hashed but never stored.
const NUL = '\u0000'
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function canonicalString(text: string, path: string): string {
  if (text.includes(NUL) || LONE_SURROGATE.test(text)) {
    throw new EvidencePayloadError('holds U+0000 or an unpaired surrogate, which jsonb cannot store', path)
  }
  return JSON.stringify(text)
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers as ECMAScript prints them (so 1.0 and 1 agree, and -0 is 0), strings escaped as
 * `JSON.stringify` does. Dates become ISO 8601 strings, as they do when stored as JSON, so a payload
 * hashes the same before it is written and after it is read back. Object properties that are
 * `undefined` are left out, as JSON leaves them out; anything else JSON cannot carry is refused
 * rather than silently changed (NaN, Infinity, bigint, functions, class instances, cycles).
 */
export function canonicalJson(value: unknown, path = '$', ancestors: object[] = []): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new EvidencePayloadError('is not a finite number', path)
      return JSON.stringify(value)
    case 'string':
      return canonicalString(value, path)
    case 'object':
      break
    default:
      throw new EvidencePayloadError(`is a ${typeof value}, which JSON cannot represent`, path)
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EvidencePayloadError('is an invalid date', path)
    return JSON.stringify(value.toISOString())
  }
  if (ancestors.includes(value)) throw new EvidencePayloadError('refers to itself', path)
  const inside = [...ancestors, value]
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => canonicalJson(item, `${path}[${index}]`, inside)).join(',')}]`
  }
  if (!isPlainObject(value)) throw new EvidencePayloadError('is not plain JSON data', path)
  const members: string[] = []
  for (const key of Object.keys(value).sort()) {
    const item = value[key]
    if (item === undefined) continue
    const itemPath = `${path}.${key}`
    members.push(`${canonicalString(key, itemPath)}:${canonicalJson(item, itemPath, inside)}`)
  }
  return `{${members.join(',')}}`
}

/** `payload` exactly as it will read back from storage: the value whose canonical form is hashed. */
export function normalizeEvidencePayload(payload: unknown): JsonValue {
  return JSON.parse(canonicalJson(payload, '$.payload')) as JsonValue
}

/** The text a record's hash covers (everything but the hash), in canonical form. */
export function canonicalizeEvidence(content: EvidenceContent): string {
  if (!Number.isSafeInteger(content.sequence) || content.sequence < 1) {
    throw new EvidencePayloadError('must be a positive integer', '$.sequence')
  }
  return canonicalJson({
    interviewId: content.interviewId,
    sequence: content.sequence,
    kind: content.kind,
    payload: content.payload,
    occurredAt: content.occurredAt,
    previousHash: content.previousHash,
  })
}

/**
 * `sha256(previousHash + canonical(record without hash))`. The previous hash leads the input so the
 * link is hashed first; it is fixed-length hex and the canonical text starts with `{`, so the two
 * parts cannot be confused.
 */
export function hashEvidence(content: EvidenceContent, sha256: Sha256): string {
  return sha256(content.previousHash + canonicalizeEvidence(content))
}

/** The record that follows `last` (or starts the chain when `last` is null). */
export function createNextEvidence(
  last: Pick<EvidenceRecord, 'sequence' | 'hash'> | null,
  input: { interviewId: string; kind: EvidenceKind; payload: unknown; occurredAt: Date },
  sha256: Sha256,
): EvidenceRecord {
  const content: EvidenceContent = {
    interviewId: input.interviewId,
    sequence: last ? last.sequence + 1 : 1,
    kind: input.kind,
    payload: normalizeEvidencePayload(input.payload),
    occurredAt: input.occurredAt,
    previousHash: last ? last.hash : GENESIS_HASH,
  }
  return { ...content, hash: hashEvidence(content, sha256) }
}

function broken(checked: number, sequence: number, reason: EvidenceBreak): EvidenceVerification {
  return { valid: false, checked, brokenAt: { sequence, reason } }
}

/**
 * Checks `records`, in the order given (the caller reads them by ascending sequence), and stops at
 * the first fault. `checked` counts the records found sound before it. Per record, in this order:
 *
 * - `sequence_duplicate`: its sequence is not above the previous one (a second record with a used
 *   number, or records out of order);
 * - `sequence_gap`: its sequence skips one, which is then the one named (a deleted record);
 * - `hash_mismatch`: its stored hash is not the hash of its content (an edited record);
 * - `link_mismatch`: its `previousHash` is not the hash of the record before (a record replaced,
 *   with its hash recomputed, so that its successor no longer points at it).
 *
 * A chain rewritten from the edit onwards, or cut short, is consistent in itself: only a head known
 * from elsewhere (`anchor`) can show it. With one, a chain that ends before the anchor's sequence is
 * a `sequence_gap` at the first missing sequence, and a record there with another hash a
 * `hash_mismatch`. Records after the anchor are fine: the chain has grown since.
 */
export function verifyChain(
  records: readonly EvidenceRecord[],
  options: { sha256: Sha256; anchor?: EvidenceAnchor },
): EvidenceVerification {
  let previous: EvidenceRecord | null = null
  let checked = 0
  for (const record of records) {
    const expectedSequence = previous ? previous.sequence + 1 : 1
    if (record.sequence < expectedSequence) return broken(checked, record.sequence, 'sequence_duplicate')
    if (record.sequence > expectedSequence) return broken(checked, expectedSequence, 'sequence_gap')
    let hash: string
    try {
      hash = hashEvidence(record, options.sha256)
    } catch (error) {
      // A stored value that no longer has a canonical form was not written by this code.
      if (error instanceof EvidencePayloadError) return broken(checked, record.sequence, 'hash_mismatch')
      throw error
    }
    if (hash !== record.hash) return broken(checked, record.sequence, 'hash_mismatch')
    if (record.previousHash !== (previous ? previous.hash : GENESIS_HASH)) {
      return broken(checked, record.sequence, 'link_mismatch')
    }
    if (
      options.anchor &&
      record.sequence === options.anchor.sequence &&
      record.hash !== options.anchor.hash
    ) {
      return broken(checked, record.sequence, 'hash_mismatch')
    }
    previous = record
    checked += 1
  }
  if (options.anchor && (previous?.sequence ?? 0) < options.anchor.sequence) {
    return broken(checked, (previous?.sequence ?? 0) + 1, 'sequence_gap')
  }
  return { valid: true, checked }
}
