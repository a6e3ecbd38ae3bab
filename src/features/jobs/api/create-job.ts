import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { jobQueryKey } from './get-job'
import { type Job, jobListsQueryKey } from './list-jobs'

export type CreateJobInput = InferRequestType<typeof api.api.jobs.$post>['json']

/** Creates a draft: private until submitted and approved. */
export async function createJob(input: CreateJobInput): Promise<Job> {
  return (await unwrap(await api.api.jobs.$post({ json: input }))).job
}

export function useCreateJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createJob,
    onSuccess: (job) => {
      queryClient.setQueryData(jobQueryKey(job.id), job)
      return queryClient.invalidateQueries({ queryKey: jobListsQueryKey })
    },
  })
}
