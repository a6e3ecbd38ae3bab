/** Why a sign-in was refused; the SPA's sign-in page explains each one. */
export type SignInRefusal =
  | 'email_missing'
  | 'email_unverified'
  | 'email_linked_to_other_provider'
  | 'signup_code_invalid'
  | 'state_mismatch'
  | 'access_denied'
  | 'provider_error'
  | 'provider_unavailable'
  | 'account_disabled'
