import { Link, useNavigate, useParams } from 'react-router'
import { Alert } from '../components/ui/alert'
import { buttonClassName } from '../components/ui/button'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import { useJob } from '../features/jobs/api/get-job'
import { useUpdateJob } from '../features/jobs/api/update-job'
import { JobForm, toUpdateJobInput } from '../features/jobs/components/job-form'
import { JobNotFound } from '../features/jobs/components/job-not-found'
import { RejectionReason } from '../features/jobs/components/job-state-badge'
import { ApiError } from '../lib/api'
import type { JobsPageState } from './jobs-page'

/**
 * `/jobs/:id/edit`: changes a job's text. A live job goes back for approval when its title,
 * description, requirements or pay change, and the form says so as they are edited.
 */
export function EditJobPage() {
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const job = useJob(id)
  const updateJob = useUpdateJob(id)

  return (
    <>
      <title>{`Edit ${job.data?.title ?? 'job'} — VantaHire`}</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to="/jobs" className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← All jobs
        </Link>
        <h1 className="mt-3 font-bold text-3xl text-slate-900 tracking-tight">Edit job</h1>
        <div className="mt-8 space-y-6">
          {job.isPending ? (
            <Spinner label="Loading the job…" />
          ) : job.isError ? (
            job.error instanceof ApiError && job.error.status === 404 ? (
              <JobNotFound />
            ) : (
              <LoadError what="the job" error={job.error} onRetry={job.refetch} isRetrying={job.isFetching} />
            )
          ) : job.data.status === 'CLOSED' ? (
            <Alert tone="info" title="This job is closed">
              Closed jobs cannot change. Reopen it from your jobs first.
            </Alert>
          ) : (
            <>
              <RejectionReason job={job.data} />
              <JobForm
                job={job.data}
                submitLabel="Save changes"
                pendingLabel="Saving…"
                failureTitle="Your changes were not saved"
                mutation={updateJob}
                onSubmit={(values, onError) =>
                  updateJob.mutate(toUpdateJobInput(values), {
                    onSuccess: (saved) =>
                      navigate('/jobs', {
                        state: {
                          savedJobTitle: saved.job.title,
                          sentBackForApproval: saved.sentBackForApproval,
                        } satisfies JobsPageState,
                      }),
                    onError,
                  })
                }
                secondaryActions={
                  <Link to="/jobs" className={buttonClassName({ variant: 'ghost' })}>
                    Cancel
                  </Link>
                }
              />
            </>
          )}
        </div>
      </div>
    </>
  )
}
