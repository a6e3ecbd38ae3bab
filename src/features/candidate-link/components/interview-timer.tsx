import { cn } from '../../../lib/cn'

function formatClock(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return `${minutes}:${String(rest).padStart(2, '0')}`
}

/** Spoken once as each threshold is crossed, not every second. */
function announcementFor(secondsLeft: number): string {
  if (secondsLeft === 0) return 'Time is up. Your interview is being ended.'
  if (secondsLeft <= 60) return 'One minute left in your interview.'
  if (secondsLeft <= 5 * 60) return 'Five minutes left in your interview.'
  return ''
}

/**
 * The time left, always visible. `role="timer"` is not announced as it ticks; a separate polite live
 * region says when five minutes and one minute are left.
 */
export function InterviewTimer({ secondsLeft }: { secondsLeft: number }) {
  const isShort = secondsLeft <= 5 * 60
  return (
    <div className="flex items-center gap-2">
      <span className="text-slate-600 text-xs sm:text-sm">Time left</span>
      <span
        role="timer"
        aria-label={`${Math.ceil(secondsLeft / 60)} minutes left`}
        className={cn(
          'rounded-md px-2 py-0.5 font-mono font-semibold tabular-nums',
          isShort ? 'bg-amber-100 text-amber-950' : 'bg-slate-100 text-slate-900',
        )}
      >
        {formatClock(secondsLeft)}
      </span>
      <span className="sr-only" aria-live="polite">
        {announcementFor(secondsLeft)}
      </span>
    </div>
  )
}
