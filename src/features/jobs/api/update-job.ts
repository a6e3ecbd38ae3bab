import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { storeJob } from './job-cache'
import type { Job } from './list-jobs'

export type UpdateJobInput = InferRequestType<(typeof api.api.jobs)[':id']['$patch']>['json']

/** Edits a job. A live job goes back to the approval queue; a closed one cannot change (409). */
export async function updateJob(id: string, input: UpdateJobInput): Promise<Job> {
  return (await unwrap(await api.api.jobs[':id'].$patch({ param: { id }, json: input }))).job
}

export function useUpdateJob(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateJobInput) => updateJob(id, input),
    onSuccess: (job) => storeJob(queryClient, job),
  })
}
