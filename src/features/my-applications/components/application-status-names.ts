import type { StatusTone } from '../../../components/ui/status-badge'
import type { ApplicationStatus } from '../api/list-my-applications'

/** How each status reads to the candidate, and what it means for them. */
export const APPLICATION_STATUS_NAMES: Record<
  ApplicationStatus,
  { label: string; tone: StatusTone; meaning: string }
> = {
  PENDING: { label: 'Pending', tone: 'neutral', meaning: 'The recruiter has not looked at it yet.' },
  REVIEWED: { label: 'Reviewed', tone: 'neutral', meaning: 'The recruiter has read your application.' },
  SHORTLISTED: {
    label: 'Shortlisted',
    tone: 'ok',
    meaning: 'You are on the shortlist. The recruiter may invite you to an interview.',
  },
  HIRED: { label: 'Hired', tone: 'ok', meaning: 'Congratulations: the recruiter has hired you.' },
  REJECTED: {
    label: 'Not selected',
    tone: 'down',
    meaning: 'The recruiter has decided not to go ahead with your application.',
  },
  WITHDRAWN: {
    label: 'Withdrawn',
    tone: 'neutral',
    meaning: 'You withdrew it. You can apply to the job again while it is open.',
  },
}
