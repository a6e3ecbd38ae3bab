import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { Field, Input, Select } from '../../../components/ui/field'
import { describeError } from '../../../lib/api'
import { readFieldErrors } from '../../../lib/form-errors'
import { INTERVIEW_TYPE_NAMES, type InterviewType } from '../../interviews'
import { useCreateInterviewFromApplication } from '../api/create-interview-from-application'
import type { Application } from '../api/list-job-applications'
import { applicantName } from './application-names'

/**
 * Invites the applicant to an AI interview: their name, email and resume and the job's title carry
 * over, so only the format and length are asked here. Questions can be added on the interview's page.
 */
export function InviteToInterviewForm({ application }: { application: Application }) {
  const [type, setType] = useState<InterviewType>('TEXT')
  const [minutes, setMinutes] = useState('30')
  const createInterview = useCreateInterviewFromApplication(application.id)
  const errors = readFieldErrors(createInterview.error)
  const name = applicantName(application)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const timeLimitMinutes = Number(minutes)
    createInterview.mutate({
      type,
      ...(minutes.trim() && !Number.isNaN(timeLimitMinutes) ? { timeLimitMinutes } : {}),
    })
  }

  if (createInterview.isSuccess) {
    return (
      <Alert
        tone="success"
        title="Interview created"
        actions={
          <Link
            to={`/interviews/${createInterview.data.interview.id}`}
            state={{ isNew: true }}
            className={buttonClassName({ variant: 'secondary', size: 'sm' })}
          >
            Open the interview<span className="sr-only"> with {name}</span>
          </Link>
        }
      >
        Copy {name}'s personal link from the interview's page and send it to them.
      </Alert>
    )
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <Field label="Format" error={errors.type}>
          {(control) => (
            <Select
              {...control}
              value={type}
              onChange={(event) => setType(event.target.value as InterviewType)}
            >
              {(Object.keys(INTERVIEW_TYPE_NAMES) as InterviewType[]).map((value) => (
                <option key={value} value={value}>
                  {INTERVIEW_TYPE_NAMES[value].label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Minutes" error={errors.timeLimitMinutes}>
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={5}
              max={180}
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
            />
          )}
        </Field>
      </div>
      {createInterview.isError && Object.keys(errors).length === 0 ? (
        <Alert title="No interview was created">{describeError(createInterview.error)}</Alert>
      ) : null}
      <Button type="submit" size="sm" disabled={createInterview.isPending}>
        {createInterview.isPending ? 'Creating…' : 'Create interview'}
        <span className="sr-only"> for {name}</span>
      </Button>
    </form>
  )
}
