import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import {
  acceptAttributeFor,
  describeFileLimits,
  refuseChosenFile,
} from '../../../../api/src/domain/file-limits'
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
import {
  type MyApplication,
  myApplicationToJobQueryKey,
  useMyApplicationToJob,
  WithdrawButton,
} from '../../my-applications'
import { useCandidateProfile } from '../../users'
import { ApplyError, useApplyToJob } from '../api/apply-to-job'

const COVER_LETTER_MAX_CHARACTERS = 10_000
/** What the API accepts as a résumé (it checks the content; this page checks size and type first). */
const RESUME_ACCEPT = acceptAttributeFor('RESUME')

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
        add your résumé, a cover letter, or both.
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
 * A candidate's apply form, or the application they already sent (the API says whether there is one).
 * A withdrawn application shows the form again: applying replaces it.
 */
function CandidateApply({ jobId }: { jobId: string }) {
  const mine = useMyApplicationToJob(jobId)
  const queryClient = useQueryClient()
  const [sentId, setSentId] = useState<string | null>(null)

  if (mine.isPending) return <Spinner label="Checking your applications…" />
  const existing = mine.data
  if (existing && existing.status !== 'WITHDRAWN')
    return <AlreadyApplied application={existing} isNew={existing.id === sentId} />
  return (
    <ApplyForm
      jobId={jobId}
      wasWithdrawn={existing?.status === 'WITHDRAWN'}
      onApplied={(application) => {
        setSentId(application.id)
        queryClient.setQueryData(myApplicationToJobQueryKey(jobId), application)
      }}
    />
  )
}

function AlreadyApplied({ application, isNew }: { application: MyApplication; isNew: boolean }) {
  const headingRef = useRef<HTMLParagraphElement>(null)
  // A new application replaces the form the person was in: take focus so it is read at once.
  useEffect(() => {
    if (isNew) headingRef.current?.focus()
  }, [isNew])

  return (
    <div className="space-y-3">
      <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
        <p ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
          {isNew ? 'Your application is sent' : "You've already applied for this job"}
        </p>
        <p className="mt-1 text-sm leading-6">
          You applied on <DateText value={application.appliedAt} />. The recruiter will review it; follow its
          status in My applications.
        </p>
        <Link to="/my-applications" className={buttonClassName({ variant: 'secondary', className: 'mt-3' })}>
          Go to My applications
        </Link>
      </div>
      <WithdrawButton application={application} />
    </div>
  )
}

/** The unsent cover letter is kept in this browser, per job, until it is sent or discarded. */
const draftKey = (jobId: string) => `vantahire:application-draft:${jobId}`

function readDraft(jobId: string): string {
  try {
    return localStorage.getItem(draftKey(jobId)) ?? ''
  } catch {
    return ''
  }
}

function writeDraft(jobId: string, coverLetter: string) {
  try {
    if (coverLetter.trim()) localStorage.setItem(draftKey(jobId), coverLetter)
    else localStorage.removeItem(draftKey(jobId))
  } catch {
    // Storage full or refused (private windows): the draft is simply not kept.
  }
}

const NOTHING_TO_SEND = 'Attach a résumé or write a cover letter (or both).'

function ApplyForm({
  jobId,
  wasWithdrawn,
  onApplied,
}: {
  jobId: string
  wasWithdrawn: boolean
  onApplied: (application: MyApplication) => void
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const [coverLetter, setCoverLetter] = useState(() => readDraft(jobId))
  const [isDraftRestored, setIsDraftRestored] = useState(() => readDraft(jobId).trim() !== '')
  const [resume, setResume] = useState<File | null>(null)
  const [resumeProblem, setResumeProblem] = useState<string | undefined>()
  const profile = useCandidateProfile()
  const profileResumeId = profile.data?.resumeFileId ?? null
  const [isUsingProfileResume, setIsUsingProfileResume] = useState(true)
  const useProfileResume = profileResumeId !== null && isUsingProfileResume && !resume
  const apply = useApplyToJob({
    onApplied: (application) => {
      // Sent: the draft is gone for good, so its banner never comes back for this job.
      writeDraft(jobId, '')
      onApplied(application)
    },
  })
  const queryClient = useQueryClient()
  const step = apply.error instanceof ApplyError ? apply.error.step : undefined
  const cause = apply.error instanceof ApplyError ? apply.error.cause : apply.error
  const fieldErrors = step === 'apply' ? readFieldErrors(cause) : {}
  const resumeError =
    resumeProblem ??
    (step === 'upload' ? describeError(cause) : (fieldErrors.resumeFileId ?? fieldErrors.useProfileResume))

  function chooseResume(file: File | null) {
    setResume(file)
    setResumeProblem((file && refuseChosenFile('RESUME', file)) ?? undefined)
  }

  function changeCoverLetter(value: string) {
    setCoverLetter(value)
    writeDraft(jobId, value)
  }

  function discardDraft() {
    changeCoverLetter('')
    setIsDraftRestored(false)
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!resumeProblem && !coverLetter.trim() && !resume && !useProfileResume)
      setResumeProblem(NOTHING_TO_SEND)
    if (resumeProblem || (!coverLetter.trim() && !resume && !useProfileResume)) {
      // The state update above lands after this handler; focus once it has.
      return requestAnimationFrame(() => focusFirstInvalidField(formRef.current))
    }
    apply.mutate(
      {
        jobId,
        coverLetter: coverLetter.trim(),
        ...(resume ? { resume } : {}),
        ...(useProfileResume ? { useProfileResume: true } : {}),
      },
      {
        onError: (error) => {
          const reason = error instanceof ApplyError ? error.cause : error
          // Applied meanwhile (another tab): the section shows that application instead of the form.
          if (reason instanceof ApiError && reason.code === 'ALREADY_APPLIED')
            void queryClient.invalidateQueries({ queryKey: myApplicationToJobQueryKey(jobId) })
          focusFirstInvalidField(formRef.current)
        },
      },
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      {wasWithdrawn ? (
        <Alert tone="info" title="You withdrew your application">
          You can apply again: this application replaces the one you withdrew.
        </Alert>
      ) : null}
      {isDraftRestored ? (
        <Alert tone="info" title="Your unsent cover letter is back">
          <p>We kept what you had written for this job in this browser.</p>
          <Button variant="ghost" size="sm" className="mt-2" onClick={discardDraft}>
            Discard draft
          </Button>
        </Alert>
      ) : null}
      <Field
        label="Cover letter"
        hint="Why you want this job, and what you would bring to it. A résumé, a cover letter, or both."
        error={fieldErrors.coverLetter}
        isOptional
      >
        {(control) => (
          <Textarea
            {...control}
            rows={8}
            maxLength={COVER_LETTER_MAX_CHARACTERS}
            value={coverLetter}
            onChange={(event) => {
              changeCoverLetter(event.target.value)
              if (resumeProblem === NOTHING_TO_SEND) setResumeProblem(undefined)
            }}
          />
        )}
      </Field>
      {profileResumeId ? (
        <label className="flex min-h-11 items-center gap-3 text-slate-800 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-700"
            checked={isUsingProfileResume}
            disabled={resume !== null}
            onChange={(event) => {
              setIsUsingProfileResume(event.target.checked)
              if (resumeProblem === NOTHING_TO_SEND) setResumeProblem(undefined)
            }}
          />
          Send the résumé from my profile
        </label>
      ) : null}
      <Field
        label={profileResumeId ? 'Or upload a different résumé' : 'Resume'}
        hint={`${describeFileLimits('RESUME')}.`}
        error={resumeError}
        isOptional
      >
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
