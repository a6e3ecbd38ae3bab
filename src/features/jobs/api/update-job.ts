import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import type { MaterialJobField } from '../../../../api/src/domain/job-status'
import { api, unwrap } from '../../../lib/api'
import { storeJob } from './job-cache'
import type { Job } from './list-jobs'

export type UpdateJobInput = InferRequestType<(typeof api.api.jobs)[':id']['$patch']>['json']
export type UpdatedJob = { job: Job; sentBackForApproval: MaterialJobField[] }

/**
 * Edits a job. A live job whose title, description, requirements or pay changed goes back to the
 * approval queue (`sentBackForApproval` names those fields); a closed one cannot change (409).
 */
export async function updateJob(id: string, input: UpdateJobInput): Promise<UpdatedJob> {
  return unwrap(await api.api.jobs[':id'].$patch({ param: { id }, json: input }))
}

export function useUpdateJob(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateJobInput) => updateJob(id, input),
    onSuccess: ({ job }) => storeJob(queryClient, job),
  })
}
