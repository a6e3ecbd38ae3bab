import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { jobQueryKey } from './get-job'
import { jobListsQueryKey } from './list-jobs'

/** Deletes a job nobody has applied to; one with applications can only be closed (409). */
export async function deleteJob(id: string): Promise<void> {
  await unwrap(await api.api.jobs[':id'].$delete({ param: { id } }))
}

export function useDeleteJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteJob,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: jobQueryKey(id), exact: true })
      return queryClient.invalidateQueries({ queryKey: jobListsQueryKey })
    },
  })
}
