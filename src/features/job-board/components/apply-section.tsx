import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { DateText } from '../../../components/date-text'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Field, Input, Textarea } from '../../../components/ui/field'
import { Spinner } from '../../../components/ui/spinner'
import { ApiError, describeError } from '../../../lib/api'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { ROLE_NAMES } from '../../../lib/role-names'
import { type SignedInUser, useCurrentUser } from '../../auth'
import { type MyApplication, myApplicationsQueryKey, useMyApplications } from '../../my-applications'
import { ApplyError, useApplyToJob } from '../api/apply-to-job'
import { usePublicJob } from '../api/get-public-job'

const COVER_LETTER_MAX_CHARACTERS = 10_000
const RESUME_MAX_BYTES = 10 * 1024 * 1024
/** What the API accepts as a resume (it checks the content, not the name): PDF, Word, plain text. */
const RESUME_ACCEPT =
  '.pdf,.doc,.docx,.txt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain'

/** How to apply for the job, depending on who is reading: a visitor, a candidate, or anyone else. */
export function ApplySection({ jobId }: { jobId: string }) {
  const headingId = useId()
  const currentUser = useCurrentUser()
  const user = currentUser.data

  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>Apply for this job</CardTitle>
      <div className="mt-4">
        {currentUser.isPending ? (
          <Spinner label="Checking whether you're signed in…" />
        ) : !user ? (
          <SignInToApply jobId={jobId} />
        ) : user.role === 'CANDIDATE' ? (
          <CandidateApply jobId={jobId} />
        ) : (
          <CandidatesOnly user={user} />
        )}
      </div>
    </Card>
  )
}

function SignInToApply({ jobId }: { jobId: string }) {
  const redirectTo = `/careers/${jobId}`
  return (
    <>
      <CardDescription>
        Applying takes a minute: sign in with a candidate account (new accounts are made as you sign in), then
        add a cover letter and, if you like, your resume.
      </CardDescription>
      <Link
        to={`/sign-in?${new URLSearchParams({ redirectTo })}`}
        className={buttonClassName({ className: 'mt-4' })}
      >
        Sign in as a candidate to apply
      </Link>
    </>
  )
}

function CandidatesOnly({ user }: { user: SignedInUser }) {
  return (
    <Alert tone="info" title="Only candidates apply to jobs">
      You're signed in with a {ROLE_NAMES[user.role].singular} account. To apply, sign in with a candidate
      account instead.
    </Alert>
  )
}

/**
 * A candidate's apply form, or the application they already sent. Applications are looked up among
 * the candidate's loaded applications, newest first, so someone who applied earlier sees that
 * instead of a form the API would refuse.
 */
function CandidateApply({ jobId }: { jobId: string }) {
  const myApplications = useMyApplications()
  const [sent, setSent] = useState<MyApplication | null>(null)
  const existing =
    sent ??
    myApplications.data?.pages
      .flatMap((page) => page.items)
      .find((application) => application.jobId === jobId)

  if (myApplications.isPending) return <Spinner label="Checking your applications…" />
  if (existing) return <AlreadyApplied application={existing} isNew={sent !== null} />
  return <ApplyForm jobId={jobId} onApplied={setSent} />
}

function AlreadyApplied({ application, isNew }: { application: MyApplication | null; isNew: boolean }) {
  const headingRef = useRef<HTMLParagraphElement>(null)
  // A new application replaces the form the person was in: take focus so it is read at once.
  useEffect(() => {
    if (isNew) headingRef.current?.focus()
  }, [isNew])

  return (
    <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
      <p ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
        {isNew ? 'Your application is sent' : "You've already applied for this job"}
      </p>
      <p className="mt-1 text-sm leading-6">
        {application ? (
          <>
            You applied on <DateText value={application.appliedAt} />. The recruiter will review it; follow
            its status in My applications.
          </>
        ) : (
          'Follow its status in My applications.'
        )}
      </p>
      <Link to="/my-applications" className={buttonClassName({ variant: 'secondary', className: 'mt-3' })}>
        Go to My applications
      </Link>
    </div>
  )
}

function ApplyForm({ jobId, onApplied }: { jobId: string; onApplied: (application: MyApplication) => void }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [coverLetter, setCoverLetter] = useState('')
  const [resume, setResume] = useState<File | null>(null)
  const [resumeProblem, setResumeProblem] = useState<string | undefined>()
  const apply = useApplyToJob({ onApplied })
  const job = usePublicJob(jobId)
  const queryClient = useQueryClient()
  const step = apply.error instanceof ApplyError ? apply.error.step : undefined
  const cause = apply.error instanceof ApplyError ? apply.error.cause : apply.error
  const isConflict = step === 'apply' && cause instanceof ApiError && cause.status === 409
  const fieldErrors = step === 'apply' ? readFieldErrors(cause) : {}
  const resumeError = resumeProblem ?? (step === 'upload' ? describeError(cause) : fieldErrors.resumeFileId)

  // The API says 409 both for a job applied to already and for one that closed meanwhile. The job
  // is fetched again (a closed job is gone from the board, and its page says so); if it is still
  // open, the conflict is an earlier application.
  if (isConflict) {
    if (job.isFetching) return <Spinner label="Checking the job…" />
    return <AlreadyApplied application={null} isNew={false} />
  }

  function chooseResume(file: File | null) {
    setResume(file)
    setResumeProblem(
      file && file.size > RESUME_MAX_BYTES ? 'This file is over 10 MB. Choose a smaller one.' : undefined,
    )
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (resumeProblem) return focusFirstInvalidField(formRef.current)
    apply.mutate(
      { jobId, coverLetter: coverLetter.trim(), ...(resume ? { resume } : {}) },
      {
        onError: (error) => {
          const reason = error instanceof ApplyError ? error.cause : error
          if (reason instanceof ApiError && reason.status === 409) {
            void job.refetch()
            void queryClient.invalidateQueries({ queryKey: myApplicationsQueryKey })
          }
          focusFirstInvalidField(formRef.current)
        },
      },
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <Field
        label="Cover letter"
        hint="Why you want this job, and what you would bring to it."
        error={fieldErrors.coverLetter}
        isOptional
      >
        {(control) => (
          <Textarea
            {...control}
            rows={8}
            maxLength={COVER_LETTER_MAX_CHARACTERS}
            value={coverLetter}
            onChange={(event) => setCoverLetter(event.target.value)}
          />
        )}
      </Field>
      <Field label="Resume" hint="PDF, Word or plain text, up to 10 MB." error={resumeError} isOptional>
        {(control) => (
          <Input
            {...control}
            type="file"
            accept={RESUME_ACCEPT}
            onChange={(event) => chooseResume(event.target.files?.[0] ?? null)}
            className="file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:font-medium file:text-slate-800 file:text-sm"
          />
        )}
      </Field>

      {apply.isError && !resumeError && Object.keys(fieldErrors).length === 0 ? (
        <Alert title="Your application was not sent">{describeError(cause)}</Alert>
      ) : null}

      <Button type="submit" disabled={apply.isPending} className="w-full sm:w-auto">
        {apply.isPending ? 'Sending your application…' : 'Submit application'}
      </Button>
    </form>
  )
}
