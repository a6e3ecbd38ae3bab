import { useId, useState } from 'react'
import { buttonClassName } from '../../../components/ui/button'
import { Field, Input } from '../../../components/ui/field'
import { api } from '../../../lib/api'
import { cn } from '../../../lib/cn'
import type { AuthOptions, AuthProvider } from '../api/get-auth-providers'

type SignUpRole = 'CANDIDATE' | 'RECRUITER'

const ROLE_CHOICES: ReadonlyArray<{ role: SignUpRole; label: string; description: string }> = [
  {
    role: 'CANDIDATE',
    label: "I'm a candidate",
    description: "Take the interviews you're invited to and keep a profile recruiters can read.",
  },
  {
    role: 'RECRUITER',
    label: "I'm hiring (recruiter)",
    description: 'Create interviews and job postings, invite candidates and review their results.',
  },
]

/**
 * The address that starts signing in with a provider. It is opened by the browser, not fetched: the
 * API redirects to the provider, which sends the browser back into the app.
 */
function providerSignInHref(
  provider: AuthProvider['id'],
  options: { role: SignUpRole; signupCode?: string; redirectTo?: string },
): string {
  const url = api.api.auth[':provider'].$url({
    param: { provider },
    query: {
      role: options.role,
      ...(options.signupCode ? { signupCode: options.signupCode } : {}),
      ...(options.redirectTo ? { redirectTo: options.redirectTo } : {}),
    },
  })
  return `${url.pathname}${url.search}`
}

type ProviderSignInProps = {
  options: AuthOptions
  /** An app path to come back to after signing in. */
  redirectTo?: string
}

/** "Who are you" and the provider buttons; links, so the browser goes to the provider and back. */
export function ProviderSignIn({ options, redirectTo }: ProviderSignInProps) {
  const roleHintId = useId()
  const [role, setRole] = useState<SignUpRole>('CANDIDATE')
  const [signupCode, setSignupCode] = useState('')
  const isCodeNeeded = role === 'RECRUITER' && options.isSignupCodeRequired
  const code = isCodeNeeded ? signupCode.trim() : ''

  return (
    <div className="space-y-6">
      <fieldset aria-describedby={roleHintId}>
        <legend className="font-semibold text-slate-900">How will you use VantaHire?</legend>
        <p id={roleHintId} className="mt-1 text-slate-600 text-sm">
          This sets up a new account. If you already have one, you keep your account as it is.
        </p>
        <div className="mt-3 grid gap-3">
          {ROLE_CHOICES.map((choice) => (
            <RoleChoice
              key={choice.role}
              choice={choice}
              isChecked={role === choice.role}
              onChoose={() => setRole(choice.role)}
            />
          ))}
        </div>
      </fieldset>

      {isCodeNeeded ? (
        <Field
          label="Recruiter sign-up code"
          hint="New recruiter accounts need the code your VantaHire admin gives out. Already have an account? Leave it empty."
        >
          {(control) => (
            <Input
              {...control}
              value={signupCode}
              onChange={(event) => setSignupCode(event.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      ) : null}

      <ul className="grid gap-3" aria-label="Sign-in providers">
        {options.providers.map((provider) => (
          <li key={provider.id}>
            <a
              href={providerSignInHref(provider.id, { role, signupCode: code, redirectTo })}
              className={buttonClassName({ variant: 'secondary', size: 'lg', className: 'w-full' })}
            >
              <ProviderIcon provider={provider.id} />
              Continue with {provider.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A radio card: the whole card picks the role; the title names the radio, the line under it describes it. */
function RoleChoice({
  choice,
  isChecked,
  onChoose,
}: {
  choice: (typeof ROLE_CHOICES)[number]
  isChecked: boolean
  onChoose: () => void
}) {
  const labelId = useId()
  const descriptionId = useId()
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-brand-600 has-focus-visible:outline-offset-2',
        isChecked
          ? 'border-brand-600 bg-brand-50 ring-1 ring-brand-600'
          : 'border-slate-300 bg-white hover:bg-slate-50',
      )}
    >
      <input
        type="radio"
        name="sign-up-role"
        value={choice.role}
        checked={isChecked}
        onChange={onChoose}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        className="mt-0.5 size-5 shrink-0 accent-brand-600 focus-visible:outline-none"
      />
      <span>
        <span id={labelId} className="block font-medium text-slate-900">
          {choice.label}
        </span>
        <span id={descriptionId} className="mt-0.5 block text-slate-600 text-sm">
          {choice.description}
        </span>
      </span>
    </label>
  )
}

function ProviderIcon({ provider }: { provider: AuthProvider['id'] }) {
  if (provider === 'linkedin') {
    return (
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0">
        <rect width="24" height="24" rx="4" fill="#0a66c2" />
        <path
          fill="#fff"
          d="M7.1 9.6h2.3V17H7.1zm1.2-3.7a1.3 1.3 0 1 1 0 2.7 1.3 1.3 0 0 1 0-2.7M10.9 9.6h2.2v1h.1c.3-.6 1.1-1.2 2.2-1.2 2.4 0 2.8 1.5 2.8 3.5V17h-2.3v-3.6c0-.9 0-2-1.2-2s-1.4.9-1.4 1.9V17h-2.3z"
        />
      </svg>
    )
  }
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0">
      <path
        fill="#4285f4"
        d="M22.6 12.2c0-.7-.1-1.4-.2-2.1H12v4h5.9a5 5 0 0 1-2.2 3.3v2.7h3.6c2.1-1.9 3.3-4.8 3.3-7.9"
      />
      <path
        fill="#34a853"
        d="M12 23c3 0 5.5-1 7.3-2.7l-3.6-2.8c-1 .7-2.2 1.1-3.7 1.1-2.9 0-5.3-1.9-6.2-4.5H2.1v2.9A11 11 0 0 0 12 23"
      />
      <path fill="#fbbc05" d="M5.8 14.1a6.6 6.6 0 0 1 0-4.2V7H2.1a11 11 0 0 0 0 10z" />
      <path
        fill="#ea4335"
        d="M12 5.4c1.6 0 3.1.6 4.2 1.7l3.2-3.2A11 11 0 0 0 2.1 7l3.7 2.9C6.7 7.3 9.1 5.4 12 5.4"
      />
    </svg>
  )
}
