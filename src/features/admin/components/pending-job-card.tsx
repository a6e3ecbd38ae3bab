import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import { DateText } from '../../../components/date-text'
import { JobDescription } from '../../../components/job-description'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card } from '../../../components/ui/card'
import { Field, Textarea } from '../../../components/ui/field'
import { ApiError, describeError } from '../../../lib/api'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { jobTypeLabel } from '../../../lib/job-type-names'
import { useApproveJob } from '../api/approve-job'
import type { PendingJob } from '../api/list-pending-jobs'
import { useRejectJob } from '../api/reject-job'

const REASON_MIN_CHARACTERS = 3
const REASON_MAX_CHARACTERS = 2000

type PendingJobCardProps = {
  job: PendingJob
  onDecided: (outcome: 'approved' | 'rejected') => void
}

/** One submitted job in full, as candidates would read it, with Approve and Reject. */
export function PendingJobCard({ job, onDecided }: PendingJobCardProps) {
  const headingId = useId()
  const [isRejecting, setIsRejecting] = useState(false)
  const approve = useApproveJob({ onDecided: () => onDecided('approved') })
  const rejectButtonRef = useRef<HTMLButtonElement>(null)

  return (
    <li>
      <Card as="article" aria-labelledby={headingId}>
        <h2 id={headingId} className="break-words font-semibold text-slate-900 text-xl">
          {job.title}
        </h2>
        <p className="mt-1 text-slate-600 text-sm">
          Submitted <DateText value={job.updatedAt} />
          {job.applicationCount > 0
            ? ` · edited while live, with ${job.applicationCount} application${job.applicationCount === 1 ? '' : 's'} so far`
            : ''}
        </p>

        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
          <Detail term="Department">{job.department}</Detail>
          <Detail term="Location">{job.location}</Detail>
          <Detail term="Job type">{jobTypeLabel(job.jobType)}</Detail>
          <Detail term="Salary">{job.salaryRange}</Detail>
        </dl>

        <h3 className="mt-5 font-semibold text-slate-900 text-sm">Description</h3>
        <div className="mt-2 max-h-96 overflow-y-auto rounded-lg bg-slate-50 p-4 text-sm">
          <JobDescription text={job.description} />
        </div>

        {approve.isError ? (
          <Alert className="mt-4" title="The job was not approved">
            {describeDecisionError(approve.error)}
          </Alert>
        ) : null}

        {isRejecting ? (
          <RejectJobForm
            job={job}
            onRejected={() => onDecided('rejected')}
            onCancel={() => {
              setIsRejecting(false)
              requestAnimationFrame(() => rejectButtonRef.current?.focus())
            }}
          />
        ) : (
          <div className="mt-5 flex flex-wrap gap-3">
            <Button onClick={() => approve.mutate(job.id)} disabled={approve.isPending}>
              {approve.isPending ? 'Approving…' : 'Approve'}
              <span className="sr-only"> “{job.title}”</span>
            </Button>
            <Button
              ref={rejectButtonRef}
              variant="secondary"
              onClick={() => setIsRejecting(true)}
              disabled={approve.isPending}
            >
              Reject…<span className="sr-only"> “{job.title}”</span>
            </Button>
          </div>
        )}
      </Card>
    </li>
  )
}

/** Why a decision failed; a job someone else decided (409) or removed (404) is explained as such. */
function describeDecisionError(error: unknown): string {
  const message = describeError(error)
  if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
    return `${message} Another admin may have decided on it, or its recruiter changed it; reload the page to see the queue as it is now.`
  }
  return message
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd className="break-words font-medium text-slate-900">
        {children ?? <span className="font-normal text-slate-500">Not given</span>}
      </dd>
    </div>
  )
}

/** Asks why: the recruiter reads the reason, fixes the job and submits it again. */
function RejectJobForm({
  job,
  onRejected,
  onCancel,
}: {
  job: PendingJob
  onRejected: () => void
  onCancel: () => void
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const [reason, setReason] = useState('')
  const [localError, setLocalError] = useState<string | undefined>()
  const reject = useRejectJob({ onDecided: onRejected })
  const fieldErrors = readFieldErrors(reject.error)
  const reasonError = localError ?? fieldErrors.reason

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const trimmed = reason.trim()
    if (trimmed.length < REASON_MIN_CHARACTERS) {
      reject.reset()
      setLocalError(`Say why, in at least ${REASON_MIN_CHARACTERS} characters, so the recruiter can fix it.`)
      focusFirstInvalidField(formRef.current)
      return
    }
    setLocalError(undefined)
    reject.mutate(
      { jobId: job.id, reason: trimmed },
      { onError: () => focusFirstInvalidField(formRef.current) },
    )
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="mt-5 space-y-4 border-slate-200 border-t pt-5"
    >
      <Field
        label={
          <>
            Reason for rejecting<span className="sr-only"> “{job.title}”</span>
          </>
        }
        hint="The recruiter sees this, fixes the job and can submit it again."
        error={reasonError}
        isRequired
      >
        {(control) => (
          <Textarea
            {...control}
            // The field appears because the admin asked to reject: they are here to type the reason.
            autoFocus
            rows={4}
            maxLength={REASON_MAX_CHARACTERS}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      {reject.isError && !fieldErrors.reason ? (
        <Alert title="The job was not rejected">{describeDecisionError(reject.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" disabled={reject.isPending}>
          {reject.isPending ? 'Rejecting…' : 'Reject job'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={reject.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
