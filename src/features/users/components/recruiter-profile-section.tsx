import { type FormEvent, useId, useRef, useState } from 'react'
import { LoadState } from '../../../components/load-state'
import { Button } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Field, Input, Textarea } from '../../../components/ui/field'
import { SaveBar } from '../../../components/ui/save-bar'
import { StatusBadge } from '../../../components/ui/status-badge'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { FileUploadField } from '../../files'
import { type RecruiterProfile, useRecruiterProfile } from '../api/get-recruiter-profile'
import { useUpdateRecruiterProfile } from '../api/update-recruiter-profile'

/** What the colour picker shows while no brand colour is set: VantaHire's own. */
const DEFAULT_BRAND_COLOR = '#4f46e5'
const HEX_COLOR = /^#[0-9a-f]{6}$/i

const PLAN_NAMES: Record<RecruiterProfile['subscriptionStatus'], string> = {
  FREE: 'Free',
  PAID: 'Paid',
  ENTERPRISE: 'Enterprise',
}

type FormValues = {
  companyName: string
  brandColor: string
  emailIntro: string
  emailTips: string
  emailCtaText: string
}

function toFormValues(profile: RecruiterProfile): FormValues {
  return {
    companyName: profile.companyName ?? '',
    brandColor: profile.brandColor ?? '',
    emailIntro: profile.emailIntro ?? '',
    emailTips: profile.emailTips ?? '',
    emailCtaText: profile.emailCtaText ?? '',
  }
}

/** The company behind a recruiter's interviews, and how its invitation emails look. */
export function RecruiterProfileSection() {
  const headingId = useId()
  const profile = useRecruiterProfile()
  return (
    <Card as="section" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle id={headingId}>Company profile</CardTitle>
        {profile.data ? (
          <StatusBadge tone="neutral">{PLAN_NAMES[profile.data.subscriptionStatus]} plan</StatusBadge>
        ) : null}
      </div>
      <CardDescription>
        Candidates see your company's name and colours in the interview invitations you send.
      </CardDescription>
      <div className="mt-5">
        <LoadState query={profile} what="your company profile">
          {() => profile.data && <RecruiterProfileForm profile={profile.data} />}
        </LoadState>
      </div>
    </Card>
  )
}

function RecruiterProfileForm({ profile }: { profile: RecruiterProfile }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(() => toFormValues(profile))
  const updateProfile = useUpdateRecruiterProfile()
  // The logo is saved as soon as it is uploaded, apart from the rest of the form.
  const saveLogo = useUpdateRecruiterProfile()
  const fieldErrors = readFieldErrors(updateProfile.error)
  const brandColor = values.brandColor.trim()

  function change(field: keyof FormValues, value: string) {
    setValues((current) => ({ ...current, [field]: value }))
    if (updateProfile.isSuccess) updateProfile.reset()
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    updateProfile.mutate(
      {
        companyName: values.companyName,
        // The API takes a colour or null, not an empty text, to go back to VantaHire's colours.
        brandColor: brandColor === '' ? null : brandColor,
        emailIntro: values.emailIntro,
        emailTips: values.emailTips,
        emailCtaText: values.emailCtaText,
      },
      {
        onSuccess: (saved) => setValues(toFormValues(saved)),
        onError: () => focusFirstInvalidField(formRef.current),
      },
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <Field label="Company name" error={fieldErrors.companyName}>
        {(control) => (
          <Input
            {...control}
            autoComplete="organization"
            maxLength={200}
            value={values.companyName}
            onChange={(event) => change('companyName', event.target.value)}
          />
        )}
      </Field>

      <Field
        label="Brand colour"
        hint="A hex colour such as #4f46e5, for buttons and headings in your emails. Leave it empty to use VantaHire's colours."
        error={fieldErrors.brandColor}
      >
        {(control) => (
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Choose the brand colour"
              value={HEX_COLOR.test(brandColor) ? brandColor.toLowerCase() : DEFAULT_BRAND_COLOR}
              onChange={(event) => change('brandColor', event.target.value)}
              className="h-11 w-14 shrink-0 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
            />
            <Input
              {...control}
              value={values.brandColor}
              onChange={(event) => change('brandColor', event.target.value)}
              placeholder={DEFAULT_BRAND_COLOR}
              maxLength={7}
              spellCheck={false}
              autoComplete="off"
              className="max-w-36 font-mono"
            />
            {values.brandColor ? (
              <Button variant="ghost" size="sm" onClick={() => change('brandColor', '')}>
                Clear
              </Button>
            ) : null}
          </div>
        )}
      </Field>

      <FileUploadField
        label="Company logo"
        category="LOGO"
        isImage
        fileId={profile.logoFileId}
        isSaving={saveLogo.isPending}
        error={saveLogo.error?.message}
        onChange={(logoFileId) => saveLogo.mutateAsync({ logoFileId }).catch(() => undefined)}
      />

      <Field
        label="Email introduction"
        hint="Opens your interview invitations, before the interview details."
        error={fieldErrors.emailIntro}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={4}
            maxLength={2000}
            value={values.emailIntro}
            onChange={(event) => change('emailIntro', event.target.value)}
          />
        )}
      </Field>

      <Field
        label="Tips for candidates"
        hint="Advice in the invitation, such as finding a quiet place and checking the microphone."
        error={fieldErrors.emailTips}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={4}
            maxLength={2000}
            value={values.emailTips}
            onChange={(event) => change('emailTips', event.target.value)}
          />
        )}
      </Field>

      <Field
        label="Call-to-action text"
        hint={'The words on the invitation\'s button, such as "Start your interview". Up to 60 characters.'}
        error={fieldErrors.emailCtaText}
      >
        {(control) => (
          <Input
            {...control}
            maxLength={60}
            value={values.emailCtaText}
            onChange={(event) => change('emailCtaText', event.target.value)}
          />
        )}
      </Field>

      <SaveBar
        saveLabel="Save company profile"
        savedMessage="Your company profile is saved."
        mutation={updateProfile}
        fieldErrors={fieldErrors}
      />
    </form>
  )
}
