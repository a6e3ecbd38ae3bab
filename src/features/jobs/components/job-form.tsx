import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import { Field, Input, Textarea } from '../../../components/ui/field'
import { FormFooter } from '../../../components/ui/form-footer'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import type { CreateJobInput } from '../api/create-job'
import type { Job } from '../api/list-jobs'
import type { UpdateJobInput } from '../api/update-job'
import { JOB_TYPE_SUGGESTIONS } from './job-names'

export type JobFormValues = {
  title: string
  description: string
  department: string
  location: string
  jobType: string
  salaryRange: string
}

const OPTIONAL_FIELDS = ['description', 'department', 'location', 'jobType', 'salaryRange'] as const

function initialValues(job: Job | undefined): JobFormValues {
  return {
    title: job?.title ?? '',
    description: job?.description ?? '',
    department: job?.department ?? '',
    location: job?.location ?? '',
    jobType: job?.jobType ?? '',
    salaryRange: job?.salaryRange ?? '',
  }
}

/** Empty optional fields are left out of a new job. */
export function toCreateJobInput(values: JobFormValues): CreateJobInput {
  const input: CreateJobInput = { title: values.title }
  for (const field of OPTIONAL_FIELDS) if (values[field].trim()) input[field] = values[field]
  return input
}

/** Every field; emptied optional ones are cleared (null). */
export function toUpdateJobInput(values: JobFormValues): UpdateJobInput {
  const input: UpdateJobInput = { title: values.title }
  for (const field of OPTIONAL_FIELDS) input[field] = values[field].trim() ? values[field] : null
  return input
}

type JobFormProps = {
  job?: Job
  submitLabel: string
  pendingLabel: string
  failureTitle: string
  mutation: { isPending: boolean; isError: boolean; error: unknown }
  onSubmit: (values: JobFormValues, onError: () => void) => void
  secondaryActions?: ReactNode
}

/** A job posting's text, as candidates will read it on the job board once approved. */
export function JobForm({
  job,
  submitLabel,
  pendingLabel,
  failureTitle,
  mutation,
  onSubmit,
  secondaryActions,
}: JobFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const suggestionsId = useId()
  const [values, setValues] = useState(() => initialValues(job))
  const errors = readFieldErrors(mutation.error)
  const hasFieldErrors = Object.keys(errors).length > 0
  const set = (key: keyof JobFormValues, value: string) =>
    setValues((current) => ({ ...current, [key]: value }))

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSubmit(values, () => focusFirstInvalidField(formRef.current))
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
      <div className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <Field label="Job title" error={errors.title} isRequired>
          {(control) => (
            <Input
              {...control}
              maxLength={200}
              value={values.title}
              onChange={(event) => set('title', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Description"
          hint="What the role involves and who you're looking for. Line breaks are kept."
          error={errors.description}
          isOptional
        >
          {(control) => (
            <Textarea
              {...control}
              className="min-h-48"
              maxLength={20_000}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Department" error={errors.department} isOptional>
            {(control) => (
              <Input
                {...control}
                maxLength={100}
                value={values.department}
                onChange={(event) => set('department', event.target.value)}
              />
            )}
          </Field>
          <Field label="Location" hint="A city, or Remote." error={errors.location} isOptional>
            {(control) => (
              <Input
                {...control}
                maxLength={200}
                value={values.location}
                onChange={(event) => set('location', event.target.value)}
              />
            )}
          </Field>
          <Field label="Job type" hint="For example Full-time or Contract." error={errors.jobType} isOptional>
            {(control) => (
              <>
                <Input
                  {...control}
                  list={suggestionsId}
                  maxLength={50}
                  value={values.jobType}
                  onChange={(event) => set('jobType', event.target.value)}
                />
                <datalist id={suggestionsId}>
                  {JOB_TYPE_SUGGESTIONS.map((type) => (
                    <option key={type} value={type} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field
            label="Salary range"
            hint="As candidates should read it, for example €60,000–€75,000."
            error={errors.salaryRange}
            isOptional
          >
            {(control) => (
              <Input
                {...control}
                maxLength={100}
                value={values.salaryRange}
                onChange={(event) => set('salaryRange', event.target.value)}
              />
            )}
          </Field>
        </div>
      </div>

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
