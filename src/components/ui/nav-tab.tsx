import type { ReactNode } from 'react'
import { NavLink } from 'react-router'
import { cn } from '../../lib/cn'

/** A navigation entry that shows whether its page is the one open (the main and admin navigations). */
export function NavTab({ to, isEnd, children }: { to: string; isEnd?: boolean; children: ReactNode }) {
  return (
    <NavLink
      to={to}
      end={isEnd}
      className={({ isActive }) =>
        cn(
          'inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-2 font-medium text-sm transition-colors sm:px-3',
          isActive ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
        )
      }
    >
      {children}
    </NavLink>
  )
}
