import { Link } from 'react-router'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { type Job, JobActions, JobStateBadge, jobState, RejectionReason, useRecentJobs } from '../../jobs'
import { DashboardSection, SECTION_LINK_CLASSES } from './dashboard-section'

/** Jobs waiting on the recruiter: rejected ones (with the admin's reason) first, then unsubmitted drafts. */
export function JobsNeedingAttention() {
  const jobs = useRecentJobs()

  return (
    <DashboardSection
      title="Jobs needing attention"
      action={
        <Link to="/jobs" className={SECTION_LINK_CLASSES}>
          All jobs
        </Link>
      }
    >
      {jobs.isPending ? (
        <Spinner label="Loading your jobs…" />
      ) : jobs.isError ? (
        <LoadError what="your jobs" error={jobs.error} onRetry={jobs.refetch} isRetrying={jobs.isFetching} />
      ) : (
        <JobsList jobs={jobs.data.items} />
      )}
    </DashboardSection>
  )
}

function JobsList({ jobs }: { jobs: Job[] }) {
  const rejected = jobs.filter((job) => jobState(job) === 'REJECTED')
  const drafts = jobs.filter((job) => jobState(job) === 'DRAFT')
  const waiting = jobs.filter((job) => jobState(job) === 'WAITING').length
  const needingAttention = [...rejected, ...drafts]

  return (
    <div className="space-y-3">
      {needingAttention.length === 0 ? (
        <EmptyState title="Nothing needs your attention">
          No rejected jobs and no unsubmitted drafts.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {needingAttention.map((job) => (
            <li key={job.id} className="space-y-3 rounded-xl border border-slate-200 p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="min-w-0 break-words font-semibold text-slate-900">{job.title}</h3>
                <JobStateBadge job={job} />
              </div>
              <RejectionReason job={job} />
              <JobActions job={job} isCompact />
            </li>
          ))}
        </ul>
      )}
      {waiting > 0 ? (
        <p className="text-slate-600 text-sm">
          {waiting} job{waiting === 1 ? ' is' : 's are'} waiting for an admin's approval.
        </p>
      ) : null}
    </div>
  )
}
