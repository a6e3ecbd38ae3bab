import { cn } from '../../lib/cn'

type SpinnerProps = {
  /** What is loading, announced to screen readers and shown beside the spinner. */
  label: string
  /** Keep the label for screen readers only, when the surrounding layout already says it. */
  isLabelHidden?: boolean
  className?: string
}

/** A loading indicator that screen readers announce politely once it appears. */
export function Spinner({ label, isLabelHidden = false, className }: SpinnerProps) {
  return (
    <div role="status" aria-live="polite" className={cn('flex items-center gap-3 text-slate-600', className)}>
      <svg
        aria-hidden="true"
        className="size-5 shrink-0 motion-safe:animate-spin text-brand-600"
        viewBox="0 0 24 24"
        fill="none"
      >
        <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="3" className="opacity-25" />
        <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <span className={cn('text-sm', isLabelHidden && 'sr-only')}>{label}</span>
    </div>
  )
}
