import { type FormEvent, useId, useRef, useState } from 'react'
import { LoadState } from '../../../components/load-state'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Field, Input } from '../../../components/ui/field'
import { SaveBar } from '../../../components/ui/save-bar'
import { focusFirstInvalidField, readFieldErrors } from '../../../lib/form-errors'
import { ROLE_NAMES } from '../../../lib/role-names'
import { type Account, useAccount } from '../api/get-account'
import { useUpdateAccount } from '../api/update-account'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' })

/** "Your details": the name people see, and the sign-in facts that cannot be changed here. */
export function AccountDetailsSection() {
  const headingId = useId()
  const account = useAccount()
  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>Your details</CardTitle>
      <CardDescription>Your name as others see it in VantaHire, and how you sign in.</CardDescription>
      <div className="mt-5">
        <LoadState query={account} what="your details">
          {() => account.data && <AccountDetailsForm account={account.data} />}
        </LoadState>
      </div>
    </Card>
  )
}

function AccountDetailsForm({ account }: { account: Account }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [fullName, setFullName] = useState(account.fullName ?? '')
  const updateAccount = useUpdateAccount()
  const fieldErrors = readFieldErrors(updateAccount.error)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    updateAccount.mutate(
      { fullName },
      {
        onSuccess: (saved) => setFullName(saved.fullName ?? ''),
        onError: () => focusFirstInvalidField(formRef.current),
      },
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      <Field label="Full name" error={fieldErrors.fullName}>
        {(control) => (
          <Input
            {...control}
            autoComplete="name"
            maxLength={200}
            value={fullName}
            onChange={(event) => {
              setFullName(event.target.value)
              if (updateAccount.isSuccess) updateAccount.reset()
            }}
          />
        )}
      </Field>

      <div className="rounded-xl bg-slate-50 p-4 text-sm">
        <dl className="grid gap-4 sm:grid-cols-2">
          <div className="min-w-0">
            <dt className="font-medium text-slate-600">Email address</dt>
            <dd className="mt-1 break-words text-slate-900">{account.email}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Account type</dt>
            <dd className="mt-1 text-slate-900">{ROLE_NAMES[account.role].label}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Member since</dt>
            <dd className="mt-1 text-slate-900">
              <time dateTime={account.createdAt}>{dateFormat.format(new Date(account.createdAt))}</time>
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-slate-600">
          Your email address and account type come from how you signed up and can't be changed here.
        </p>
      </div>

      <SaveBar
        saveLabel="Save details"
        savedMessage="Your details are saved."
        mutation={updateAccount}
        fieldErrors={fieldErrors}
      />
    </form>
  )
}
