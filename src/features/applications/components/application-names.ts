import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  isDestructiveApplicationMove,
} from '../../../../api/src/domain/application-status'
import type { StatusTone } from '../../../components/ui/status-badge'
import type { ApplicationSort, ApplicationStatus } from '../api/list-job-applications'

/** The board's columns, in the order an application moves through them. */
export { APPLICATION_STATUSES }

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
  // Only the candidate withdraws: the board shows it, but never offers it as a move.
  WITHDRAWN: { label: 'Withdrawn', tone: 'neutral', action: 'Withdrawn', empty: 'Nobody withdrew.' },
}

/** The moves the API allows, from the same table it enforces; the page offers exactly these. */
export const NEXT_APPLICATION_STATUSES = APPLICATION_TRANSITIONS

export { isDestructiveApplicationMove }

/** A move's button label: forward steps by their action, moves out of a decision as taking it back. */
export function moveLabel(from: ApplicationStatus, to: ApplicationStatus): string {
  if (from === 'REJECTED') return `Reopen as ${APPLICATION_STATUS_NAMES[to].label.toLowerCase()}`
  if (from === 'HIRED') return `Take back the hire`
  return APPLICATION_STATUS_NAMES[to].action
}

export const APPLICATION_SORT_NAMES: Record<ApplicationSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  score: 'Best interview score',
}

export function applicantName(application: {
  candidate: { fullName: string | null; email: string }
}): string {
  return application.candidate.fullName?.trim() || application.candidate.email
}
