import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type SignedInUser = NonNullable<InferResponseType<typeof api.api.auth.me.$get, 200>['user']>
export type UserRole = SignedInUser['role']

/** The signed-in user, or null when nobody is (the API answers 200 with `user: null`, not an error). */
export async function getCurrentUser(options: { signal?: AbortSignal } = {}): Promise<SignedInUser | null> {
  const res = await api.api.auth.me.$get(undefined, { init: { signal: options.signal } })
  return (await unwrap(res)).user
}

export const currentUserQueryKey = ['auth', 'me'] as const

export function currentUserQueryOptions() {
  return queryOptions({
    queryKey: currentUserQueryKey,
    queryFn: ({ signal }) => getCurrentUser({ signal }),
  })
}

/** Who is signed in in this browser; `data` is null when nobody is. */
export function useCurrentUser() {
  return useQuery(currentUserQueryOptions())
}

/**
 * Records who is signed in now (`null`: nobody) and drops every cached answer except those marked
 * `meta.isPublic`, so nothing fetched for the previous user can be shown to the next one.
 */
export function replaceSignedInUser(queryClient: QueryClient, user: SignedInUser | null): void {
  queryClient.removeQueries({
    predicate: (query) => query.meta?.isPublic !== true && query.queryHash !== currentUserQueryHash,
  })
  queryClient.setQueryData(currentUserQueryKey, user)
}

const currentUserQueryHash = JSON.stringify(currentUserQueryKey)
