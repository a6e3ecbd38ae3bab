import type { ReactNode } from 'react'
import { Outlet } from 'react-router'
import { NavTab } from '../../../components/ui/nav-tab'

const SECTIONS = [
  { to: '/admin', label: 'Overview', isEnd: true },
  { to: '/admin/users', label: 'Users', isEnd: false },
  { to: '/admin/approvals', label: 'Job approvals', isEnd: false },
  { to: '/admin/settings', label: 'Settings', isEnd: false },
  { to: '/admin/jobs', label: 'Background jobs', isEnd: false },
] as const

/** The admin area's frame: its sections as a second navigation, above the section's page. */
export function AdminLayout() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
      <nav aria-label="Admin sections">
        <ul className="flex flex-wrap gap-0.5 border-slate-200 border-b pb-3 sm:gap-1">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavTab to={section.to} isEnd={section.isEnd}>
                {section.label}
              </NavTab>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8">
        <Outlet />
      </div>
    </div>
  )
}

/** An admin page's title and what it is for. */
export function AdminPageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <header>
      <title>{`${title} — Admin — VantaHire`}</title>
      <h1 className="font-bold text-3xl text-slate-900 tracking-tight">{title}</h1>
      <div className="mt-3 max-w-3xl text-slate-700 leading-7">{children}</div>
    </header>
  )
}
