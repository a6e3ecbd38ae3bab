import { type FormEvent, useState } from 'react'
import { Field, Textarea } from '../../../components/ui/field'
import { SaveBar } from '../../../components/ui/save-bar'
import { readFieldErrors } from '../../../lib/form-errors'
import type { Application } from '../api/list-job-applications'
import { useUpdateApplication } from '../api/update-application'

/** The recruiter's private notes on an application; the candidate never sees them. */
export function ApplicationNotesEditor({ application }: { application: Application }) {
  const [notes, setNotes] = useState(application.notes ?? '')
  const updateApplication = useUpdateApplication(application.id)
  const errors = readFieldErrors(updateApplication.error)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    updateApplication.mutate({ notes: notes.trim() ? notes : null })
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <Field label="Private notes" hint="Only you see these." error={errors.notes}>
        {(control) => (
          <Textarea
            {...control}
            maxLength={10_000}
            value={notes}
            onChange={(event) => {
              setNotes(event.target.value)
              if (updateApplication.isSuccess) updateApplication.reset()
            }}
          />
        )}
      </Field>
      <SaveBar
        saveLabel="Save notes"
        savedMessage="Notes saved."
        mutation={updateApplication}
        fieldErrors={errors}
      />
    </form>
  )
}
