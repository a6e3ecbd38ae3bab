import { Link, useNavigate, useParams } from 'react-router'
import { Alert } from '../components/ui/alert'
import { buttonClassName } from '../components/ui/button'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import { useInterview } from '../features/interviews/api/get-interview'
import { useUpdateInterview } from '../features/interviews/api/update-interview'
import { InterviewForm, toUpdateInterviewInput } from '../features/interviews/components/interview-form'
import { INTERVIEW_STATUS_NAMES } from '../features/interviews/components/interview-names'
import { InterviewNotFound } from '../features/interviews/components/interview-not-found'
import { ApiError } from '../lib/api'
import { focusFirstInvalidField } from '../lib/form-errors'

/** `/interviews/:id/edit`: changes an interview that has not started yet. */
export function EditInterviewPage() {
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const interview = useInterview(id)
  const updateInterview = useUpdateInterview(id)
  const backTo = `/interviews/${id}`

  return (
    <>
      <title>Edit interview — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to={backTo} className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← Back to the interview
        </Link>
        <h1 className="mt-3 font-bold text-3xl text-slate-900 tracking-tight">Edit interview</h1>
        <div className="mt-8">
          {interview.isPending ? (
            <Spinner label="Loading the interview…" />
          ) : interview.isError ? (
            interview.error instanceof ApiError && interview.error.status === 404 ? (
              <InterviewNotFound />
            ) : (
              <LoadError
                what="the interview"
                error={interview.error}
                onRetry={interview.refetch}
                isRetrying={interview.isFetching}
              />
            )
          ) : interview.data.status !== 'PENDING' ? (
            <Alert
              tone="info"
              title={`This interview is ${INTERVIEW_STATUS_NAMES[interview.data.status].label.toLowerCase()}`}
              actions={
                <Link to={backTo} className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
                  Edit its notes
                </Link>
              }
            >
              Once the candidate has started, only your notes can change; you can edit them on the interview's
              page.
            </Alert>
          ) : (
            <InterviewForm
              interview={interview.data}
              submitLabel="Save changes"
              pendingLabel="Saving…"
              failureTitle="Your changes were not saved"
              mutation={updateInterview}
              onSubmit={(values, form) =>
                updateInterview.mutate(toUpdateInterviewInput(values), {
                  onSuccess: () => navigate(backTo),
                  onError: () => focusFirstInvalidField(form),
                })
              }
              secondaryActions={
                <Link to={backTo} className={buttonClassName({ variant: 'ghost' })}>
                  Cancel
                </Link>
              }
            />
          )}
        </div>
      </div>
    </>
  )
}
