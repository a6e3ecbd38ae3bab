import { Link } from 'react-router'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { INTERVIEW_STATUS_NAMES, INTERVIEW_STATUSES } from '../../interviews'
import { useDashboard } from '../api/get-dashboard'
import { DashboardSection } from './dashboard-section'

const FIGURE_CLASSES = 'rounded-xl bg-slate-50 p-3'
const LINK_CLASSES = 'rounded underline-offset-4 hover:underline'

/** Interviews by status, applications this week and open jobs, counted by the server across all of them. */
export function DashboardTotals() {
  const dashboard = useDashboard()

  return (
    <DashboardSection title="Totals">
      {dashboard.isPending ? (
        <Spinner label="Counting…" />
      ) : dashboard.isError ? (
        <LoadError
          what="your totals"
          error={dashboard.error}
          onRetry={dashboard.refetch}
          isRetrying={dashboard.isFetching}
        />
      ) : (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {INTERVIEW_STATUSES.map((status) => {
            const count = dashboard.data.totals.interviewsByStatus[status]
            const label = INTERVIEW_STATUS_NAMES[status].label
            return (
              <div key={status} className={FIGURE_CLASSES}>
                <dt className="text-slate-600 text-sm">{label} interviews</dt>
                <dd className="mt-1 font-bold text-2xl text-slate-900">
                  <Link
                    to={`/interviews?status=${status}`}
                    className={LINK_CLASSES}
                    aria-label={`${count} ${label.toLowerCase()} interviews: show them`}
                  >
                    {count}
                  </Link>
                </dd>
              </div>
            )
          })}
          <div className={FIGURE_CLASSES}>
            <dt className="text-slate-600 text-sm">Applications this week</dt>
            <dd className="mt-1 font-bold text-2xl text-slate-900">
              {dashboard.data.totals.applicationsThisWeek}
            </dd>
          </div>
          <div className={FIGURE_CLASSES}>
            <dt className="text-slate-600 text-sm">Open jobs</dt>
            <dd className="mt-1 font-bold text-2xl text-slate-900">
              <Link
                to="/jobs"
                className={LINK_CLASSES}
                aria-label={`${dashboard.data.totals.openJobs} open jobs: show them`}
              >
                {dashboard.data.totals.openJobs}
              </Link>
            </dd>
          </div>
        </dl>
      )}
    </DashboardSection>
  )
}
