import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type PendingJobPage = InferResponseType<typeof api.api.admin.jobs.pending.$get, 200>
export type PendingJob = PendingJobPage['items'][number]
/** A job as a decision or a live event returns it: the queue's answer alone says who submitted it. */
export type QueueJob = Omit<PendingJob, 'submittedBy'>

/** One page of the approval queue, oldest submission first. */
export async function listPendingJobs(
  options: { cursor?: string; signal?: AbortSignal } = {},
): Promise<PendingJobPage> {
  const { cursor, signal } = options
  return unwrap(
    await api.api.admin.jobs.pending.$get({ query: cursor ? { cursor } : {} }, { init: { signal } }),
  )
}

export const pendingJobsQueryKey = ['admin', 'jobs', 'pending'] as const

export function pendingJobsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: pendingJobsQueryKey,
    queryFn: ({ pageParam, signal }) => listPendingJobs({ cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

export function usePendingJobs() {
  return useInfiniteQuery(pendingJobsQueryOptions())
}
