import { Link } from 'react-router'
import { Button, buttonClassName } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { formatDate } from '../../../lib/format'
import { jobTypeLabel } from '../../../lib/job-type-names'
import { type Job, useJobList } from '../api/list-jobs'
import { JobActions } from './job-actions'
import { JobStateBadge, RejectionReason } from './job-state-badge'

/** The recruiter's jobs, newest first, with what each needs next. */
export function JobList() {
  const list = useJobList()

  if (list.isPending) return <Spinner label="Loading your jobs…" />
  if (list.isError && !list.data) {
    return (
      <LoadError what="your jobs" error={list.error} onRetry={list.refetch} isRetrying={list.isFetching} />
    )
  }
  const jobs = list.data.pages.flatMap((page) => page.items)
  if (jobs.length === 0) {
    return (
      <EmptyState
        title="No jobs yet"
        action={
          <Link to="/jobs/new" className={buttonClassName()}>
            Create a job
          </Link>
        }
      >
        Post a job, and once an admin approves it, candidates can find it on the job board and apply.
      </EmptyState>
    )
  }

  return (
    <div className="space-y-4">
      <ul aria-label="Jobs" className="space-y-4">
        {jobs.map((job) => (
          <JobItem key={job.id} job={job} />
        ))}
      </ul>
      {list.isFetchNextPageError ? (
        <LoadError
          what="more jobs"
          error={list.error}
          onRetry={() => list.fetchNextPage()}
          isRetrying={list.isFetchingNextPage}
        />
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  )
}

function JobItem({ job }: { job: Job }) {
  const facts = [job.department, job.location, jobTypeLabel(job.jobType), job.salaryRange].filter(Boolean)
  return (
    <li
      aria-labelledby={`job-${job.id}`}
      className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id={`job-${job.id}`} className="break-words font-semibold text-lg text-slate-900">
            {job.title}
          </h2>
          {facts.length > 0 ? (
            <p className="mt-0.5 break-words text-slate-600 text-sm">{facts.join(' · ')}</p>
          ) : null}
        </div>
        <JobStateBadge job={job} hasDescription />
      </div>
      <RejectionReason job={job} />
      <p className="text-slate-600 text-sm">
        Created <time dateTime={job.createdAt}>{formatDate(job.createdAt)}</time>
      </p>
      <JobActions job={job} />
    </li>
  )
}
