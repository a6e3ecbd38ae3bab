import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type MyApplicationPage = InferResponseType<typeof api.api.applications.mine.$get, 200>
export type MyApplication = MyApplicationPage['items'][number]
export type ApplicationStatus = MyApplication['status']

/** One page of the signed-in candidate's applications, newest first. */
export async function listMyApplications(
  options: { cursor?: string; signal?: AbortSignal } = {},
): Promise<MyApplicationPage> {
  const { cursor, signal } = options
  return unwrap(
    await api.api.applications.mine.$get({ query: cursor ? { cursor } : {} }, { init: { signal } }),
  )
}

export const myApplicationsQueryKey = ['applications', 'mine'] as const

export function myApplicationsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: myApplicationsQueryKey,
    queryFn: ({ pageParam, signal }) => listMyApplications({ cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

export function useMyApplications() {
  return useInfiniteQuery(myApplicationsQueryOptions())
}
