import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type JobPage = InferResponseType<typeof api.api.jobs.$get, 200>
export type Job = JobPage['items'][number]
export type JobStatus = Job['status']
export type ApprovalStatus = Job['approvalStatus']
type ListQuery = InferRequestType<typeof api.api.jobs.$get>['query']

/** Page size for lists where all of a recruiter's jobs are wanted at once (pickers, the dashboard). */
export const ALL_JOBS_LIMIT = 100

/** One page of the signed-in recruiter's jobs (an admin's: everyone's), newest first. */
export async function listJobs(
  params: { cursor?: string; limit?: number } = {},
  options: { signal?: AbortSignal } = {},
): Promise<JobPage> {
  const query: ListQuery = {
    ...(params.limit ? { limit: params.limit } : {}),
    ...(params.cursor ? { cursor: params.cursor } : {}),
  }
  return unwrap(await api.api.jobs.$get({ query }, { init: { signal: options.signal } }))
}

/** Every cached list of jobs starts with this key. */
export const jobListsQueryKey = ['jobs', 'list'] as const

/** Pages of jobs for the jobs page. */
export function jobListQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...jobListsQueryKey, 'pages'],
    queryFn: ({ pageParam, signal }) => listJobs({ cursor: pageParam, limit: 20 }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

export function useJobList() {
  return useInfiniteQuery(jobListQueryOptions())
}

/** The newest hundred jobs in one answer: enough for a job picker and the dashboard. */
export function recentJobsQueryOptions() {
  return queryOptions({
    queryKey: [...jobListsQueryKey, 'recent'],
    queryFn: ({ signal }) => listJobs({ limit: ALL_JOBS_LIMIT }, { signal }),
  })
}

export function useRecentJobs() {
  return useQuery(recentJobsQueryOptions())
}
