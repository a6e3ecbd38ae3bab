import { Link } from 'react-router'
import { ApplicationList } from '../features/my-applications/components/application-list'

/** `/my-applications`, for candidates: every job they applied for, and where each application stands. */
export function MyApplicationsPage() {
  return (
    <>
      <title>My applications — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">My applications</h1>
        <p className="mt-3 text-slate-700 leading-7">
          The jobs you applied for, newest first, and where each application stands. Looking for more?{' '}
          <Link
            to="/careers"
            className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
          >
            Browse open jobs
          </Link>
          .
        </p>
        <div className="mt-8">
          <ApplicationList />
        </div>
      </div>
    </>
  )
}
