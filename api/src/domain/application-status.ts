/**
 * A job application's steps: PENDING → REVIEWED → SHORTLISTED → HIRED, with REJECTED possible on the
 * way. A decision can be taken back: a rejected application reopens at any earlier step (so undoing
 * a rejection puts it back where it was), and a hire can go back to the shortlist. The candidate may
 * withdraw until a decision is taken (WITHDRAWN, final). The API enforces these moves, answers each
 * application with the moves its caller may make (`nextStatuses`), and the SPA offers only those.
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
  REJECTED: ['PENDING', 'REVIEWED', 'SHORTLISTED'],
  HIRED: ['SHORTLISTED'],
  WITHDRAWN: [],
}

/** The recruiter's moves above are theirs; withdrawing is the candidate's own, until a decision is final. */
export function canWithdrawApplication(status: ApplicationStatus): boolean {
  return status === 'PENDING' || status === 'REVIEWED' || status === 'SHORTLISTED'
}

/**
 * Moves that undo a decision or drop an application: the page asks before these, or lets them be
 * undone for a few seconds.
 */
export function isDestructiveApplicationMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return to === 'REJECTED' || from === 'HIRED'
}

/**
 * The statuses the caller may move an application to next: the recruiter's moves from the table
 * above, or the candidate's one move, withdrawing.
 */
export function nextApplicationStatuses(
  status: ApplicationStatus,
  caller: 'recruiter' | 'candidate',
): ApplicationStatus[] {
  if (caller === 'candidate') return canWithdrawApplication(status) ? ['WITHDRAWN'] : []
  return [...APPLICATION_TRANSITIONS[status]]
}

export function canApplicationTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_TRANSITIONS[from].includes(to)
}
