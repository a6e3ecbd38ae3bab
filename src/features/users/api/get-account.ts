import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type Account = InferResponseType<typeof api.api.users.me.$get, 200>['user']

/** The signed-in user's account, with when it was created. */
export async function getAccount(options: { signal?: AbortSignal } = {}): Promise<Account> {
  return (await unwrap(await api.api.users.me.$get(undefined, { init: { signal: options.signal } }))).user
}

export const accountQueryKey = ['users', 'me'] as const

export function accountQueryOptions() {
  return queryOptions({
    queryKey: accountQueryKey,
    queryFn: ({ signal }) => getAccount({ signal }),
  })
}

export function useAccount() {
  return useQuery(accountQueryOptions())
}
