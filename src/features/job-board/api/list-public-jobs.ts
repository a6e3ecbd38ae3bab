import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import type { JobType } from '../../../../api/src/domain/job-types'
import { api, unwrap } from '../../../lib/api'

type PublicJobPage = InferResponseType<typeof api.api.public.jobs.$get, 200>
export type PublicJob = PublicJobPage['items'][number]

/** The board's search: words matched against title, department and description; location; job type. */
export type PublicJobFilters = { q?: string; location?: string; jobType?: JobType }

/** One page of open jobs, newest first. Public: no sign-in needed. */
export async function listPublicJobs(options: {
  filters: PublicJobFilters
  cursor?: string
  signal?: AbortSignal
}): Promise<PublicJobPage> {
  const { filters, cursor, signal } = options
  return unwrap(
    await api.api.public.jobs.$get(
      {
        query: {
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.location ? { location: filters.location } : {}),
          ...(filters.jobType ? { jobType: filters.jobType } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
      { init: { signal } },
    ),
  )
}

export const publicJobsQueryKey = ['job-board', 'jobs'] as const

export function publicJobsQueryOptions(filters: PublicJobFilters) {
  return infiniteQueryOptions({
    queryKey: [...publicJobsQueryKey, filters],
    queryFn: ({ pageParam, signal }) => listPublicJobs({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    meta: { isPublic: true },
  })
}

/** Open jobs matching `filters`; the previous results stay on screen while a new search loads. */
export function usePublicJobs(filters: PublicJobFilters) {
  return useInfiniteQuery({ ...publicJobsQueryOptions(filters), placeholderData: keepPreviousData })
}
