import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { publicJobsQueryKey } from '../../job-board'
import type { QueueJob } from './list-pending-jobs'
import { settleJobDecision } from './remove-from-queue'

/** Approves a job waiting in the queue; it is on the public job board from then on. */
export async function approveJob(jobId: string): Promise<QueueJob> {
  return (await unwrap(await api.api.admin.jobs[':id'].approve.$post({ param: { id: jobId } }))).job
}

/**
 * `onDecided` is called here rather than per `mutate` call: the decided job's card leaves the queue
 * (and may unmount before the answer arrives, when a live event removes it first), and callbacks
 * given to `mutate` never run for an unmounted component.
 */
export function useApproveJob(options: { onDecided?: (job: QueueJob) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: approveJob,
    onSuccess: (job) => {
      options.onDecided?.(job)
      return settleJobDecision(queryClient, job.id, [publicJobsQueryKey])
    },
  })
}
