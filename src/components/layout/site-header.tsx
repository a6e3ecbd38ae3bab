import { Link, NavLink } from 'react-router'
import { UserMenu } from '../../features/auth/components/user-menu'
import { cn } from '../../lib/cn'
import { Wordmark } from './wordmark'

/** Only routes that exist; each feature adds its own entry when it ships. */
const NAV_ITEMS = [
  { to: '/', label: 'Overview', isEnd: true },
  { to: '/status', label: 'Status', isEnd: false },
] as const

export function SiteHeader() {
  return (
    <header className="border-slate-200 border-b bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-3 sm:gap-4 sm:px-6">
        <Link to="/" aria-label="VantaHire home" className="rounded-lg">
          <Wordmark />
        </Link>
        <div className="flex items-center gap-1 sm:gap-3">
          <nav aria-label="Main">
            <ul className="flex items-center gap-0.5 sm:gap-1">
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.isEnd}
                    className={({ isActive }) =>
                      cn(
                        'inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-2 font-medium text-sm transition-colors sm:px-3',
                        isActive
                          ? 'bg-brand-50 text-brand-700'
                          : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                      )
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <UserMenu />
        </div>
      </div>
    </header>
  )
}
