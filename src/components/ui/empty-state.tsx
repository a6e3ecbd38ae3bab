import type { ReactNode } from 'react'
import { cn } from '../../lib/cn'

type EmptyStateProps = {
  title: string
  children?: ReactNode
  /** A way forward, such as a link that creates the first item. */
  action?: ReactNode
  className?: string
}

/** What an empty list says instead of showing nothing: why it is empty and what to do next. */
export function EmptyState({ title, children, action, className }: EmptyStateProps) {
  return (
    <div className={cn('rounded-xl border border-slate-300 border-dashed px-4 py-8 text-center', className)}>
      <p className="font-medium text-slate-900">{title}</p>
      {children ? <div className="mt-1 text-slate-600 text-sm leading-6">{children}</div> : null}
      {action ? <div className="mt-4 flex justify-center">{action}</div> : null}
    </div>
  )
}
