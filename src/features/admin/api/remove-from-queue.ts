import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import { platformStatsQueryKey } from './get-platform-stats'
import { type listPendingJobs, pendingJobsQueryKey } from './list-pending-jobs'

type QueueData = InfiniteData<Awaited<ReturnType<typeof listPendingJobs>>, string | undefined>

/**
 * Takes a decided job out of the cached queue at once, so it leaves the screen with the decision
 * instead of after the refetch that confirms it.
 */
export function removeFromQueue(queryClient: QueryClient, jobId: string): void {
  queryClient.setQueryData<QueueData>(pendingJobsQueryKey, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.filter((job) => job.id !== jobId) })),
        }
      : data,
  )
}

/**
 * What follows an admin's decision on a job, whichever it was: the job leaves the queue at once,
 * then the queue, the figures and any other affected lists are refetched.
 */
export function settleJobDecision(
  queryClient: QueryClient,
  jobId: string,
  alsoStale: readonly QueryKey[] = [],
) {
  removeFromQueue(queryClient, jobId)
  return Promise.all(
    [pendingJobsQueryKey, platformStatsQueryKey, ...alsoStale].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  )
}
