import { INTERVIEW_STATUSES, INTERVIEW_TRANSITIONS } from '../../../../api/src/domain/interview-status'
import type { StatusTone } from '../../../components/ui/status-badge'
import type { InterviewSort, InterviewStatus, InterviewType } from '../api/list-interviews'

export { INTERVIEW_STATUSES }

/** How each status is named and coloured; the name always carries the meaning, never the colour alone. */
export const INTERVIEW_STATUS_NAMES: Record<InterviewStatus, { label: string; tone: StatusTone }> = {
  PENDING: { label: 'Pending', tone: 'neutral' },
  IN_PROGRESS: { label: 'In progress', tone: 'warning' },
  COMPLETED: { label: 'Completed', tone: 'ok' },
  EXPIRED: { label: 'Expired', tone: 'down' },
}

/**
 * The moves the API allows, from the same table it enforces, so only possible actions are offered.
 * The API still decides: a change made meanwhile elsewhere answers 409, which is shown.
 */
export const NEXT_INTERVIEW_STATUSES = INTERVIEW_TRANSITIONS

export const STATUS_ACTION_NAMES: Record<
  InterviewStatus,
  { label: string; pendingLabel: string; explanation: string }
> = {
  PENDING: { label: 'Mark as pending', pendingLabel: 'Saving…', explanation: '' },
  IN_PROGRESS: {
    label: 'Mark as started',
    pendingLabel: 'Marking as started…',
    explanation: 'Use this when the candidate has started the interview outside VantaHire.',
  },
  COMPLETED: {
    label: 'Mark as completed',
    pendingLabel: 'Marking as completed…',
    explanation: 'The interview is then final: it cannot be reopened or edited, only its notes.',
  },
  EXPIRED: {
    label: 'Mark as expired',
    pendingLabel: 'Marking as expired…',
    explanation: 'The candidate can no longer take it, and it cannot be reopened.',
  },
}

export const INTERVIEW_TYPE_NAMES: Record<InterviewType, { label: string; description: string }> = {
  TEXT: { label: 'Text', description: 'The candidate chats with the AI interviewer.' },
  VOICE: { label: 'Voice', description: 'A spoken, real-time conversation with the AI interviewer.' },
}

export const INTERVIEW_SORT_NAMES: Record<InterviewSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  expiring: 'Expiring soonest',
  candidate: 'Candidate name, A–Z',
}

/** The name to show for the candidate: their name when the recruiter gave one, else their email. */
export function candidateLabel(interview: { candidateName: string | null; candidateEmail: string }): string {
  return interview.candidateName?.trim() || interview.candidateEmail
}
