import { describe, expect, it } from 'vitest'
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  canApplicationTransition,
  canWithdrawApplication,
} from './application-status.js'

describe('application status', () => {
  it('moves one step forward, or to rejected, until hired or rejected', () => {
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
    ])
    expect(APPLICATION_TRANSITIONS.REJECTED).toEqual([])
    expect(APPLICATION_TRANSITIONS.HIRED).toEqual([])
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
