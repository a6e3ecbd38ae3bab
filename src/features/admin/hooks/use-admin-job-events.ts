import { type InfiniteData, useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { platformStatsQueryKey } from '../api/get-platform-stats'
import { type listPendingJobs, pendingJobsQueryKey, type QueueJob } from '../api/list-pending-jobs'
import { removeFromQueue } from '../api/remove-from-queue'

type QueueData = InfiniteData<Awaited<ReturnType<typeof listPendingJobs>>, string | undefined>

/**
 * Keeps the approval queue current while an admin reads it: a job edited while queued changes in
 * place; a job newly submitted (or edited while live) is fetched with its submitter and joins the end
 * of the queue, which is ordered by submission; a job decided by any admin, or withdrawn by its
 * recruiter, leaves it. The figures are counts, so they are simply fetched again.
 */
export function useAdminJobEvents(): void {
  const queryClient = useQueryClient()
  useRealtimeEvent('job:updated', ({ payload }) => {
    const { job } = payload
    if (job.status === 'ACTIVE' && job.approvalStatus === 'PENDING') addToQueue(job)
    else removeFromQueue(queryClient, job.id)
    void queryClient.invalidateQueries({ queryKey: platformStatsQueryKey })
  })

  function addToQueue(job: QueueJob) {
    const data = queryClient.getQueryData<QueueData>(pendingJobsQueryKey)
    if (!data) return
    const isQueued = data.pages.some((page) => page.items.some((item) => item.id === job.id))
    if (isQueued) {
      queryClient.setQueryData<QueueData>(pendingJobsQueryKey, {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => (item.id === job.id ? { ...item, ...job } : item)),
        })),
      })
      return
    }
    // With more pages still to load, the job arrives with the last of them instead.
    if (data.pages.at(-1)?.nextCursor !== null) return
    void queryClient.invalidateQueries({ queryKey: pendingJobsQueryKey })
  }
}
