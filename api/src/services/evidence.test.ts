import { afterAll, describe, expect, it } from 'vitest'
import { createInterview, createUser } from '../../test/support/factories.js'
import { createTestServices } from '../../test/support/services.js'
import type { EvidenceKind } from '../domain/evidence-chain.js'
import { AppError } from '../lib/errors.js'
import { appendEvidence, listInterviewEvidence, verifyInterviewEvidence } from './evidence.js'

const services = createTestServices()
afterAll(() => services.close())

// Fifty transactions queue for ten pooled connections and then for one row lock: Prisma's defaults
// (2 s to get a connection, 5 s per transaction) are for requests, not for a deliberate pile-up.
const PATIENT = { maxWait: 30_000, timeout: 30_000 }

async function newInterview() {
  const recruiter = await createUser(services)
  return createInterview(services, { recruiterId: recruiter.id })
}

function append(interviewId: string, kind: EvidenceKind, payload: unknown, occurredAt = new Date()) {
  return services.prisma.$transaction(
    (tx) => appendEvidence(tx, { interviewId, kind, payload, occurredAt }),
    PATIENT,
  )
}

/** An interview with `count` records in its log. */
async function interviewWithEvidence(count: number) {
  const interview = await newInterview()
  for (let index = 1; index <= count; index += 1) {
    await append(interview.id, 'message', { role: 'candidate', content: `answer ${index}` })
  }
  return interview
}

/**
 * Runs the statements with the append-only trigger off, in one transaction: other sessions never see
 * it off. Answers how many rows they changed.
 */
async function withTriggerDisabled(...statements: [sql: string, values: unknown[]][]) {
  const client = await services.pgPool.connect()
  try {
    await client.query('BEGIN')
    await client.query('ALTER TABLE "InterviewEvidence" DISABLE TRIGGER "interview_evidence_append_only"')
    let changed = 0
    for (const [sql, values] of statements) changed += (await client.query(sql, values)).rowCount ?? 0
    await client.query('ALTER TABLE "InterviewEvidence" ENABLE TRIGGER "interview_evidence_append_only"')
    await client.query('COMMIT')
    return changed
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

describe('appendEvidence', () => {
  it('keeps one gap-free, valid chain under 50 concurrent appends to one interview', async () => {
    const interview = await newInterview()
    const appended = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        append(interview.id, 'integrity_event', { type: 'paste', index }),
      ),
    )
    expect(appended.map((record) => record.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    )
    const stored = await listInterviewEvidence(services, { interviewId: interview.id })
    expect(stored.map((record) => record.sequence)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    )
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: true,
      checked: 50,
    })
  })

  it('commits with the caller’s transaction: a rolled-back append leaves no record and no gap', async () => {
    const interview = await interviewWithEvidence(1)
    await expect(
      services.prisma.$transaction(async (tx) => {
        await appendEvidence(tx, {
          interviewId: interview.id,
          kind: 'status',
          payload: { to: 'IN_PROGRESS' },
          occurredAt: new Date(),
        })
        throw new Error('the caller’s change failed')
      }),
    ).rejects.toThrow('the caller’s change failed')
    const next = await append(interview.id, 'status', { to: 'IN_PROGRESS' })
    expect(next.sequence).toBe(2)
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: true,
      checked: 2,
    })
  })

  it('hashes what Postgres gives back: payloads survive the round trip through jsonb', async () => {
    const interview = await newInterview()
    const payloads = [
      { z: 1, a: { y: [1.0, -0, 1e21, 1e-7, 0.1, 2 ** 53], x: 'é 日本 🎉 "quoted" \\ \n' } },
      { at: new Date('2027-01-31T12:00:00.123Z'), dropped: undefined, nothing: null, '': 'empty key' },
      ['a', ['nested', { deep: { deeper: true } }]],
      'just text',
      42,
    ]
    for (const payload of payloads) await append(interview.id, 'evaluation', payload)
    const stored = await listInterviewEvidence(services, { interviewId: interview.id })
    expect(stored[1]?.payload).toEqual({ at: '2027-01-31T12:00:00.123Z', nothing: null, '': 'empty key' })
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: true,
      checked: payloads.length,
    })
  })

  it('refuses a payload jsonb cannot hold, and an interview that does not exist', async () => {
    const interview = await newInterview()
    const refusal = await append(interview.id, 'message', { content: 'a\u0000b' }).catch((error) => error)
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(append(crypto.randomUUID(), 'message', {})).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      verifyInterviewEvidence(services, { interviewId: crypto.randomUUID() }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})

describe('the append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even through raw SQL', async () => {
    const interview = await interviewWithEvidence(2)
    const attempts = [
      [
        `UPDATE "InterviewEvidence" SET "payload" = '{"content":"edited"}' WHERE "interviewId" = $1`,
        [interview.id],
      ],
      [`DELETE FROM "InterviewEvidence" WHERE "interviewId" = $1 AND "sequence" = 2`, [interview.id]],
      ['TRUNCATE "InterviewEvidence"', []],
    ] as const
    for (const [sql, values] of attempts) {
      await expect(services.pgPool.query(sql, [...values]), sql).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/InterviewEvidence is append-only: (UPDATE|DELETE|TRUNCATE) refused/),
      })
    }
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: true,
      checked: 2,
    })
  })

  it('lets the records go with their interview', async () => {
    const interview = await interviewWithEvidence(3)
    await services.prisma.interview.delete({ where: { id: interview.id } })
    const { rows } = await services.pgPool.query(
      'SELECT count(*)::int AS count FROM "InterviewEvidence" WHERE "interviewId" = $1',
      [interview.id],
    )
    expect(rows).toEqual([{ count: 0 }])
  })
})

describe('verifyInterviewEvidence', () => {
  it('names the record edited behind the trigger’s back', async () => {
    const interview = await interviewWithEvidence(5)
    const changed = await withTriggerDisabled([
      `UPDATE "InterviewEvidence" SET "payload" = '{"role":"candidate","content":"a better answer"}'
       WHERE "interviewId" = $1 AND "sequence" = 3`,
      [interview.id],
    ])
    expect(changed).toBe(1)
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: false,
      checked: 2,
      brokenAt: { sequence: 3, reason: 'hash_mismatch' },
    })
  })

  it('names a record deleted behind the trigger’s back, and with an anchor a truncated tail', async () => {
    const interview = await interviewWithEvidence(5)
    const [, , , , last] = await listInterviewEvidence(services, { interviewId: interview.id })
    const anchor = { sequence: 5, hash: last?.hash ?? '' }

    await withTriggerDisabled([
      `DELETE FROM "InterviewEvidence" WHERE "interviewId" = $1 AND "sequence" = 5`,
      [interview.id],
    ])
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: true,
      checked: 4,
    })
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id, anchor })).toEqual({
      valid: false,
      checked: 4,
      brokenAt: { sequence: 5, reason: 'sequence_gap' },
    })

    await withTriggerDisabled([
      `DELETE FROM "InterviewEvidence" WHERE "interviewId" = $1 AND "sequence" = 2`,
      [interview.id],
    ])
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: false,
      checked: 1,
      brokenAt: { sequence: 2, reason: 'sequence_gap' },
    })
  })

  it('names records whose sequences were swapped', async () => {
    const interview = await interviewWithEvidence(4)
    // Through a free number: the unique index is checked after each statement.
    const renumber = (from: number, to: number): [string, unknown[]] => [
      `UPDATE "InterviewEvidence" SET "sequence" = $3 WHERE "interviewId" = $1 AND "sequence" = $2`,
      [interview.id, from, to],
    ]
    await withTriggerDisabled(renumber(2, -2), renumber(3, 2), renumber(-2, 3))
    expect(await verifyInterviewEvidence(services, { interviewId: interview.id })).toEqual({
      valid: false,
      checked: 1,
      brokenAt: { sequence: 2, reason: 'hash_mismatch' },
    })
  })
})
