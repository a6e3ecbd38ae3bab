import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeJob } from './job-cache'
import type { Job } from './list-jobs'

/** Closes a job: it leaves the job board and takes no more applications until reopened. */
export async function closeJob(id: string): Promise<Job> {
  return (await unwrap(await api.api.jobs[':id'].close.$post({ param: { id } }))).job
}

export function useCloseJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: closeJob,
    onSuccess: (job) => storeJob(queryClient, job),
  })
}
