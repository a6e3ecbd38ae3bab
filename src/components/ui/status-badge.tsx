import type { ReactNode } from 'react'
import { cn } from '../../lib/cn'

export type StatusTone = 'ok' | 'down' | 'warning' | 'neutral'

const TONE_CLASSES: Record<StatusTone, { badge: string; dot: string }> = {
  ok: { badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', dot: 'bg-emerald-500' },
  down: { badge: 'bg-red-50 text-red-800 ring-red-600/20', dot: 'bg-red-500' },
  warning: { badge: 'bg-amber-50 text-amber-900 ring-amber-600/20', dot: 'bg-amber-500' },
  neutral: { badge: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
}

type StatusBadgeProps = {
  tone: StatusTone
  /** The state in words; colour alone must never carry it. */
  children: ReactNode
  className?: string
}

/** A short state label, such as "OK" or "Unreachable", with a coloured dot. */
export function StatusBadge({ tone, children, className }: StatusBadgeProps) {
  const classes = TONE_CLASSES[tone]
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium text-xs ring-1 ring-inset',
        classes.badge,
        className,
      )}
    >
      <span aria-hidden="true" className={cn('size-1.5 rounded-full', classes.dot)} />
      {children}
    </span>
  )
}
