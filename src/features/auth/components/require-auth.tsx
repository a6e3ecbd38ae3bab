import type { ReactNode } from 'react'
import { Link, Navigate, Outlet, useLocation, useNavigation } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { describeError } from '../../../lib/api'
import { ROLE_NAMES } from '../../../lib/role-names'
import { type UserRole, useCurrentUser } from '../api/get-current-user'

type RequireAuthProps = {
  /** Roles allowed in; any signed-in user when left out. */
  roles?: readonly UserRole[]
  /** The protected content; a layout route leaves it out and gets its child route instead. */
  children?: ReactNode
}

/**
 * Shows its content only to a signed-in user of the right role. Signed-out visitors go to the
 * sign-in page, which brings them back here afterwards; the wrong role gets an explanation, not a
 * blank page or a bare 403.
 */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const currentUser = useCurrentUser()
  const location = useLocation()
  const navigation = useNavigation()

  if (currentUser.isPending) {
    return (
      <GateMessage>
        <Spinner label="Checking your sign-in…" />
      </GateMessage>
    )
  }
  if (currentUser.isError && currentUser.data === undefined) {
    return (
      <GateMessage>
        <Alert
          title="We couldn't check whether you're signed in"
          actions={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => currentUser.refetch()}
              disabled={currentUser.isFetching}
            >
              {currentUser.isFetching ? 'Checking…' : 'Try again'}
            </Button>
          }
        >
          {describeError(currentUser.error)}
        </Alert>
      </GateMessage>
    )
  }

  const user = currentUser.data
  // Signing out already leaves for the home page, which may still be downloading: wait for it.
  if (!user && navigation.state !== 'idle') {
    return (
      <GateMessage>
        <Spinner label="Loading…" />
      </GateMessage>
    )
  }
  if (!user) {
    const here = `${location.pathname}${location.search}${location.hash}`
    return <Navigate to={`/sign-in?${new URLSearchParams({ redirectTo: here })}`} replace />
  }

  if (roles && !roles.includes(user.role)) {
    // Admins may use every page, so naming them only matters for pages that are theirs alone.
    const named = roles.filter((role) => role !== 'ADMIN' || roles.length === 1)
    const allowed = new Intl.ListFormat('en', { type: 'conjunction' }).format(
      named.map((role) => ROLE_NAMES[role].plural),
    )
    return (
      <GateMessage>
        <title>{`This page is for ${allowed} — VantaHire`}</title>
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">This page is for {allowed}</h1>
        <p className="mt-4 text-slate-700 leading-7">
          You're signed in as <strong className="font-semibold">{user.email}</strong>, which is a{' '}
          {ROLE_NAMES[user.role].singular} account. To use this page, sign out and sign in with a{' '}
          {ROLE_NAMES[named[0] ?? 'RECRUITER'].singular} account.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link to="/account" className={buttonClassName()}>
            Go to your account
          </Link>
          <Link to="/" className={buttonClassName({ variant: 'secondary' })}>
            Back to the home page
          </Link>
        </div>
      </GateMessage>
    )
  }

  return children ?? <Outlet />
}

function GateMessage({ children }: { children: ReactNode }) {
  return <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6 sm:py-16">{children}</div>
}
