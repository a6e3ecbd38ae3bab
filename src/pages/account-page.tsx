import { Link } from 'react-router'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { AccountDetailsSection } from '../features/users/components/account-details-section'
import { CandidateProfileSection } from '../features/users/components/candidate-profile-section'
import { RecruiterProfileSection } from '../features/users/components/recruiter-profile-section'

/** `/account`, behind RequireAuth: the signed-in user's details, then the profile of their role. */
export function AccountPage() {
  const { data: user } = useCurrentUser()
  const isRecruiter = user?.role === 'RECRUITER' || user?.role === 'ADMIN'

  return (
    <>
      <title>Your account — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-16">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Your account</h1>
        <p className="mt-3 text-slate-700 leading-7">
          {isRecruiter ? (
            <>
              Your details and your company's profile. To connect other tools to VantaHire, manage your{' '}
              <Link
                to="/account/api-keys"
                className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
              >
                API keys
              </Link>
              .
            </>
          ) : (
            'Your details and the profile recruiters see when you take their interviews.'
          )}
        </p>
        <div className="mt-8 space-y-6">
          <AccountDetailsSection />
          {user?.role === 'CANDIDATE' ? <CandidateProfileSection /> : null}
          {isRecruiter ? <RecruiterProfileSection /> : null}
        </div>
      </div>
    </>
  )
}
