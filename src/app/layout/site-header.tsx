import { Link } from 'react-router'
import { NavTab } from '../../components/ui/nav-tab'
import { Wordmark } from '../../components/wordmark'
import { type UserRole, useCurrentUser } from '../../features/auth/api/get-current-user'
import { UserMenu } from '../../features/auth/components/user-menu'
import { ConnectionIndicator } from '../../features/realtime/components/connection-indicator'
import { adminAndBoardNav } from '../routes/admin-and-board-routes'

type Audience = UserRole | 'SIGNED_OUT'

type NavItem = {
  to: string
  label: string
  /** Active only on this exact path, not on the paths below it. */
  isEnd: boolean
  /** Who sees the entry; everyone when left out. */
  audience?: readonly Audience[]
}

const RECRUITERS: readonly Audience[] = ['RECRUITER', 'ADMIN']

/** Only routes that exist; each feature adds its own entry when it ships. */
const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', isEnd: true, audience: ['SIGNED_OUT'] },
  { to: '/home', label: 'Home', isEnd: false, audience: ['CANDIDATE'] },
  // An admin's dashboard is the admin overview, under Admin.
  { to: '/dashboard', label: 'Dashboard', isEnd: false, audience: ['RECRUITER'] },
  { to: '/interviews', label: 'Interviews', isEnd: false, audience: RECRUITERS },
  { to: '/jobs', label: 'Jobs', isEnd: false, audience: RECRUITERS },
  { to: '/outbox', label: 'Outbox', isEnd: false, audience: RECRUITERS },
  ...adminAndBoardNav.map((item) => ({ to: item.to, label: item.label, isEnd: false, audience: item.roles })),
  { to: '/status', label: 'Status', isEnd: false },
]

export function SiteHeader() {
  const currentUser = useCurrentUser()
  const user = currentUser.data
  // While the first answer is on its way, show what everyone sees rather than guessing a role.
  const audience: Audience = user?.role ?? 'SIGNED_OUT'
  const items = NAV_ITEMS.filter((item) => !item.audience || item.audience.includes(audience))
  const isRecruiter = user?.role === 'RECRUITER' || user?.role === 'ADMIN'

  return (
    <header className="border-slate-200 border-b bg-white/90 backdrop-blur">
      {/* One row on wide screens; below that the navigation gets rows of its own, so every entry stays in sight. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:gap-x-4 sm:px-6 lg:flex-nowrap lg:py-3">
        <Link to="/" aria-label="VantaHire home" className="order-1 rounded-lg">
          <Wordmark />
        </Link>
        <nav
          aria-label="Main"
          className="order-3 -mx-2 w-[calc(100%+1rem)] lg:order-2 lg:mx-0 lg:w-auto lg:flex-1"
        >
          <ul className="flex flex-wrap items-center gap-0.5 sm:gap-1">
            {items.map((item) => (
              <li key={item.to}>
                <NavTab to={item.to} isEnd={item.isEnd}>
                  {item.label}
                </NavTab>
              </li>
            ))}
          </ul>
        </nav>
        <div className="order-2 ml-auto flex items-center gap-1 sm:gap-3 lg:order-3">
          {isRecruiter ? <ConnectionIndicator /> : null}
          <UserMenu />
        </div>
      </div>
    </header>
  )
}
