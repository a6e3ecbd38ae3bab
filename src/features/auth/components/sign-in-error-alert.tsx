import type { SignInRefusal } from '../../../../api/src/domain/sign-in'
import { Alert } from '../../../components/ui/alert'

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', linkedin: 'LinkedIn' }

type RefusalText = { title: string; message: string; nextStep: string }

/** Why a sign-in was refused, and what to do about it, for every reason the API can send back. */
function describeRefusal(reason: SignInRefusal, provider: string): RefusalText {
  const providerAtStart = provider.charAt(0).toUpperCase() + provider.slice(1)
  switch (reason) {
    case 'email_missing':
      return {
        title: `${providerAtStart} didn't share your email address`,
        message: 'VantaHire needs your email address to find or create your account.',
        nextStep: `Try again and allow ${provider} to share your email address, or use another way to sign in.`,
      }
    case 'email_unverified':
      return {
        title: `Your email address isn't verified with ${provider}`,
        message: `VantaHire only accepts email addresses that ${provider} has confirmed belong to you.`,
        nextStep: `Verify your email address with ${provider}, then try again, or use another way to sign in.`,
      }
    case 'email_linked_to_other_provider':
      return {
        title: 'This email address already signs in another way',
        message: `Your VantaHire account with this email address uses a different sign-in provider, so ${provider} can't sign in to it.`,
        nextStep: `Sign in with the provider you used before. To sign in with ${provider} as well, an admin must merge the two accounts, so contact your VantaHire admin.`,
      }
    case 'signup_code_invalid':
      return {
        title: 'That recruiter sign-up code was not accepted',
        message: 'New recruiter accounts need the sign-up code from your VantaHire admin.',
        nextStep:
          'Check the code with your admin and try again. If you are here to take an interview, choose "I\'m a candidate" instead.',
      }
    case 'state_mismatch':
      return {
        title: 'This sign-in attempt expired',
        message:
          'Sign-in has to finish within ten minutes, in the same browser it started in. This attempt took longer, or began in another browser or tab that has since closed.',
        nextStep: 'Please try again from this page.',
      }
    case 'access_denied':
      return {
        title: 'Sign-in was cancelled',
        message: `You cancelled at ${provider}, so you are not signed in.`,
        nextStep: 'Try again whenever you are ready.',
      }
    case 'provider_error':
      return {
        title: `${providerAtStart} sign-in didn't complete`,
        message: `We couldn't verify ${provider}'s answer, so we didn't sign you in.`,
        nextStep: 'Please try again. If it keeps happening, use another way to sign in.',
      }
    case 'provider_unavailable':
      return {
        title: `${providerAtStart} sign-in isn't available right now`,
        message: `VantaHire couldn't reach ${provider}, or this server doesn't offer it.`,
        nextStep: 'Try another way to sign in, or try again in a few minutes.',
      }
    case 'account_disabled':
      return {
        title: 'This account is disabled',
        message: 'A VantaHire admin has disabled this account, so it cannot sign in.',
        nextStep: 'If you think this is a mistake, contact your VantaHire admin.',
      }
  }
}

/** Every reason, so a reason the API adds fails the build until it is explained here. */
const REFUSALS: Record<SignInRefusal, true> = {
  email_missing: true,
  email_unverified: true,
  email_linked_to_other_provider: true,
  signup_code_invalid: true,
  state_mismatch: true,
  access_denied: true,
  provider_error: true,
  provider_unavailable: true,
  account_disabled: true,
}

function isSignInRefusal(value: string): value is SignInRefusal {
  return Object.hasOwn(REFUSALS, value)
}

/** The explanation for `?error=<reason>&provider=<id>`, as the API's sign-in redirects send them. */
export function SignInErrorAlert({ reason, providerId }: { reason: string; providerId: string | null }) {
  const provider = (providerId && PROVIDER_NAMES[providerId]) || 'your sign-in provider'
  const text: RefusalText = isSignInRefusal(reason)
    ? describeRefusal(reason, provider)
    : {
        title: "Sign-in didn't complete",
        message: 'Something went wrong while signing you in.',
        nextStep: 'Please try again.',
      }
  return (
    <Alert title={text.title}>
      <p>{text.message}</p>
      <p className="mt-1">{text.nextStep}</p>
    </Alert>
  )
}

/** The explanation for a refusal reported by development sign-in (`details.reason`). */
export function describeSignInRefusal(reason: unknown): string | undefined {
  if (typeof reason !== 'string' || !isSignInRefusal(reason)) return undefined
  const text = describeRefusal(reason, 'development sign-in')
  return `${text.message} ${text.nextStep}`
}
