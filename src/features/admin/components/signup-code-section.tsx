import { type FormEvent, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { Field, Input } from '../../../components/ui/field'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { useAdminSettings } from '../api/get-admin-settings'
import { useUpdateAdminSettings } from '../api/update-admin-settings'

const CODE_MIN_CHARACTERS = 6
const CODE_MAX_CHARACTERS = 100

/** The recruiter sign-up code: whether one is set, the code itself on request, and setting or clearing it. */
export function SignupCodeSection() {
  const headingId = useId()
  const settings = useAdminSettings()

  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>Recruiter sign-up code</CardTitle>
      <CardDescription>
        While a code is set, anyone creating a new recruiter or admin account must enter it, whether they sign
        in with Google, LinkedIn or development sign-in. Give it only to people who should hire on VantaHire.
        Candidates never need it, and existing accounts keep working. With no code, anyone can sign up as a
        recruiter.
      </CardDescription>
      <div className="mt-5">
        {settings.isPending ? (
          <Spinner label="Loading the sign-up code…" />
        ) : settings.isError ? (
          <LoadError
            what="the sign-up code"
            error={settings.error}
            isRetrying={settings.isFetching}
            onRetry={() => settings.refetch()}
          />
        ) : (
          <SignupCodeEditor code={settings.data.secretSignupCode} />
        )}
      </div>
    </Card>
  )
}

type Outcome = 'saved' | 'cleared' | null

function SignupCodeEditor({ code }: { code: string | null }) {
  const formRef = useRef<HTMLFormElement>(null)
  const codeId = useId()
  const [isCodeShown, setIsCodeShown] = useState(false)
  const [newCode, setNewCode] = useState('')
  const [localError, setLocalError] = useState<string | undefined>()
  const [isConfirmingClear, setIsConfirmingClear] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const update = useUpdateAdminSettings()
  const clear = useUpdateAdminSettings()
  const fieldErrors = readFieldErrors(update.error)
  const codeError = localError ?? fieldErrors.secretSignupCode

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setOutcome(null)
    const trimmed = newCode.trim()
    if (trimmed.length < CODE_MIN_CHARACTERS) {
      update.reset()
      setLocalError(`Use at least ${CODE_MIN_CHARACTERS} characters, so the code can't be guessed.`)
      focusFirstInvalidField(formRef.current)
      return
    }
    setLocalError(undefined)
    update.mutate(
      { secretSignupCode: trimmed },
      {
        onSuccess: () => {
          setNewCode('')
          setOutcome('saved')
        },
        onError: () => focusFirstInvalidField(formRef.current),
      },
    )
  }

  return (
    <div className="space-y-6">
      <div className="rounded-xl bg-slate-50 p-4">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <span className="font-medium text-slate-900 text-sm">Current code</span>
          {code ? (
            <StatusBadge tone="ok">Set: new recruiters need it</StatusBadge>
          ) : (
            <StatusBadge tone="warning">Not set: recruiter sign-up is open</StatusBadge>
          )}
        </div>
        {code ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <code
              id={codeId}
              className="break-all rounded-lg bg-white px-3 py-2 font-mono text-slate-900 text-sm ring-1 ring-slate-200"
            >
              {isCodeShown ? (
                code
              ) : (
                <>
                  <span aria-hidden="true">••••••••</span>
                  <span className="sr-only">Hidden</span>
                </>
              )}
            </code>
            <Button
              variant="secondary"
              size="sm"
              aria-controls={codeId}
              aria-pressed={isCodeShown}
              onClick={() => setIsCodeShown((shown) => !shown)}
            >
              Show code
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                clear.reset()
                setIsConfirmingClear(true)
              }}
            >
              Clear code
            </Button>
          </div>
        ) : null}
      </div>

      <form ref={formRef} onSubmit={save} noValidate className="space-y-4">
        <Field
          label={code ? 'New code' : 'Code'}
          hint={`At least ${CODE_MIN_CHARACTERS} characters.${code ? ' The current code stops working at once.' : ''}`}
          error={codeError}
        >
          {(control) => (
            <Input
              {...control}
              autoComplete="off"
              spellCheck={false}
              maxLength={CODE_MAX_CHARACTERS}
              value={newCode}
              onChange={(event) => setNewCode(event.target.value)}
              className="max-w-sm"
            />
          )}
        </Field>
        {update.isError && !fieldErrors.secretSignupCode ? (
          <Alert title="The code was not saved">{describeError(update.error)}</Alert>
        ) : null}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : code ? 'Replace code' : 'Set code'}
        </Button>
      </form>

      <p role="status" className="font-medium text-emerald-800 text-sm">
        {outcome === 'saved'
          ? 'The sign-up code is saved. New recruiters need it from now on.'
          : outcome === 'cleared'
            ? 'The sign-up code is cleared. Anyone can sign up as a recruiter.'
            : ''}
      </p>

      <ConfirmDialog
        isOpen={isConfirmingClear}
        title="Clear the sign-up code?"
        confirmLabel="Clear code"
        pendingLabel="Clearing…"
        isPending={clear.isPending}
        errorMessage={clear.isError ? describeError(clear.error) : undefined}
        isDestructive
        onConfirm={() =>
          clear.mutate(
            { secretSignupCode: null },
            {
              onSuccess: () => {
                setIsConfirmingClear(false)
                setIsCodeShown(false)
                setOutcome('cleared')
                // The Clear button that opened the dialog is gone; continue at the code field.
                requestAnimationFrame(() => formRef.current?.querySelector('input')?.focus())
              },
            },
          )
        }
        onClose={() => setIsConfirmingClear(false)}
      >
        Anyone will be able to sign up as a recruiter, and post jobs for approval, without a code. You can set
        a new code at any time.
      </ConfirmDialog>
    </div>
  )
}
