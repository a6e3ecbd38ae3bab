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

/** One submitted job with who submitted it, enough to decide on it here, with Approve and Reject. */
export function PendingJobCard({ job, onDecided }: PendingJobCardProps) {
  const headingId = useId()
  const [isRejecting, setIsRejecting] = useState(false)
  const approve = useApproveJob({ onDecided: () => onDecided('approved') })
  const rejectButtonRef = useRef<HTMLButtonElement>(null)
  const { submittedBy } = job
  const summary = [submittedBy.companyName, job.location, job.jobType ? jobTypeLabel(job.jobType) : null]
    .filter(Boolean)
    .join(' · ')

  return (
    <li>
      <Card as="article" aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-1">
          <div className="min-w-0">
            <h2 id={headingId} className="break-words font-semibold text-slate-900 text-xl">
              {job.title}
            </h2>
            {summary ? <p className="mt-1 text-slate-700">{summary}</p> : null}
          </div>
          <p className="text-slate-600 text-sm">
            Submitted <DateText value={job.updatedAt} />
          </p>
        </div>
        {job.applicationCount > 0 ? (
          <p className="mt-1 text-slate-600 text-sm">
            Edited while live, with {job.applicationCount} application
            {job.applicationCount === 1 ? '' : 's'} so far
          </p>
        ) : null}

        <Submitter submitter={submittedBy} />

        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
          <Detail term="Department">{job.department}</Detail>
          <Detail term="Location">{job.location}</Detail>
          <Detail term="Job type">{job.jobType ? jobTypeLabel(job.jobType) : null}</Detail>
          <Detail term="Pay">{job.salaryRange}</Detail>
        </dl>

        <Excerpt title="Description" text={job.description} missing="No description written." />
        <Excerpt title="Requirements" text={job.requirements} missing="No requirements listed." />

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

/** Who submitted the job: the person to ask, and the company the job is for. */
function Submitter({ submitter }: { submitter: PendingJob['submittedBy'] }) {
  return (
    <div className="mt-4 rounded-lg border border-slate-200 px-4 py-3 text-sm">
      <h3 className="font-semibold text-slate-900">Submitted by</h3>
      <p className="mt-1 break-words text-slate-900">
        {submitter.fullName ?? <span className="text-slate-600">No name given</span>}
        {' · '}
        <a
          href={`mailto:${submitter.email}`}
          className="text-brand-700 underline underline-offset-4 hover:text-brand-900"
        >
          {submitter.email}
        </a>
      </p>
      <p className="mt-0.5 break-words text-slate-700">
        {submitter.companyName ? (
          <>
            Company: <span className="font-medium text-slate-900">{submitter.companyName}</span>
          </>
        ) : (
          'No company named on their profile'
        )}
      </p>
    </div>
  )
}

/** Longer than this, a text shows its start until the admin asks for the rest. */
const EXCERPT_CHARACTERS = 280

/** The start of a text, cut at a word; the whole text when it is short. */
function excerptOf(text: string, limit = EXCERPT_CHARACTERS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= limit) return flat
  const cut = flat.slice(0, limit)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:]+$/, '')}…`
}

/** A heading and the start of a text, with a button that shows all of it. */
function Excerpt({ title, text, missing }: { title: string; text: string | null; missing: string }) {
  const [isExpanded, setIsExpanded] = useState(false)
  const bodyId = useId()
  const trimmed = text?.trim() ?? ''
  const isLong = trimmed.replace(/\s+/g, ' ').length > EXCERPT_CHARACTERS
  return (
    <section className="mt-5">
      <h3 className="font-semibold text-slate-900 text-sm">{title}</h3>
      <div id={bodyId} className="mt-2 rounded-lg bg-slate-50 p-4 text-sm">
        {trimmed === '' ? (
          <p className="text-slate-600">{missing}</p>
        ) : isExpanded || !isLong ? (
          <JobDescription text={trimmed} />
        ) : (
          <p className="break-words text-slate-800 leading-7">{excerptOf(trimmed)}</p>
        )}
      </div>
      {isLong ? (
        <button
          type="button"
          aria-expanded={isExpanded}
          aria-controls={bodyId}
          onClick={() => setIsExpanded((expanded) => !expanded)}
          className="mt-2 rounded font-medium text-brand-700 text-sm underline underline-offset-4 hover:text-brand-900"
        >
          {isExpanded ? `Show less of the ${title.toLowerCase()}` : `Show the whole ${title.toLowerCase()}`}
        </button>
      ) : null}
    </section>
  )
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
