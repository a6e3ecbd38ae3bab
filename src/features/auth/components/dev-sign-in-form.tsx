import { type FormEvent, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Field, Input, Select } from '../../../components/ui/field'
import { StatusBadge } from '../../../components/ui/status-badge'
import { ApiError, describeError, isRecord } from '../../../lib/api'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { ROLE_NAMES } from '../../../lib/role-names'
import { type DevLoginInput, useDevLogin } from '../api/dev-login'
import type { SignedInUser, UserRole } from '../api/get-current-user'
import { describeSignInRefusal } from './sign-in-error-alert'

const DEV_ROLES: readonly UserRole[] = ['CANDIDATE', 'RECRUITER', 'ADMIN']

type DevSignInFormProps = {
  isSignupCodeRequired: boolean
  onSignedIn: (user: SignedInUser) => void
}

/** Signs in by email alone, on servers where development sign-in is on (never in production). */
export function DevSignInForm({ isSignupCodeRequired, onSignedIn }: DevSignInFormProps) {
  const headingId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<UserRole>('CANDIDATE')
  const [fullName, setFullName] = useState('')
  const [signupCode, setSignupCode] = useState('')
  const devLogin = useDevLogin()
  const isCodeNeeded = role !== 'CANDIDATE' && isSignupCodeRequired
  const fieldErrors = readFieldErrors(devLogin.error)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const input: DevLoginInput = {
      email: email.trim(),
      role,
      ...(fullName.trim() ? { fullName: fullName.trim() } : {}),
      ...(isCodeNeeded && signupCode.trim() ? { signupCode: signupCode.trim() } : {}),
    }
    devLogin.mutate(input, {
      onSuccess: onSignedIn,
      onError: () => focusFirstInvalidField(formRef.current),
    })
  }

  return (
    <Card as="section" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle id={headingId}>Development sign-in</CardTitle>
        <StatusBadge tone="warning">Development only</StatusBadge>
      </div>
      <CardDescription>
        Sign in with any email address and role, without Google or LinkedIn. This server allows it for trying
        VantaHire out; production servers never do.
      </CardDescription>

      <form ref={formRef} onSubmit={submit} noValidate className="mt-5 space-y-4">
        <Field label="Email address" error={fieldErrors.email} isRequired>
          {(control) => (
            <Input
              {...control}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Role" hint="Used when the account is new; existing accounts keep theirs.">
          {(control) => (
            <Select {...control} value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
              {DEV_ROLES.map((value) => (
                <option key={value} value={value}>
                  {ROLE_NAMES[value].label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Full name" error={fieldErrors.fullName} isOptional>
          {(control) => (
            <Input
              {...control}
              autoComplete="name"
              value={fullName}
              onChange={(event) => setFullName(event.target.value)}
            />
          )}
        </Field>
        {isCodeNeeded ? (
          <Field
            label="Recruiter sign-up code"
            hint="New recruiter and admin accounts need the code from your VantaHire admin."
            error={fieldErrors.signupCode}
          >
            {(control) => (
              <Input
                {...control}
                autoComplete="off"
                spellCheck={false}
                value={signupCode}
                onChange={(event) => setSignupCode(event.target.value)}
              />
            )}
          </Field>
        ) : null}

        {devLogin.isError && Object.keys(fieldErrors).length === 0 ? (
          <Alert title="You're not signed in">{describeDevLoginError(devLogin.error)}</Alert>
        ) : null}

        <Button type="submit" disabled={devLogin.isPending} className="w-full sm:w-auto">
          {devLogin.isPending ? 'Signing in…' : 'Sign in for development'}
        </Button>
      </form>
    </Card>
  )
}

function describeDevLoginError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'Development sign-in has been turned off on this server.'
    const refusal = describeSignInRefusal(isRecord(error.details) ? error.details.reason : undefined)
    if (refusal) return refusal
  }
  return describeError(error)
}
