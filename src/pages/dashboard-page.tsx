import { Link, Navigate } from 'react-router'
import { buttonClassName } from '../components/ui/button'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { DashboardTotals } from '../features/dashboard/components/dashboard-totals'
import { InterviewsNeedingAttention } from '../features/dashboard/components/interviews-needing-attention'
import { JobsNeedingAttention } from '../features/dashboard/components/jobs-needing-attention'
import { NewApplications } from '../features/dashboard/components/new-applications'
import { RecentInterviews } from '../features/dashboard/components/recent-interviews'
import { useDashboardEvents } from '../features/dashboard/hooks/use-dashboard-events'

/**
 * `/dashboard`: a recruiter's interviews, jobs and applications at a glance, kept current live. An
 * admin's dashboard is the admin overview, the platform's totals.
 */
export function DashboardPage() {
  const user = useCurrentUser().data
  if (user?.role === 'ADMIN') return <Navigate to="/admin" replace />
  return <RecruiterDashboard firstName={user?.fullName?.trim().split(/\s+/)[0]} />
}

function RecruiterDashboard({ firstName }: { firstName: string | undefined }) {
  useDashboardEvents()

  return (
    <>
      <title>Dashboard — VantaHire</title>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Dashboard</h1>
            <p className="mt-2 text-slate-700">
              {firstName ? `Welcome back, ${firstName}. ` : ''}This page updates by itself as candidates apply
              and interview.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Link to="/interviews/new" className={buttonClassName()}>
              New interview
            </Link>
            <Link to="/jobs/new" className={buttonClassName({ variant: 'secondary' })}>
              New job
            </Link>
          </div>
        </div>
        <div className="mt-8 space-y-6">
          <InterviewsNeedingAttention />
          <DashboardTotals />
          <div className="grid gap-6 lg:grid-cols-2">
            <RecentInterviews />
            <NewApplications />
          </div>
          <JobsNeedingAttention />
        </div>
      </div>
    </>
  )
}
