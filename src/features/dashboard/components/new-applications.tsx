import { Link } from 'react-router'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { formatDate } from '../../../lib/format'
import { applicantName, useNewApplications } from '../../applications'
import { useRecentJobs } from '../../jobs'
import { DashboardSection } from './dashboard-section'

const SHOWN = 5
/** One request per job: the few most recent jobs that have applications are asked. */
const JOBS_ASKED = 10

/** Applications nobody has reviewed yet, newest first, across the recruiter's jobs. */
export function NewApplications() {
  const jobs = useRecentJobs()
  const jobIds = (jobs.data?.items ?? [])
    .filter((job) => job.applicationCount > 0)
    .slice(0, JOBS_ASKED)
    .map((job) => job.id)
  const applications = useNewApplications(jobIds)

  return (
    <DashboardSection title="New applications">
      {jobs.isPending || (jobIds.length > 0 && applications.isPending) ? (
        <Spinner label="Loading new applications…" />
      ) : jobs.isError ? (
        <LoadError what="your jobs" error={jobs.error} onRetry={jobs.refetch} isRetrying={jobs.isFetching} />
      ) : applications.isError ? (
        <LoadError
          what="new applications"
          error={applications.error}
          onRetry={applications.refetch}
          isRetrying={applications.isFetching}
        />
      ) : applications.items.length === 0 ? (
        <EmptyState title="No new applications">
          They appear here the moment candidates apply to your jobs.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {applications.items.slice(0, SHOWN).map((application) => (
            <li key={application.id} className="py-3">
              <Link
                to={`/jobs/${application.jobId}/applications`}
                className="break-words font-medium text-slate-900 underline-offset-4 hover:underline"
              >
                {applicantName(application)}
              </Link>
              <p className="break-words text-slate-600 text-sm">
                {application.job.title} · applied{' '}
                <time dateTime={application.appliedAt}>{formatDate(application.appliedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </DashboardSection>
  )
}
