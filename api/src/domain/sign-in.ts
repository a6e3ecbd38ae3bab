/** Signing in and signing up: what the sign-in page and the API agree on. */

/** Why a sign-in was refused; the SPA's sign-in page explains each one. */
export const SIGN_IN_REFUSALS = [
  'email_missing',
  'email_unverified',
  'email_linked_to_other_provider',
  'signup_code_invalid',
  'state_mismatch',
  'access_denied',
  'provider_error',
  'provider_unavailable',
  'account_disabled',
] as const
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number]

/** Signing up makes a recruiter or a candidate; admins are made by other admins (development sign-in aside). */
export const SIGN_UP_ROLES = ['RECRUITER', 'CANDIDATE'] as const
export type SignUpRole = (typeof SIGN_UP_ROLES)[number]
