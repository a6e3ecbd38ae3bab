import { useSearchParams } from 'react-router'
import { toSafeRedirectPath } from '../../../../api/src/domain/redirect'

/**
 * The app path to return to after signing in, from `?redirectTo=`, or undefined. The API's own rule
 * decides (one leading slash once resolved against this site, no backslashes or look-alikes), so the
 * development sign-in here and the OpenID callback there can never disagree about a target.
 */
export function toRedirectTarget(value: string | null): string | undefined {
  return toSafeRedirectPath(value)
}

export function useRedirectTarget(): string | undefined {
  const [searchParams] = useSearchParams()
  return toRedirectTarget(searchParams.get('redirectTo'))
}
