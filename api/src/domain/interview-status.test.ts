import { describe, expect, it } from 'vitest'
import {
  canInterviewTransition,
  INTERVIEW_STATUSES,
  INTERVIEW_TRANSITIONS,
  isInterviewExpired,
} from './interview-status.js'

describe('interview status', () => {
  it('starts, then completes, or expires before completing; nothing leaves a final status', () => {
    const allowed = INTERVIEW_STATUSES.flatMap((from) =>
      INTERVIEW_STATUSES.filter((to) => canInterviewTransition(from, to)).map((to) => `${from}→${to}`),
    )
    expect(allowed).toEqual([
      'PENDING→IN_PROGRESS',
      'PENDING→EXPIRED',
      'IN_PROGRESS→COMPLETED',
      'IN_PROGRESS→EXPIRED',
    ])
    expect(INTERVIEW_TRANSITIONS.COMPLETED).toEqual([])
    expect(INTERVIEW_TRANSITIONS.EXPIRED).toEqual([])
  })

  it('counts an open interview past its expiry time as expired, but not a completed one', () => {
    const now = new Date('2027-01-31T12:00:00Z')
    const past = new Date('2027-01-31T11:59:59Z')
    expect(isInterviewExpired({ status: 'PENDING', expiresAt: past }, now)).toBe(true)
    expect(isInterviewExpired({ status: 'IN_PROGRESS', expiresAt: now }, now)).toBe(true)
    expect(isInterviewExpired({ status: 'COMPLETED', expiresAt: past }, now)).toBe(false)
    expect(isInterviewExpired({ status: 'PENDING', expiresAt: null }, now)).toBe(false)
    expect(isInterviewExpired({ status: 'EXPIRED', expiresAt: null }, now)).toBe(true)
  })
})
