import type { ReactNode } from 'react'
import { cn } from '../../lib/cn'

export type AlertTone = 'error' | 'warning' | 'info' | 'success'

const TONE_CLASSES: Record<AlertTone, string> = {
  error: 'border-red-200 bg-red-50 text-red-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-950',
  info: 'border-sky-200 bg-sky-50 text-sky-950',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-950',
}

const ICON_PATHS: Record<AlertTone, string> = {
  error:
    'M12 8v5m0 3h.01M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0Z',
  warning:
    'M12 8v5m0 3h.01M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0Z',
  info: 'M12 16v-4m0-4h.01M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z',
  success: 'm9 12 2 2 4-4m7 2a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z',
}

type AlertProps = {
  tone?: AlertTone
  title: string
  children?: ReactNode
  /** Actions such as a retry button, placed under the message. */
  actions?: ReactNode
  className?: string
}

/**
 * A message that needs attention. Errors and warnings use role="alert" so screen readers
 * interrupt to read them; info and success use role="status", which waits its turn.
 */
export function Alert({ tone = 'error', title, children, actions, className }: AlertProps) {
  const isUrgent = tone === 'error' || tone === 'warning'
  return (
    <div
      role={isUrgent ? 'alert' : 'status'}
      className={cn('flex gap-3 rounded-xl border p-4', TONE_CLASSES[tone], className)}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="mt-0.5 size-5 shrink-0"
      >
        <path d={ICON_PATHS[tone]} />
      </svg>
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{title}</p>
        {children ? <div className="mt-1 text-sm leading-6">{children}</div> : null}
        {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </div>
  )
}
