import { describe, expect, it } from 'vitest'
import {
  changedMaterialFields,
  isSentBackForApprovalByEdit,
  LIVE_JOB,
  reopenedStanding,
} from './job-status.js'

describe('editing a job', () => {
  const current = { title: 'Engineer', description: 'Build things.', requirements: null, salaryRange: '€90k' }

  it('counts only real changes to what candidates decide on', () => {
    expect(changedMaterialFields(current, { title: 'Engineer', salaryRange: ' €90k ' })).toEqual([])
    expect(changedMaterialFields(current, { requirements: '' })).toEqual([])
    expect(changedMaterialFields(current, { title: 'Senior Engineer', requirements: 'Go' })).toEqual([
      'title',
      'requirements',
    ])
  })

  it('sends only a live job back, and only for those changes', () => {
    expect(isSentBackForApprovalByEdit(LIVE_JOB, ['title'])).toBe(true)
    expect(isSentBackForApprovalByEdit(LIVE_JOB, [])).toBe(false)
    expect(isSentBackForApprovalByEdit({ status: 'DRAFT', approvalStatus: 'PENDING' }, ['title'])).toBe(false)
  })
})

describe('reopening a closed job', () => {
  it('returns it where it stood: approved is live, rejected stays rejected, unapproved is a draft', () => {
    expect(reopenedStanding({ status: 'CLOSED', approvalStatus: 'APPROVED' })).toEqual(LIVE_JOB)
    expect(reopenedStanding({ status: 'CLOSED', approvalStatus: 'REJECTED' })).toEqual({
      status: 'ACTIVE',
      approvalStatus: 'REJECTED',
    })
    expect(reopenedStanding({ status: 'CLOSED', approvalStatus: 'PENDING' })).toEqual({
      status: 'DRAFT',
      approvalStatus: 'PENDING',
    })
  })
})
