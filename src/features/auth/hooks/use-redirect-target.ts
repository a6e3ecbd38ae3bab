import { useSearchParams } from 'react-router'

/**
 * The app path to return to after signing in, from `?redirectTo=`, or undefined. Only paths on this
 * site count: one leading slash, not two (`//host` is another site), and no backslash, which some
 * browsers read as a slash. The API checks again; this keeps the links it is given honest.
 */
export function toRedirectTarget(value: string | null): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined
  return value
}

export function useRedirectTarget(): string | undefined {
  const [searchParams] = useSearchParams()
  return toRedirectTarget(searchParams.get('redirectTo'))
}
