import { Link, useNavigate } from 'react-router'
import { buttonClassName } from '../components/ui/button'
import { useCreateInterview } from '../features/interviews/api/create-interview'
import { InterviewForm, toCreateInterviewInput } from '../features/interviews/components/interview-form'
import { focusFirstInvalidField } from '../lib/form-errors'

/** `/interviews/new`: creates an interview and its first candidate link, then shows it. */
export function NewInterviewPage() {
  const navigate = useNavigate()
  const createInterview = useCreateInterview()

  return (
    <>
      <title>New interview — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
        <Link
          to="/interviews"
          className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline"
        >
          ← All interviews
        </Link>
        <h1 className="mt-3 font-bold text-3xl text-slate-900 tracking-tight">New interview</h1>
        <p className="mt-3 text-slate-700 leading-7">
          VantaHire creates a personal link for the candidate. You'll find it, ready to copy, on the next
          page.
        </p>
        <div className="mt-8">
          <InterviewForm
            submitLabel="Create interview"
            pendingLabel="Creating…"
            failureTitle="The interview was not created"
            mutation={createInterview}
            onSubmit={(values, form) =>
              createInterview.mutate(toCreateInterviewInput(values), {
                onSuccess: (created) =>
                  navigate(`/interviews/${created.interview.id}`, { state: { isNew: true } }),
                onError: () => focusFirstInvalidField(form),
              })
            }
            secondaryActions={
              <Link to="/interviews" className={buttonClassName({ variant: 'ghost' })}>
                Cancel
              </Link>
            }
          />
        </div>
      </div>
    </>
  )
}
