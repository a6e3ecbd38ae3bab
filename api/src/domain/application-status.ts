/**
 * A job application's steps: PENDING → REVIEWED → SHORTLISTED → HIRED, with REJECTED possible until
 * a decision is final. Rejected and hired are final. The candidate may withdraw until then
 * (WITHDRAWN, also final). The API enforces these moves and the SPA offers only these.
 */

export const APPLICATION_STATUSES = [
  'PENDING',
  'REVIEWED',
  'SHORTLISTED',
  'REJECTED',
  'HIRED',
  'WITHDRAWN',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  PENDING: ['REVIEWED', 'REJECTED'],
  REVIEWED: ['SHORTLISTED', 'REJECTED'],
  SHORTLISTED: ['HIRED', 'REJECTED'],
  REJECTED: [],
  HIRED: [],
  WITHDRAWN: [],
}

/** The recruiter's moves above are theirs; withdrawing is the candidate's own, until a decision is final. */
export function canWithdrawApplication(status: ApplicationStatus): boolean {
  return status === 'PENDING' || status === 'REVIEWED' || status === 'SHORTLISTED'
}

export function canApplicationTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_TRANSITIONS[from].includes(to)
}
