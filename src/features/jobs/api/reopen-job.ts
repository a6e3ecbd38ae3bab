import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeJob } from './job-cache'
import type { Job } from './list-jobs'

/** Reopens a closed job: an approved job is live again at once; one closed before approval is a draft. */
export async function reopenJob(id: string): Promise<Job> {
  return (await unwrap(await api.api.jobs[':id'].reopen.$post({ param: { id } }))).job
}

export function useReopenJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: reopenJob,
    onSuccess: (job) => storeJob(queryClient, job),
  })
}
