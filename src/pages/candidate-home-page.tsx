import { Link } from 'react-router'
import { Card, CardTitle } from '../components/ui/card'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { ApplicationList } from '../features/my-applications/components/application-list'
import { OpenInterviewList } from '../features/my-interviews/components/open-interview-list'

/** `/home`, where candidates land after signing in: interviews still to take, then their applications. */
export function CandidateHomePage() {
  const user = useCurrentUser().data
  const firstName = user?.fullName?.trim().split(/\s+/)[0]

  return (
    <>
      <title>Your applications and interviews — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">
          {firstName ? `Welcome, ${firstName}` : 'Your applications and interviews'}
        </h1>
        <p className="mt-3 text-slate-700 leading-7">
          Interviews you have been invited to, and where each of your applications stands. Looking for more?{' '}
          <Link
            to="/careers"
            className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
          >
            Browse open jobs
          </Link>
          .
        </p>
        <Card as="section" aria-labelledby="open-interviews-heading" className="mt-8">
          <CardTitle id="open-interviews-heading">Your interviews</CardTitle>
          <div className="mt-4">
            <OpenInterviewList />
          </div>
        </Card>
        <section aria-labelledby="applications-heading" className="mt-10">
          <h2 id="applications-heading" className="font-bold text-2xl text-slate-900 tracking-tight">
            Your applications
          </h2>
          <div className="mt-4">
            <ApplicationList />
          </div>
        </section>
      </div>
    </>
  )
}
