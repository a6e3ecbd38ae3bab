/**
 * A job's standing is two fields: its lifecycle `status` and, beside it, the admins' `approvalStatus`.
 * Neither alone says where a job is (a draft's approval reads PENDING before anyone was asked), so
 * every rule here reads both. The API enforces these rules; the SPA uses the same ones to offer only
 * what the API will accept.
 */

export const JOB_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number]

export type JobStanding = { status: JobStatus; approvalStatus: ApprovalStatus }

/** Where a job stands, in the words recruiters see: both fields read together. */
export type JobState = 'DRAFT' | 'WAITING' | 'LIVE' | 'REJECTED' | 'CLOSED'

export function jobStateOf(job: JobStanding): JobState {
  if (job.status === 'DRAFT') return 'DRAFT'
  if (job.status === 'CLOSED') return 'CLOSED'
  if (job.approvalStatus === 'APPROVED') return 'LIVE'
  if (job.approvalStatus === 'REJECTED') return 'REJECTED'
  return 'WAITING'
}

/** On the public job board, taking applications. */
export const LIVE_JOB = { status: 'ACTIVE', approvalStatus: 'APPROVED' } as const satisfies JobStanding

/** Submitted and in the admins' queue; also where a submission leads. */
export const AWAITING_APPROVAL = {
  status: 'ACTIVE',
  approvalStatus: 'PENDING',
} as const satisfies JobStanding

export function isLiveJob(job: JobStanding): boolean {
  return jobStateOf(job) === 'LIVE'
}

export function isAwaitingApproval(job: JobStanding): boolean {
  return jobStateOf(job) === 'WAITING'
}

/** A closed job is final: nothing about it changes any more. */
export function canEditJob(job: JobStanding): boolean {
  return job.status !== 'CLOSED'
}

/**
 * Editing a live job sends it back to the admins' queue, so nothing reaches candidates unreviewed.
 * A rejected job stays rejected while it is fixed; the recruiter resubmits it when ready.
 */
export function isSentBackForApprovalByEdit(job: JobStanding): boolean {
  return isLiveJob(job)
}

/** Drafts, and rejected jobs once fixed, may be submitted; a submission leads to `AWAITING_APPROVAL`. */
export function canSubmitJob(job: JobStanding): boolean {
  const state = jobStateOf(job)
  return state === 'DRAFT' || state === 'REJECTED'
}

export function canCloseJob(job: JobStanding): boolean {
  return job.status !== 'CLOSED'
}

/** Admins approve or reject only what was submitted and is still waiting. */
export function canDecideOnJob(job: JobStanding): boolean {
  return isAwaitingApproval(job)
}

/**
 * Suggested job types. A job's type is free text and the board's filter matches it exactly
 * (ignoring case), so forms offer these values to keep jobs findable.
 */
export const JOB_TYPE_SUGGESTIONS = ['Full-time', 'Part-time', 'Contract', 'Temporary', 'Internship'] as const
