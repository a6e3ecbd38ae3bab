import { Link, useParams } from 'react-router'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import { BulkInvite } from '../features/invites'
import { useJob } from '../features/jobs/api/get-job'
import { JobNotFound } from '../features/jobs/components/job-not-found'
import { ApiError } from '../lib/api'

/** `/jobs/:id/invite`: invite many candidates to the job at once, from pasted rows or a CSV. */
export function JobInvitePage() {
  const { id = '' } = useParams()
  const job = useJob(id)
  const isMissing = job.error instanceof ApiError && job.error.status === 404

  return (
    <>
      <title>{`Invite candidates${job.data ? `: ${job.data.title}` : ''} — VantaHire`}</title>
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to="/jobs" className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← All jobs
        </Link>
        <h1 className="mt-3 break-words font-bold text-3xl text-slate-900 tracking-tight">
          Invite candidates{job.data ? <span className="text-slate-600">: {job.data.title}</span> : null}
        </h1>
        <p className="mt-2 text-slate-700">
          Each candidate gets an interview for this role (a written interview, 30 minutes) and an invite with
          their own link.
        </p>
        <div className="mt-8">
          {job.isPending ? (
            <Spinner label="Loading the job…" />
          ) : isMissing ? (
            <JobNotFound />
          ) : job.isError ? (
            <LoadError what="the job" error={job.error} onRetry={job.refetch} isRetrying={job.isFetching} />
          ) : (
            <BulkInvite jobId={id} />
          )}
        </div>
      </div>
    </>
  )
}
