import type { StatusTone } from '../../../components/ui/status-badge'
import type { Job } from '../api/list-jobs'

export type JobState = 'DRAFT' | 'WAITING' | 'LIVE' | 'REJECTED' | 'CLOSED'

/**
 * Where a job stands, from its status and its approval together: a draft's approval is PENDING
 * before it was ever submitted, so neither field alone says whether an admin is looking at it.
 */
export function jobState(job: Pick<Job, 'status' | 'approvalStatus'>): JobState {
  if (job.status === 'DRAFT') return 'DRAFT'
  if (job.status === 'CLOSED') return 'CLOSED'
  if (job.approvalStatus === 'APPROVED') return 'LIVE'
  if (job.approvalStatus === 'REJECTED') return 'REJECTED'
  return 'WAITING'
}

export const JOB_STATE_NAMES: Record<JobState, { label: string; tone: StatusTone; description: string }> = {
  DRAFT: {
    label: 'Draft',
    tone: 'neutral',
    description: 'Only you can see it. Submit it for approval when it is ready.',
  },
  WAITING: {
    label: 'Waiting for approval',
    tone: 'warning',
    description: 'An admin reviews it before it appears on the job board.',
  },
  LIVE: { label: 'Live on the job board', tone: 'ok', description: 'Candidates can find it and apply.' },
  REJECTED: {
    label: 'Rejected',
    tone: 'down',
    description: 'Fix what the admin asked for, then submit it again.',
  },
  CLOSED: {
    label: 'Closed',
    tone: 'neutral',
    description: 'Off the job board; it takes no more applications.',
  },
}

/** The API accepts drafts, and rejected jobs once fixed (POST /api/jobs/{id}/submit; 409 otherwise). */
export function canSubmitJob(job: Pick<Job, 'status' | 'approvalStatus'>): boolean {
  const state = jobState(job)
  return state === 'DRAFT' || state === 'REJECTED'
}

/** Suggestions for the job type; any other text is accepted too. */
export const JOB_TYPE_SUGGESTIONS = ['Full-time', 'Part-time', 'Contract', 'Temporary', 'Internship'] as const
