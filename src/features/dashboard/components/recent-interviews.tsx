import { Link } from 'react-router'
import { buttonClassName } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { formatDate } from '../../../lib/format'
import { candidateLabel, INTERVIEW_STATUS_NAMES, useRecentInterviews } from '../../interviews'
import { DashboardSection, SECTION_LINK_CLASSES } from './dashboard-section'

const SHOWN = 5

/** The newest few interviews, each a link to its page. */
export function RecentInterviews() {
  const interviews = useRecentInterviews()

  return (
    <DashboardSection
      title="Recent interviews"
      action={
        <Link to="/interviews" className={SECTION_LINK_CLASSES}>
          All interviews
        </Link>
      }
    >
      {interviews.isPending ? (
        <Spinner label="Loading recent interviews…" />
      ) : interviews.isError ? (
        <LoadError
          what="recent interviews"
          error={interviews.error}
          onRetry={interviews.refetch}
          isRetrying={interviews.isFetching}
        />
      ) : interviews.data.items.length === 0 ? (
        <EmptyState
          title="No interviews yet"
          action={
            <Link to="/interviews/new" className={buttonClassName({ size: 'sm' })}>
              Create an interview
            </Link>
          }
        />
      ) : (
        <ul className="divide-y divide-slate-100">
          {interviews.data.items.slice(0, SHOWN).map((interview) => {
            const status = INTERVIEW_STATUS_NAMES[interview.status]
            return (
              <li key={interview.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <Link
                    to={`/interviews/${interview.id}`}
                    className="break-words font-medium text-slate-900 underline-offset-4 hover:underline"
                  >
                    {candidateLabel(interview)}
                  </Link>
                  <p className="break-words text-slate-600 text-sm">
                    {interview.jobRole} ·{' '}
                    <time dateTime={interview.createdAt}>{formatDate(interview.createdAt)}</time>
                  </p>
                </div>
                <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
              </li>
            )
          })}
        </ul>
      )}
    </DashboardSection>
  )
}
