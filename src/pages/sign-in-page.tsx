import { Link, useNavigate, useSearchParams } from 'react-router'
import { signedInLandingPath } from '../../api/src/domain/redirect'
import { Alert } from '../components/ui/alert'
import { Button, buttonClassName } from '../components/ui/button'
import { Card } from '../components/ui/card'
import { Spinner } from '../components/ui/spinner'
import { useAuthProviders } from '../features/auth/api/get-auth-providers'
import { type SignedInUser, useCurrentUser } from '../features/auth/api/get-current-user'
import { useSignOut } from '../features/auth/api/sign-out'
import { DevSignInForm } from '../features/auth/components/dev-sign-in-form'
import { ProviderSignIn } from '../features/auth/components/provider-sign-in'
import { RoleLandingLink } from '../features/auth/components/role-landing-link'
import { SignInErrorAlert } from '../features/auth/components/sign-in-error-alert'
import { useRedirectTarget } from '../features/auth/hooks/use-redirect-target'
import { describeError } from '../lib/api'
import { ROLE_NAMES } from '../lib/role-names'

export function SignInPage() {
  const [searchParams] = useSearchParams()
  const redirectTo = useRedirectTarget()
  const navigate = useNavigate()
  const currentUser = useCurrentUser()
  const authOptions = useAuthProviders()
  const errorReason = searchParams.get('error')

  return (
    <>
      <title>Sign in — VantaHire</title>
      <div className="mx-auto max-w-xl px-4 py-10 sm:px-6 sm:py-16">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Sign in to VantaHire</h1>
        <p className="mt-3 text-slate-700 leading-7">
          Recruiters create AI interviews and review results here; candidates keep their profile and see the
          interviews they were invited to.
        </p>

        {errorReason && !currentUser.data ? (
          <div className="mt-6">
            <SignInErrorAlert reason={errorReason} providerId={searchParams.get('provider')} />
          </div>
        ) : null}

        <div className="mt-8 space-y-6">
          {currentUser.isPending ? (
            <Spinner label="Checking whether you're signed in…" />
          ) : currentUser.data ? (
            <SignedInNotice user={currentUser.data} redirectTo={redirectTo} />
          ) : authOptions.isPending ? (
            <Spinner label="Loading the ways to sign in…" />
          ) : authOptions.isError ? (
            <Alert
              title="We couldn't load the sign-in options"
              actions={
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => authOptions.refetch()}
                  disabled={authOptions.isFetching}
                >
                  {authOptions.isFetching ? 'Trying again…' : 'Try again'}
                </Button>
              }
            >
              {describeError(authOptions.error)}
            </Alert>
          ) : authOptions.data.providers.length === 0 && !authOptions.data.isDevLoginEnabled ? (
            <Alert tone="warning" title="Signing in is not set up on this server yet">
              No sign-in provider is configured, and development sign-in is off, so nobody can sign in here.
              An administrator needs to configure Google or LinkedIn sign-in for this VantaHire server.
            </Alert>
          ) : (
            <>
              {authOptions.data.providers.length > 0 ? (
                <Card>
                  <ProviderSignIn options={authOptions.data} redirectTo={redirectTo} />
                </Card>
              ) : (
                <Alert tone="info" title="Google and LinkedIn sign-in are not set up on this server">
                  Use development sign-in below instead.
                </Alert>
              )}
              {authOptions.data.isDevLoginEnabled ? (
                <DevSignInForm
                  isSignupCodeRequired={authOptions.data.isSignupCodeRequired}
                  onSignedIn={(user) =>
                    navigate(signedInLandingPath(user.role, redirectTo), { replace: true })
                  }
                />
              ) : null}
            </>
          )}
        </div>

        {currentUser.data ? null : (
          <p className="mt-8 text-slate-600 text-sm leading-6">
            Invited to an interview? You don't need an account: open the personal link from your email or
            WhatsApp message.
          </p>
        )}
      </div>
    </>
  )
}

function SignedInNotice({ user, redirectTo }: { user: SignedInUser; redirectTo?: string }) {
  const signOut = useSignOut()
  return (
    <Card>
      <p className="text-slate-700 leading-7">
        You're signed in as{' '}
        <strong className="font-semibold text-slate-900">{user.fullName?.trim() || user.email}</strong>
        {user.fullName ? ` (${user.email})` : ''}, with a {ROLE_NAMES[user.role].singular} account.
      </p>
      <div className="mt-5 flex flex-wrap gap-3">
        {redirectTo ? (
          <Link to={redirectTo} className={buttonClassName()}>
            Continue
          </Link>
        ) : null}
        <RoleLandingLink
          role={user.role}
          className={buttonClassName({ variant: redirectTo ? 'secondary' : 'primary' })}
        />
        <Button variant="ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? 'Signing out…' : 'Sign out to switch accounts'}
        </Button>
      </div>
      {signOut.isError ? (
        <Alert className="mt-4" title="You're still signed in">
          {describeError(signOut.error)}
        </Alert>
      ) : null}
    </Card>
  )
}
