import { type FormEvent, useId, useRef, useState } from 'react'
import { Field, FieldError, Input } from '../../../components/ui/field'
import { FormFooter } from '../../../components/ui/form-footer'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { type CreatedApiKey, useCreateApiKey } from '../api/create-api-key'
import type { ApiKeyScope } from '../api/list-api-keys'
import { SCOPE_NAMES, SCOPES } from './scope-names'

/** `YYYY-MM-DD` of the day after today, in the person's own time zone: the earliest expiry allowed. */
function tomorrow(): string {
  const date = new Date()
  date.setDate(date.getDate() + 1)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/** A key chosen to expire on a day works until that day ends, in the person's own time zone. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString()
}

/** Names a new key and chooses what it may do; the key itself comes back to `onCreated`, once. */
export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const formRef = useRef<HTMLFormElement>(null)
  const scopesErrorId = useId()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ApiKeyScope[]>([])
  const [expiresOn, setExpiresOn] = useState('')
  const createKey = useCreateApiKey()
  const fieldErrors = readFieldErrors(createKey.error)
  const hasFieldErrors = Object.keys(fieldErrors).length > 0

  function toggleScope(scope: ApiKeyScope, isChecked: boolean) {
    setScopes((current) => (isChecked ? [...current, scope] : current.filter((value) => value !== scope)))
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    createKey.mutate(
      {
        name,
        // In the order shown, whatever order they were ticked in.
        scopes: SCOPES.filter((scope) => scopes.includes(scope)),
        ...(expiresOn ? { expiresAt: endOfDay(expiresOn) } : {}),
      },
      {
        onSuccess: (created) => {
          setName('')
          setScopes([])
          setExpiresOn('')
          onCreated(created)
        },
        onError: () => focusFirstInvalidField(formRef.current),
      },
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <Field
        label="Name"
        hint="Say where the key is used, so you know which one to revoke later; for example, Applicant tracking system."
        error={fieldErrors.name}
        isRequired
      >
        {(control) => (
          <Input
            {...control}
            maxLength={100}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>

      <fieldset aria-describedby={fieldErrors.scopes ? scopesErrorId : undefined}>
        <legend className="font-medium text-slate-900 text-sm">What may this key do?</legend>
        <p className="mt-1 text-slate-600 text-sm">Choose at least one. Give a key only what it needs.</p>
        <div className="mt-3 space-y-2">
          {SCOPES.map((scope) => (
            <ScopeChoice
              key={scope}
              scope={scope}
              isChecked={scopes.includes(scope)}
              isInvalid={Boolean(fieldErrors.scopes)}
              onChange={(isChecked) => toggleScope(scope, isChecked)}
            />
          ))}
        </div>
        {fieldErrors.scopes ? (
          <div className="mt-2">
            <FieldError id={scopesErrorId}>{fieldErrors.scopes}</FieldError>
          </div>
        ) : null}
      </fieldset>

      <Field
        label="Expires on"
        hint="The key stops working at the end of this day. Leave it empty for a key that does not expire."
        error={fieldErrors.expiresAt}
        isOptional
      >
        {(control) => (
          <Input
            {...control}
            type="date"
            min={tomorrow()}
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            className="max-w-52"
          />
        )}
      </Field>

      <FormFooter
        mutation={createKey}
        hasFieldErrors={hasFieldErrors}
        failureTitle="The key was not created"
        submitLabel="Create API key"
        pendingLabel="Creating…"
      />
    </form>
  )
}

/** A scope's checkbox, named by its label and described by what it allows. */
function ScopeChoice({
  scope,
  isChecked,
  isInvalid,
  onChange,
}: {
  scope: ApiKeyScope
  isChecked: boolean
  isInvalid: boolean
  onChange: (isChecked: boolean) => void
}) {
  const labelId = useId()
  const descriptionId = useId()
  return (
    <label className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50">
      <input
        type="checkbox"
        checked={isChecked}
        onChange={(event) => onChange(event.target.checked)}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        aria-invalid={isInvalid || undefined}
        className="mt-0.5 size-5 shrink-0 accent-brand-600"
      />
      <span className="min-w-0">
        <span id={labelId} className="block font-medium text-slate-900 text-sm">
          {SCOPE_NAMES[scope].label}
        </span>
        <span id={descriptionId} className="block text-slate-600 text-sm">
          {SCOPE_NAMES[scope].description} <code className="font-mono text-slate-500 text-xs">({scope})</code>
        </span>
      </span>
    </label>
  )
}
