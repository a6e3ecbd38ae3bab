import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import type { QueueJob } from './list-pending-jobs'
import { settleJobDecision } from './remove-from-queue'

/** Sends a job back to its recruiter with the reason, which they see and can act on before resubmitting. */
export async function rejectJob(options: { jobId: string; reason: string }): Promise<QueueJob> {
  const res = await api.api.admin.jobs[':id'].reject.$post({
    param: { id: options.jobId },
    json: { reason: options.reason },
  })
  return (await unwrap(res)).job
}

/**
 * `onDecided` is called here rather than per `mutate` call: the decided job's card leaves the queue
 * (and may unmount before the answer arrives, when a live event removes it first), and callbacks
 * given to `mutate` never run for an unmounted component.
 */
export function useRejectJob(options: { onDecided?: (job: QueueJob) => void } = {}) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: rejectJob,
    onSuccess: (job) => {
      options.onDecided?.(job)
      return settleJobDecision(queryClient, job.id)
    },
  })
}
