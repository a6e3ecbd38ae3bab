import { describe, expect, it } from 'vitest'
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  canApplicationTransition,
  canWithdrawApplication,
  isDestructiveApplicationMove,
  nextApplicationStatuses,
} from './application-status.js'

describe('application status', () => {
  it('moves one step forward or to rejected, and a decision can be taken back', () => {
    const allowed = APPLICATION_STATUSES.flatMap((from) =>
      APPLICATION_STATUSES.filter((to) => canApplicationTransition(from, to)).map((to) => `${from}→${to}`),
    )
    expect(allowed).toEqual([
      'PENDING→REVIEWED',
      'PENDING→REJECTED',
      'REVIEWED→SHORTLISTED',
      'REVIEWED→REJECTED',
      'SHORTLISTED→REJECTED',
      'SHORTLISTED→HIRED',
      'REJECTED→PENDING',
      'REJECTED→REVIEWED',
      'REJECTED→SHORTLISTED',
      'HIRED→SHORTLISTED',
    ])
  })

  it('can undo every rejection by moving back to where it came from', () => {
    for (const from of APPLICATION_STATUSES.filter((status) =>
      canApplicationTransition(status, 'REJECTED'),
    )) {
      expect(canApplicationTransition('REJECTED', from)).toBe(true)
    }
  })

  it('offers each caller only its own moves', () => {
    for (const status of APPLICATION_STATUSES) {
      expect(nextApplicationStatuses(status, 'recruiter')).toEqual(APPLICATION_TRANSITIONS[status])
      expect(nextApplicationStatuses(status, 'candidate')).toEqual(
        canWithdrawApplication(status) ? ['WITHDRAWN'] : [],
      )
    }
  })

  it('counts rejecting and taking back a hire as destructive, and nothing else', () => {
    const destructive = APPLICATION_STATUSES.flatMap((from) =>
      APPLICATION_TRANSITIONS[from]
        .filter((to) => isDestructiveApplicationMove(from, to))
        .map((to) => `${from}→${to}`),
    )
    expect(destructive).toEqual([
      'PENDING→REJECTED',
      'REVIEWED→REJECTED',
      'SHORTLISTED→REJECTED',
      'HIRED→SHORTLISTED',
    ])
  })
})

describe('withdrawing', () => {
  it('is the candidate’s until a decision is final', () => {
    expect(APPLICATION_STATUSES.filter(canWithdrawApplication)).toEqual([
      'PENDING',
      'REVIEWED',
      'SHORTLISTED',
    ])
    expect(APPLICATION_TRANSITIONS.WITHDRAWN).toEqual([])
  })
})
