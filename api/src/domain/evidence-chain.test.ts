import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  canonicalizeEvidence,
  canonicalJson,
  createNextEvidence,
  type EvidenceKind,
  EvidencePayloadError,
  type EvidenceRecord,
  GENESIS_HASH,
  hashEvidence,
  verifyChain,
} from './evidence-chain.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const INTERVIEW_ID = '7d9c1f4e-0b1a-4c55-9f55-3f0f6c1d2a10'

/** A sound chain of `count` records, one of each kind in turn. */
function buildChain(count: number): EvidenceRecord[] {
  const kinds: EvidenceKind[] = ['consent', 'status', 'message', 'integrity_event', 'evaluation']
  const records: EvidenceRecord[] = []
  for (let index = 0; index < count; index += 1) {
    records.push(
      createNextEvidence(
        records.at(-1) ?? null,
        {
          interviewId: INTERVIEW_ID,
          kind: kinds[index % kinds.length] as EvidenceKind,
          payload: { index, text: `record ${index}`, nested: { at: [index, true, null] } },
          occurredAt: new Date(Date.UTC(2027, 0, 31, 12, 0, index)),
        },
        sha256,
      ),
    )
  }
  return records
}

/** `record` with `changes`, its hash recomputed as someone covering their tracks would. */
function rehashed(record: EvidenceRecord, changes: Partial<EvidenceRecord>): EvidenceRecord {
  const changed = { ...record, ...changes }
  return { ...changed, hash: hashEvidence(changed, sha256) }
}

describe('canonical form', () => {
  it('is the same whatever order the keys were written in, with no whitespace', () => {
    const one = canonicalJson({ b: 1, a: { y: [1, { d: 2, c: 3 }], x: 'é' } })
    const other = canonicalJson({ a: { x: 'é', y: [1, { c: 3, d: 2 }] }, b: 1 })
    expect(one).toBe('{"a":{"x":"é","y":[1,{"c":3,"d":2}]},"b":1}')
    expect(other).toBe(one)
  })

  it('sorts keys by UTF-16 code units, prints numbers as JavaScript does, and dates as ISO strings', () => {
    expect(canonicalJson({ b: 0, B: 0, é: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"b":0,"é":0}')
    expect(canonicalJson([1.0, -0, 1e21, 1e-7, 0.1])).toBe('[1,0,1e+21,1e-7,0.1]')
    expect(canonicalJson({ at: new Date('2027-01-31T12:00:00Z') })).toBe('{"at":"2027-01-31T12:00:00.000Z"}')
    expect(canonicalJson({ kept: null, dropped: undefined })).toBe('{"kept":null}')
  })

  it('gives a record the same hash whatever order its fields and payload keys came in', () => {
    const [record] = buildChain(1) as [EvidenceRecord]
    const reordered = {
      previousHash: record.previousHash,
      payload: { text: 'record 0', nested: { at: [0, true, null] }, index: 0 },
      occurredAt: record.occurredAt,
      kind: record.kind,
      sequence: record.sequence,
      interviewId: record.interviewId,
    }
    expect(canonicalizeEvidence(reordered)).toBe(canonicalizeEvidence(record))
    expect(hashEvidence(reordered, sha256)).toBe(record.hash)
    expect(record.previousHash).toBe(GENESIS_HASH)
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses what JSON or jsonb cannot hold, naming where it is', () => {
    const refusals: [unknown, string][] = [
      [{ score: Number.NaN }, '$.score'],
      [{ list: [1, Infinity] }, '$.list[1]'],
      [{ big: 1n }, '$.big'],
      [{ text: 'a\u0000b' }, '$.text'],
      [{ text: 'half \uD83D pair' }, '$.text'],
      [{ '\uDC00': 1 }, '$.\uDC00'],
      [{ when: new Date(Number.NaN) }, '$.when'],
      [{ map: new Map() }, '$.map'],
      [[undefined], '$[0]'],
    ]
    for (const [value, path] of refusals) {
      expect(() => canonicalJson(value), path).toThrow(EvidencePayloadError)
      try {
        canonicalJson(value)
      } catch (error) {
        expect((error as EvidencePayloadError).path).toBe(path)
      }
    }
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => canonicalJson(cyclic)).toThrow(/refers to itself/)
    // The same object twice, side by side, is not a cycle.
    const shared = { a: 1 }
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]')
  })

  it('stores the payload as it will read back, so the hash survives a round trip through JSON', () => {
    const record = createNextEvidence(
      null,
      {
        interviewId: INTERVIEW_ID,
        kind: 'integrity_event',
        payload: { type: 'tab_hidden', at: new Date('2027-01-31T12:00:00Z'), detail: undefined },
        occurredAt: new Date('2027-01-31T12:00:01Z'),
      },
      sha256,
    )
    expect(record.payload).toEqual({ type: 'tab_hidden', at: '2027-01-31T12:00:00.000Z' })
    const readBack = { ...record, payload: JSON.parse(JSON.stringify(record.payload)) }
    expect(verifyChain([readBack], { sha256 })).toEqual({ valid: true, checked: 1 })
  })
})

describe('verifyChain', () => {
  it('accepts a sound chain, and an empty one', () => {
    expect(verifyChain(buildChain(5), { sha256 })).toEqual({ valid: true, checked: 5 })
    expect(verifyChain([], { sha256 })).toEqual({ valid: true, checked: 0 })
  })

  it('names an edited payload as a hash mismatch at its sequence', () => {
    const chain = buildChain(5)
    chain[2] = { ...(chain[2] as EvidenceRecord), payload: { index: 2, text: 'something else said' } }
    expect(verifyChain(chain, { sha256 })).toEqual({
      valid: false,
      checked: 2,
      brokenAt: { sequence: 3, reason: 'hash_mismatch' },
    })
  })

  it('names every edited field of a record', () => {
    const edits: Partial<EvidenceRecord>[] = [
      { kind: 'evaluation' },
      { occurredAt: new Date('2020-01-01T00:00:00Z') },
      { interviewId: 'another-interview' },
      { hash: GENESIS_HASH },
    ]
    for (const edit of edits) {
      const chain = buildChain(4)
      chain[1] = { ...(chain[1] as EvidenceRecord), ...edit }
      expect(verifyChain(chain, { sha256 }), JSON.stringify(edit)).toMatchObject({
        valid: false,
        brokenAt: { sequence: 2, reason: 'hash_mismatch' },
      })
    }
  })

  it('names a record replaced with a recomputed hash as a link mismatch at the next sequence', () => {
    const chain = buildChain(5)
    chain[1] = rehashed(chain[1] as EvidenceRecord, { payload: { forged: true } })
    expect(verifyChain(chain, { sha256 })).toEqual({
      valid: false,
      checked: 2,
      brokenAt: { sequence: 3, reason: 'link_mismatch' },
    })
  })

  it('names a forged first record that does not start from the genesis value', () => {
    const chain = buildChain(3)
    chain[0] = rehashed(chain[0] as EvidenceRecord, { previousHash: 'f'.repeat(64) })
    expect(verifyChain(chain, { sha256 })).toMatchObject({
      valid: false,
      brokenAt: { sequence: 1, reason: 'link_mismatch' },
    })
  })

  it('names a deleted record as a gap at its sequence', () => {
    const chain = buildChain(5)
    chain.splice(2, 1)
    expect(verifyChain(chain, { sha256 })).toEqual({
      valid: false,
      checked: 2,
      brokenAt: { sequence: 3, reason: 'sequence_gap' },
    })
    expect(verifyChain(buildChain(3).slice(1), { sha256 })).toMatchObject({
      brokenAt: { sequence: 1, reason: 'sequence_gap' },
    })
  })

  it('names a second record with a used sequence as a duplicate', () => {
    const chain = buildChain(4)
    const copy = rehashed(chain[1] as EvidenceRecord, { payload: { inserted: true } })
    chain.splice(2, 0, copy)
    expect(verifyChain(chain, { sha256 })).toEqual({
      valid: false,
      checked: 2,
      brokenAt: { sequence: 2, reason: 'sequence_duplicate' },
    })
  })

  it('names reordered records, whether moved or renumbered', () => {
    const moved = buildChain(4)
    ;[moved[1], moved[2]] = [moved[2] as EvidenceRecord, moved[1] as EvidenceRecord]
    expect(verifyChain(moved, { sha256 })).toMatchObject({
      valid: false,
      checked: 1,
      brokenAt: { sequence: 2, reason: 'sequence_gap' },
    })

    // Swapped in place with their numbers swapped too: read back by sequence, each is where it belongs
    // by number, but its number is part of what was hashed.
    const renumbered = buildChain(4)
    const second = renumbered[1] as EvidenceRecord
    const third = renumbered[2] as EvidenceRecord
    renumbered[1] = { ...third, sequence: 2 }
    renumbered[2] = { ...second, sequence: 3 }
    expect(verifyChain(renumbered, { sha256 })).toEqual({
      valid: false,
      checked: 1,
      brokenAt: { sequence: 2, reason: 'hash_mismatch' },
    })
  })

  it('needs an anchor to see a truncated tail, and with one names the first missing sequence', () => {
    const chain = buildChain(5)
    const anchor = { sequence: 5, hash: (chain[4] as EvidenceRecord).hash }
    const truncated = chain.slice(0, 3)
    expect(verifyChain(truncated, { sha256 })).toEqual({ valid: true, checked: 3 })
    expect(verifyChain(truncated, { sha256, anchor })).toEqual({
      valid: false,
      checked: 3,
      brokenAt: { sequence: 4, reason: 'sequence_gap' },
    })
    expect(verifyChain([], { sha256, anchor })).toMatchObject({
      brokenAt: { sequence: 1, reason: 'sequence_gap' },
    })
    expect(verifyChain(chain, { sha256, anchor })).toEqual({ valid: true, checked: 5 })
    // Grown since the anchor was taken: still sound.
    expect(
      verifyChain(chain, { sha256, anchor: { sequence: 3, hash: (chain[2] as EvidenceRecord).hash } }),
    ).toEqual({
      valid: true,
      checked: 5,
    })
  })

  it('with an anchor, sees a chain rewritten from an edit onwards', () => {
    const chain = buildChain(4)
    const anchor = { sequence: 4, hash: (chain[3] as EvidenceRecord).hash }
    const rewritten = chain.slice(0, 1)
    for (const original of chain.slice(1)) {
      const payload = original.sequence === 2 ? { forged: true } : original.payload
      rewritten.push(createNextEvidence(rewritten.at(-1) ?? null, { ...original, payload }, sha256))
    }
    expect(verifyChain(rewritten, { sha256 })).toEqual({ valid: true, checked: 4 })
    expect(verifyChain(rewritten, { sha256, anchor })).toEqual({
      valid: false,
      checked: 3,
      brokenAt: { sequence: 4, reason: 'hash_mismatch' },
    })
  })

  it('names a stored payload that no longer has a canonical form as a hash mismatch', () => {
    const chain = buildChain(2)
    chain[1] = { ...(chain[1] as EvidenceRecord), payload: { score: Number.NaN } }
    expect(verifyChain(chain, { sha256 })).toMatchObject({
      brokenAt: { sequence: 2, reason: 'hash_mismatch' },
    })
  })
})
