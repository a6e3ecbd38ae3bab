import type { StatusTone } from '../../../components/ui/status-badge'
import type { ApplicationStatus } from '../api/list-job-applications'

/** The board's columns, in the order an application moves through them. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'PENDING',
  'REVIEWED',
  'SHORTLISTED',
  'REJECTED',
  'HIRED',
]

export const APPLICATION_STATUS_NAMES: Record<
  ApplicationStatus,
  { label: string; tone: StatusTone; action: string; empty: string }
> = {
  PENDING: { label: 'Pending', tone: 'neutral', action: 'Mark as pending', empty: 'No new applications.' },
  REVIEWED: { label: 'Reviewed', tone: 'neutral', action: 'Mark as reviewed', empty: 'Nobody reviewed yet.' },
  SHORTLISTED: {
    label: 'Shortlisted',
    tone: 'warning',
    action: 'Shortlist',
    empty: 'Nobody shortlisted yet.',
  },
  REJECTED: { label: 'Rejected', tone: 'down', action: 'Reject', empty: 'Nobody rejected.' },
  HIRED: { label: 'Hired', tone: 'ok', action: 'Mark as hired', empty: 'Nobody hired yet.' },
}

/**
 * The moves the API allows (PATCH /api/applications/{id}: PENDING → REVIEWED → SHORTLISTED → HIRED,
 * REJECTED from any of the first three; rejected and hired are final), so only those are offered.
 * The API still decides: a change made meanwhile elsewhere answers 409, which is shown.
 */
export const NEXT_APPLICATION_STATUSES: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  PENDING: ['REVIEWED', 'REJECTED'],
  REVIEWED: ['SHORTLISTED', 'REJECTED'],
  SHORTLISTED: ['HIRED', 'REJECTED'],
  REJECTED: [],
  HIRED: [],
}

export function applicantName(application: {
  candidate: { fullName: string | null; email: string }
}): string {
  return application.candidate.fullName?.trim() || application.candidate.email
}
