import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import { Field, Input, Select, Textarea } from '../../../components/ui/field'
import { FormFooter } from '../../../components/ui/form-footer'
import { cn } from '../../../lib/cn'
import { readPathErrors } from '../../../lib/form-errors'
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format'
import { useRecentJobs } from '../../jobs'
import type { CreateInterviewInput } from '../api/create-interview'
import type { Interview, InterviewType } from '../api/list-interviews'
import type { UpdateInterviewInput } from '../api/update-interview'
import { INTERVIEW_TYPE_NAMES } from './interview-names'
import { type DraftQuestion, QuestionListEditor, toDraftQuestions } from './question-list-editor'

const DEFAULT_TIME_LIMIT_MINUTES = 30

/** What the form holds: text as typed, converted to the API's shape on submit. */
export type InterviewFormValues = {
  jobRole: string
  type: InterviewType
  timeLimitMinutes: string
  /** A `datetime-local` value, or ''. */
  expiresAt: string
  candidateEmail: string
  candidateName: string
  candidateNotes: string
  jobId: string
  questions: DraftQuestion[]
}

function initialValues(interview: Interview | undefined): InterviewFormValues {
  return {
    jobRole: interview?.jobRole ?? '',
    type: interview?.type ?? 'TEXT',
    timeLimitMinutes: String(interview?.timeLimitMinutes ?? DEFAULT_TIME_LIMIT_MINUTES),
    expiresAt: toDateTimeLocal(interview?.expiresAt),
    candidateEmail: interview?.candidateEmail ?? '',
    candidateName: interview?.candidateName ?? '',
    candidateNotes: interview?.candidateNotes ?? '',
    jobId: interview?.jobId ?? '',
    questions: toDraftQuestions(interview?.questions ?? []),
  }
}

/** A number as typed; an empty or unreadable one is left to the API's default or its validation. */
function readMinutes(text: string): number | undefined {
  const value = Number(text)
  return text.trim() === '' || Number.isNaN(value) ? undefined : value
}

/** Empty optional fields are left out, so the API applies its defaults. */
export function toCreateInterviewInput(values: InterviewFormValues): CreateInterviewInput {
  const minutes = readMinutes(values.timeLimitMinutes)
  return {
    jobRole: values.jobRole,
    type: values.type,
    ...(minutes !== undefined ? { timeLimitMinutes: minutes } : {}),
    ...(values.expiresAt ? { expiresAt: fromDateTimeLocal(values.expiresAt) } : {}),
    candidateEmail: values.candidateEmail.trim(),
    ...(values.candidateName.trim() ? { candidateName: values.candidateName } : {}),
    ...(values.candidateNotes.trim() ? { candidateNotes: values.candidateNotes } : {}),
    ...(values.jobId ? { jobId: values.jobId } : {}),
    questions: values.questions.map((question) => question.text),
  }
}

/** Every field, with emptied optional ones cleared (null). */
export function toUpdateInterviewInput(values: InterviewFormValues): UpdateInterviewInput {
  const minutes = readMinutes(values.timeLimitMinutes)
  return {
    jobRole: values.jobRole,
    type: values.type,
    ...(minutes !== undefined ? { timeLimitMinutes: minutes } : {}),
    expiresAt: values.expiresAt ? fromDateTimeLocal(values.expiresAt) : null,
    candidateEmail: values.candidateEmail.trim(),
    candidateName: values.candidateName.trim() ? values.candidateName : null,
    candidateNotes: values.candidateNotes.trim() ? values.candidateNotes : null,
    jobId: values.jobId || null,
    questions: values.questions.map((question) => question.text),
  }
}

type InterviewFormProps = {
  /** The interview being edited; a new one when left out. */
  interview?: Interview
  submitLabel: string
  pendingLabel: string
  /** Said in the alert when saving fails: "The interview was not created". */
  failureTitle: string
  mutation: { isPending: boolean; isError: boolean; error: unknown }
  onSubmit: (values: InterviewFormValues, form: HTMLFormElement | null) => void
  /** Extra actions beside the submit button, such as Cancel. */
  secondaryActions?: ReactNode
}

/** Creates or edits an interview: the role and format, the candidate, and the questions. */
export function InterviewForm({
  interview,
  submitLabel,
  pendingLabel,
  failureTitle,
  mutation,
  onSubmit,
  secondaryActions,
}: InterviewFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(() => initialValues(interview))
  const jobs = useRecentJobs()
  const errors = readPathErrors(mutation.error)
  const hasFieldErrors = Object.keys(errors).length > 0
  const set = <K extends keyof InterviewFormValues>(key: K, value: InterviewFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }))

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSubmit(values, formRef.current)
  }

  function chooseJob(jobId: string) {
    const job = jobs.data?.items.find((item) => item.id === jobId)
    // A job's title is the natural role name; never overwrite one the recruiter typed.
    setValues((current) => ({
      ...current,
      jobId,
      jobRole: current.jobRole.trim() === '' && job ? job.title : current.jobRole,
    }))
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-8">
      <FormSection title="The interview">
        <Field
          label="Job"
          hint="Link the interview to one of your job postings."
          error={errors.jobId}
          isOptional
        >
          {(control) => (
            <Select
              {...control}
              value={values.jobId}
              disabled={jobs.isPending}
              onChange={(event) => chooseJob(event.target.value)}
            >
              <option value="">{jobs.isPending ? 'Loading your jobs…' : 'No job'}</option>
              {jobs.data?.items.map((job) => (
                <option key={job.id} value={job.id}>
                  {job.title}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {jobs.isError ? (
          <p className="text-amber-900 text-sm">
            Your jobs couldn't be loaded; you can still create the interview.
          </p>
        ) : null}
        <Field
          label="Job role"
          hint="As the candidate will see it, for example Backend Engineer."
          error={errors.jobRole}
          isRequired
        >
          {(control) => (
            <Input
              {...control}
              maxLength={200}
              value={values.jobRole}
              onChange={(event) => set('jobRole', event.target.value)}
            />
          )}
        </Field>
        <TypeChoice value={values.type} onChange={(type) => set('type', type)} error={errors.type} />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Time limit (minutes)"
            hint="From 5 to 180."
            error={errors.timeLimitMinutes}
            isRequired
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={5}
                max={180}
                step={1}
                value={values.timeLimitMinutes}
                onChange={(event) => set('timeLimitMinutes', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Complete by"
            hint="The link stops working after this. Your time zone."
            error={errors.expiresAt}
            isOptional
          >
            {(control) => (
              <Input
                {...control}
                type="datetime-local"
                min={toDateTimeLocal(new Date().toISOString())}
                value={values.expiresAt}
                onChange={(event) => set('expiresAt', event.target.value)}
              />
            )}
          </Field>
        </div>
      </FormSection>

      <FormSection title="The candidate">
        <Field label="Candidate email" error={errors.candidateEmail} isRequired>
          {(control) => (
            <Input
              {...control}
              type="email"
              autoComplete="off"
              maxLength={320}
              value={values.candidateEmail}
              onChange={(event) => set('candidateEmail', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Candidate name"
          hint="The AI interviewer greets them by it."
          error={errors.candidateName}
          isOptional
        >
          {(control) => (
            <Input
              {...control}
              autoComplete="off"
              maxLength={200}
              value={values.candidateName}
              onChange={(event) => set('candidateName', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Notes"
          hint="Private to you; the candidate never sees them."
          error={errors.candidateNotes}
          isOptional
        >
          {(control) => (
            <Textarea
              {...control}
              maxLength={5000}
              value={values.candidateNotes}
              onChange={(event) => set('candidateNotes', event.target.value)}
            />
          )}
        </Field>
      </FormSection>

      <FormSection title="Questions" isTitleHidden>
        <QuestionListEditor
          questions={values.questions}
          onChange={(questions) => set('questions', questions)}
          errors={errors}
        />
      </FormSection>

      <FormFooter
        mutation={mutation}
        hasFieldErrors={hasFieldErrors}
        failureTitle={failureTitle}
        submitLabel={submitLabel}
        pendingLabel={pendingLabel}
      >
        {secondaryActions}
      </FormFooter>
    </form>
  )
}

function FormSection({
  title,
  isTitleHidden = false,
  children,
}: {
  title: string
  isTitleHidden?: boolean
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id={headingId} className={cn('font-semibold text-lg text-slate-900', isTitleHidden && 'sr-only')}>
        {title}
      </h2>
      {children}
    </section>
  )
}

function TypeChoice({
  value,
  onChange,
  error,
}: {
  value: InterviewType
  onChange: (type: InterviewType) => void
  error?: string
}) {
  const name = useId()
  return (
    <fieldset>
      <legend className="font-medium text-slate-900 text-sm">Format</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {(Object.keys(INTERVIEW_TYPE_NAMES) as InterviewType[]).map((type) => (
          <label
            key={type}
            className={cn(
              'flex cursor-pointer gap-3 rounded-lg border p-3 has-focus-visible:outline-2 has-focus-visible:outline-brand-600 has-focus-visible:outline-offset-2',
              value === type
                ? 'border-brand-600 bg-brand-50 ring-1 ring-brand-600'
                : 'border-slate-200 hover:bg-slate-50',
            )}
          >
            <input
              type="radio"
              name={name}
              value={type}
              checked={value === type}
              onChange={() => onChange(type)}
              aria-invalid={error ? true : undefined}
              className="mt-0.5 size-5 shrink-0 accent-brand-600"
            />
            <span className="min-w-0">
              <span className="block font-medium text-slate-900 text-sm">
                {INTERVIEW_TYPE_NAMES[type].label}
              </span>
              <span className="block text-slate-600 text-sm">{INTERVIEW_TYPE_NAMES[type].description}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="mt-1.5 font-medium text-red-700 text-sm">{error}</p> : null}
    </fieldset>
  )
}
