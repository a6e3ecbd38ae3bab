/**
 * An interview's clock: it runs from `startedAt` for `timeLimitMinutes`, whether or not the
 * candidate's page is open. The server, not the page, decides when time is up.
 */

export function interviewDeadline(interview: {
  startedAt: Date | null
  timeLimitMinutes: number
}): Date | null {
  if (!interview.startedAt) return null
  return new Date(interview.startedAt.getTime() + interview.timeLimitMinutes * 60_000)
}

/** Whole seconds left, never negative; the full limit before the interview has started. */
export function remainingSeconds(
  interview: { startedAt: Date | null; timeLimitMinutes: number },
  now = new Date(),
): number {
  const deadline = interviewDeadline(interview)
  if (!deadline) return interview.timeLimitMinutes * 60
  return Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 1000))
}

export function isPastTimeLimit(
  interview: { status: string; startedAt: Date | null; timeLimitMinutes: number },
  now = new Date(),
): boolean {
  const deadline = interviewDeadline(interview)
  return interview.status === 'IN_PROGRESS' && deadline !== null && deadline <= now
}
