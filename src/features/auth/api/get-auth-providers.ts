import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type AuthOptions = InferResponseType<typeof api.api.auth.providers.$get, 200>
export type AuthProvider = AuthOptions['providers'][number]

/** How people can sign in on this server: providers, development sign-in, the recruiter sign-up code. */
export async function getAuthProviders(options: { signal?: AbortSignal } = {}): Promise<AuthOptions> {
  return unwrap(await api.api.auth.providers.$get(undefined, { init: { signal: options.signal } }))
}

export const authProvidersQueryKey = ['auth', 'providers'] as const

export function authProvidersQueryOptions() {
  return queryOptions({
    queryKey: authProvidersQueryKey,
    queryFn: ({ signal }) => getAuthProviders({ signal }),
    // Server configuration changes with a deploy, not while someone reads the page.
    staleTime: 5 * 60_000,
    meta: { isPublic: true },
  })
}

export function useAuthProviders() {
  return useQuery(authProvidersQueryOptions())
}
