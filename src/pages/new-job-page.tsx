import { Link, useNavigate } from 'react-router'
import { buttonClassName } from '../components/ui/button'
import { useCreateJob } from '../features/jobs/api/create-job'
import { JobForm, toCreateJobInput } from '../features/jobs/components/job-form'
import type { JobsPageState } from './jobs-page'

/** `/jobs/new`: a new job, saved as a private draft. */
export function NewJobPage() {
  const navigate = useNavigate()
  const createJob = useCreateJob()

  return (
    <>
      <title>New job — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to="/jobs" className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← All jobs
        </Link>
        <h1 className="mt-3 font-bold text-3xl text-slate-900 tracking-tight">New job</h1>
        <p className="mt-3 text-slate-700 leading-7">
          It is saved as a draft only you can see. Submit it for approval when it's ready; once an admin
          approves it, it appears on the job board.
        </p>
        <div className="mt-8">
          <JobForm
            submitLabel="Save draft"
            pendingLabel="Saving…"
            failureTitle="The job was not saved"
            mutation={createJob}
            onSubmit={(values, onError) =>
              createJob.mutate(toCreateJobInput(values), {
                onSuccess: (job) =>
                  navigate('/jobs', {
                    state: { savedJobTitle: job.title, wasCreated: true } satisfies JobsPageState,
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
        </div>
      </div>
    </>
  )
}
