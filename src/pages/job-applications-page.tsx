import { Link, useParams } from 'react-router'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import { ApplicationsBoard } from '../features/applications/components/applications-board'
import { useJob } from '../features/jobs/api/get-job'
import { JobNotFound } from '../features/jobs/components/job-not-found'
import { JobStateBadge } from '../features/jobs/components/job-state-badge'
import { ApiError } from '../lib/api'

/** `/jobs/:id/applications`: the job's applications board, updated live as candidates apply. */
export function JobApplicationsPage() {
  const { id = '' } = useParams()
  const job = useJob(id)
  const isMissing = job.error instanceof ApiError && job.error.status === 404

  return (
    <>
      <title>{`Applications${job.data ? `: ${job.data.title}` : ''} — VantaHire`}</title>
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to="/jobs" className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← All jobs
        </Link>
        <h1 className="mt-3 break-words font-bold text-3xl text-slate-900 tracking-tight">
          Applications{job.data ? <span className="text-slate-600">: {job.data.title}</span> : null}
        </h1>
        {job.data ? (
          <div className="mt-3">
            <JobStateBadge job={job.data} />
          </div>
        ) : null}
        <div className="mt-8">
          {job.isPending ? (
            <Spinner label="Loading the job…" />
          ) : isMissing ? (
            <JobNotFound />
          ) : job.isError ? (
            <LoadError what="the job" error={job.error} onRetry={job.refetch} isRetrying={job.isFetching} />
          ) : (
            <ApplicationsBoard jobId={id} />
          )}
        </div>
      </div>
    </>
  )
}
