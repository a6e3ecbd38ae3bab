import { type FormEvent, useId, useRef, useState } from 'react'
import { LoadState } from '../../../components/load-state'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Field, Input, Textarea } from '../../../components/ui/field'
import { SaveBar } from '../../../components/ui/save-bar'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { FileUploadField } from '../../files'
import { type CandidateProfile, useCandidateProfile } from '../api/get-candidate-profile'
import { type UpdateCandidateProfileInput, useUpdateCandidateProfile } from '../api/update-candidate-profile'

type FormValues = {
  email: string
  phone: string
  bio: string
  skills: string
  experienceYears: string
  linkedinUrl: string
  portfolioUrl: string
}

function toFormValues(profile: CandidateProfile): FormValues {
  return {
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    bio: profile.bio ?? '',
    skills: profile.skills.join(', '),
    experienceYears: profile.experienceYears === null ? '' : String(profile.experienceYears),
    linkedinUrl: profile.linkedinUrl ?? '',
    portfolioUrl: profile.portfolioUrl ?? '',
  }
}

function parseSkills(text: string): string[] {
  return [...new Set(text.split(',').map((skill) => skill.trim()))].filter(Boolean)
}

/** Empty means "not given": null, which the API stores as a cleared field. */
function orNull(text: string): string | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

function toInput(values: FormValues): UpdateCandidateProfileInput {
  const years = values.experienceYears.trim()
  return {
    email: orNull(values.email),
    phone: orNull(values.phone),
    bio: orNull(values.bio),
    skills: parseSkills(values.skills),
    experienceYears: years === '' ? null : Number(years),
    linkedinUrl: orNull(values.linkedinUrl),
    portfolioUrl: orNull(values.portfolioUrl),
  }
}

/** What a candidate tells the recruiters who interview them. */
export function CandidateProfileSection() {
  const headingId = useId()
  const profile = useCandidateProfile()
  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>Candidate profile</CardTitle>
      <CardDescription>
        Recruiters who interview you see this profile with your results. Every field is optional.
      </CardDescription>
      <div className="mt-5">
        <LoadState query={profile} what="your candidate profile">
          {() => profile.data && <CandidateProfileForm profile={profile.data} />}
        </LoadState>
      </div>
    </Card>
  )
}

function CandidateProfileForm({ profile }: { profile: CandidateProfile }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(() => toFormValues(profile))
  const updateProfile = useUpdateCandidateProfile()
  // The résumé is saved as soon as it is uploaded, apart from the rest of the form.
  const saveResume = useUpdateCandidateProfile()
  const fieldErrors = readFieldErrors(updateProfile.error)
  const skills = parseSkills(values.skills)

  function change(field: keyof FormValues, value: string) {
    setValues((current) => ({ ...current, [field]: value }))
    if (updateProfile.isSuccess) updateProfile.reset()
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    updateProfile.mutate(toInput(values), {
      onSuccess: (saved) => setValues(toFormValues(saved)),
      onError: () => focusFirstInvalidField(formRef.current),
    })
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Contact email" error={fieldErrors.email}>
          {(control) => (
            <Input
              {...control}
              type="email"
              autoComplete="email"
              value={values.email}
              onChange={(event) => change('email', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Phone"
          hint="With the country code, such as +44 20 7946 0958."
          error={fieldErrors.phone}
        >
          {(control) => (
            <Input
              {...control}
              type="tel"
              autoComplete="tel"
              value={values.phone}
              onChange={(event) => change('phone', event.target.value)}
            />
          )}
        </Field>
        <Field label="Years of experience" error={fieldErrors.experienceYears}>
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={0}
              max={70}
              step={1}
              value={values.experienceYears}
              onChange={(event) => change('experienceYears', event.target.value)}
              className="max-w-32"
            />
          )}
        </Field>
      </div>

      <Field
        label="About you"
        hint="A few lines on your background and what you're looking for."
        error={fieldErrors.bio}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={4}
            maxLength={2000}
            value={values.bio}
            onChange={(event) => change('bio', event.target.value)}
          />
        )}
      </Field>

      <Field
        label="Skills"
        hint="Separate skills with commas, such as: TypeScript, SQL, customer support."
        error={fieldErrors.skills}
      >
        {(control) => (
          <>
            <Input
              {...control}
              value={values.skills}
              onChange={(event) => change('skills', event.target.value)}
            />
            {skills.length > 0 ? (
              <ul aria-label="Skills as they will be saved" className="flex flex-wrap gap-1.5 pt-1">
                {skills.map((skill) => (
                  <li
                    key={skill}
                    className="rounded-full bg-brand-50 px-2.5 py-1 font-medium text-brand-700 text-xs ring-1 ring-brand-600/20 ring-inset"
                  >
                    {skill}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </Field>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="LinkedIn profile"
          hint="The full address, starting with https://"
          error={fieldErrors.linkedinUrl}
        >
          {(control) => (
            <Input
              {...control}
              type="url"
              inputMode="url"
              placeholder="https://www.linkedin.com/in/…"
              value={values.linkedinUrl}
              onChange={(event) => change('linkedinUrl', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Portfolio or website"
          hint="The full address, starting with https://"
          error={fieldErrors.portfolioUrl}
        >
          {(control) => (
            <Input
              {...control}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={values.portfolioUrl}
              onChange={(event) => change('portfolioUrl', event.target.value)}
            />
          )}
        </Field>
      </div>

      <FileUploadField
        label="Résumé"
        category="RESUME"
        fileId={profile.resumeFileId}
        isSaving={saveResume.isPending}
        error={saveResume.error?.message}
        onChange={(resumeFileId) => saveResume.mutateAsync({ resumeFileId }).catch(() => undefined)}
      />

      <SaveBar
        saveLabel="Save profile"
        savedMessage="Your profile is saved."
        mutation={updateProfile}
        fieldErrors={fieldErrors}
      />
    </form>
  )
}
