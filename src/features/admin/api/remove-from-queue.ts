import type { InfiniteData, QueryClient } from '@tanstack/react-query'
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
