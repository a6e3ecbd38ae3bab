import { type FormEvent, useState } from 'react'
import { Field, Textarea } from '../../../components/ui/field'
import { SaveBar } from '../../../components/ui/save-bar'
import { readFieldErrors } from '../../../lib/form-errors'
import type { Interview } from '../api/list-interviews'
import { useUpdateInterview } from '../api/update-interview'

/** The recruiter's private notes, which may change whatever the interview's status. */
export function InterviewNotesEditor({ interview }: { interview: Interview }) {
  const [notes, setNotes] = useState(interview.candidateNotes ?? '')
  const updateInterview = useUpdateInterview(interview.id)
  const errors = readFieldErrors(updateInterview.error)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    updateInterview.mutate({ candidateNotes: notes.trim() ? notes : null })
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="Notes"
        hint="Private to you; the candidate never sees them."
        error={errors.candidateNotes}
      >
        {(control) => (
          <Textarea
            {...control}
            maxLength={5000}
            value={notes}
            onChange={(event) => {
              setNotes(event.target.value)
              if (updateInterview.isSuccess) updateInterview.reset()
            }}
          />
        )}
      </Field>
      <SaveBar
        saveLabel="Save notes"
        savedMessage="Notes saved."
        mutation={updateInterview}
        fieldErrors={errors}
      />
    </form>
  )
}
