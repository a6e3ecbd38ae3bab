/**
 * An interview's life: it starts, then completes; either may instead expire. Completed and expired
 * interviews are final. The API enforces these moves and the SPA offers only these.
 */

export const INTERVIEW_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED'] as const
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number]

export const INTERVIEW_TRANSITIONS: Readonly<Record<InterviewStatus, readonly InterviewStatus[]>> = {
  PENDING: ['IN_PROGRESS', 'EXPIRED'],
  IN_PROGRESS: ['COMPLETED', 'EXPIRED'],
  COMPLETED: [],
  EXPIRED: [],
}

export function canInterviewTransition(from: InterviewStatus, to: InterviewStatus): boolean {
  return INTERVIEW_TRANSITIONS[from].includes(to)
}

/**
 * Expired by status, or past its expiry time while it could still have been taken: the status may
 * not have caught up with the clock yet.
 */
export function isInterviewExpired(
  interview: { status: InterviewStatus; expiresAt: Date | null },
  now = new Date(),
): boolean {
  if (interview.status === 'EXPIRED') return true
  const isOpen = interview.status === 'PENDING' || interview.status === 'IN_PROGRESS'
  return isOpen && interview.expiresAt !== null && interview.expiresAt <= now
}
