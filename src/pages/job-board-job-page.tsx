import { Link, useParams } from 'react-router'
import { Alert } from '../components/ui/alert'
import { Button, buttonClassName } from '../components/ui/button'
import { Spinner } from '../components/ui/spinner'
import { usePublicJob } from '../features/job-board/api/get-public-job'
import { ApplySection } from '../features/job-board/components/apply-section'
import { JobDetails } from '../features/job-board/components/job-details'
import { ApiError, describeError } from '../lib/api'

/** `/careers/:id`: one open job in full, and how to apply for it. */
export function JobBoardJobPage() {
  const { id = '' } = useParams()
  const job = usePublicJob(id)

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
      <Link
        to="/careers"
        className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-700 text-sm hover:text-brand-900"
      >
        <span aria-hidden="true">←</span> All open jobs
      </Link>
      <div className="mt-4">
        {job.isPending ? (
          <>
            <title>Loading a job — VantaHire</title>
            <Spinner label="Loading the job…" />
          </>
        ) : job.isError ? (
          <JobProblem error={job.error} isRetrying={job.isFetching} onRetry={() => job.refetch()} />
        ) : (
          <>
            <title>{`${job.data.title} — VantaHire`}</title>
            <JobDetails job={job.data} />
            <div className="mt-6">
              <ApplySection jobId={job.data.id} />
            </div>
          </>
        )}
      </div>
    </div>
  )
}

function JobProblem({
  error,
  isRetrying,
  onRetry,
}: {
  error: unknown
  isRetrying: boolean
  onRetry: () => void
}) {
  // 404: closed, withdrawn or never approved; 400: an address that holds no job id at all.
  const isGone = error instanceof ApiError && (error.status === 404 || error.status === 400)
  if (isGone) {
    return (
      <>
        <title>Job not open — VantaHire</title>
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">This job isn't open</h1>
        <p className="mt-4 text-slate-700 leading-7">
          It may have been filled or withdrawn, or the link may be incomplete. Other jobs are waiting on the
          job board.
        </p>
        <Link to="/careers" className={buttonClassName({ className: 'mt-6' })}>
          See all open jobs
        </Link>
      </>
    )
  }
  return (
    <>
      <title>Job not loaded — VantaHire</title>
      <h1 className="font-bold text-3xl text-slate-900 tracking-tight">We couldn't load this job</h1>
      <Alert
        className="mt-6"
        title="The job could not be shown"
        actions={
          <Button variant="secondary" size="sm" onClick={onRetry} disabled={isRetrying}>
            {isRetrying ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {describeError(error)}
      </Alert>
    </>
  )
}
