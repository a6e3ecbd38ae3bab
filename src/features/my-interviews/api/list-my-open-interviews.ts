import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type MyOpenInterview = InferResponseType<
  (typeof api.api.users.me)['interviews']['$get'],
  200
>['items'][number]

/** The interviews sent to the signed-in candidate that they can still take, soonest expiry first. */
export async function listMyOpenInterviews(options: { signal?: AbortSignal } = {}) {
  return unwrap(await api.api.users.me.interviews.$get(undefined, { init: { signal: options.signal } }))
}

export const myOpenInterviewsQueryKey = ['users', 'me', 'interviews'] as const

export function myOpenInterviewsQueryOptions() {
  return queryOptions({
    queryKey: myOpenInterviewsQueryKey,
    queryFn: ({ signal }) => listMyOpenInterviews({ signal }),
  })
}

export function useMyOpenInterviews() {
  return useQuery(myOpenInterviewsQueryOptions())
}
