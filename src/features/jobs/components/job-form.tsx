import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Field, Input, Select, Textarea } from '../../../components/ui/field'
import { FormFooter } from '../../../components/ui/form-footer'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { JOB_TYPE_LABELS, JOB_TYPES, type JobType } from '../../../lib/job-type-names'
import type { CreateJobInput } from '../api/create-job'
import type { Job } from '../api/list-jobs'
import type { UpdateJobInput } from '../api/update-job'
import { changedMaterialFields, jobState, materialFieldList } from './job-names'

export type JobFormValues = {
  title: string
  description: string
  requirements: string
  department: string
  location: string
  jobType: JobType | ''
  salaryRange: string
}

const OPTIONAL_TEXT_FIELDS = ['description', 'requirements', 'department', 'location', 'salaryRange'] as const

function initialValues(job: Job | undefined): JobFormValues {
  return {
    title: job?.title ?? '',
    description: job?.description ?? '',
    requirements: job?.requirements ?? '',
    department: job?.department ?? '',
    location: job?.location ?? '',
    jobType: job?.jobType ?? '',
    salaryRange: job?.salaryRange ?? '',
  }
}

/** Empty optional fields are left out of a new job. */
export function toCreateJobInput(values: JobFormValues): CreateJobInput {
  const input: CreateJobInput = { title: values.title }
  for (const field of OPTIONAL_TEXT_FIELDS) if (values[field].trim()) input[field] = values[field]
  if (values.jobType) input.jobType = values.jobType
  return input
}

/** Every field; emptied optional ones are cleared (null). */
export function toUpdateJobInput(values: JobFormValues): UpdateJobInput {
  const input: UpdateJobInput = { title: values.title, jobType: values.jobType || null }
  for (const field of OPTIONAL_TEXT_FIELDS) input[field] = values[field].trim() ? values[field] : null
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
  const [values, setValues] = useState(() => initialValues(job))
  // A live job goes back for approval only when what candidates decide on changes (the API's rule).
  const isLive = job !== undefined && jobState(job) === 'LIVE'
  const sendsBack = isLive ? changedMaterialFields(job, values) : []
  const errors = readFieldErrors(mutation.error)
  const hasFieldErrors = Object.keys(errors).length > 0
  const set = <K extends keyof JobFormValues>(key: K, value: JobFormValues[K]) =>
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
        <Field
          label="Requirements"
          hint="Skills, experience or certifications a candidate must bring."
          error={errors.requirements}
          isOptional
        >
          {(control) => (
            <Textarea
              {...control}
              className="min-h-28"
              maxLength={10_000}
              value={values.requirements}
              onChange={(event) => set('requirements', event.target.value)}
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
          <Field label="Job type" error={errors.jobType} isOptional>
            {(control) => (
              <Select
                {...control}
                value={values.jobType}
                onChange={(event) => set('jobType', event.target.value as JobType | '')}
              >
                <option value="">Not stated</option>
                {JOB_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {JOB_TYPE_LABELS[type]}
                  </option>
                ))}
              </Select>
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

      {isLive ? (
        <div aria-live="polite">
          {sendsBack.length > 0 ? (
            <Alert tone="warning" title="Saving sends it back for approval">
              You changed {materialFieldList(sendsBack)}. The job leaves the job board until an admin approves
              the change.
            </Alert>
          ) : (
            <Alert tone="info" title="The job stays live">
              Changes to the title, description, requirements or pay send a live job back for approval; other
              changes are saved and it stays on the job board.
            </Alert>
          )}
        </div>
      ) : null}

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
