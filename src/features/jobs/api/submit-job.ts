import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeJob } from './job-cache'
import type { Job } from './list-jobs'

/** Sends a draft, or a rejected job once fixed, to the admins for approval. */
export async function submitJob(id: string): Promise<Job> {
  return (await unwrap(await api.api.jobs[':id'].submit.$post({ param: { id } }))).job
}

export function useSubmitJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: submitJob,
    onSuccess: (job) => storeJob(queryClient, job),
  })
}
