import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { type Interview, interviewListsQueryKey } from './list-interviews'

/** Marks a completed interview's results as reviewed; marking it again keeps the first review. */
export async function markInterviewReviewed(id: string): Promise<Interview> {
  const res = await api.api.interviews[':id'].review.$post({ param: { id } })
  return (await unwrap(res)).interview
}

export function useMarkInterviewReviewed(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => markInterviewReviewed(id),
    onSuccess: (interview) => {
      queryClient.setQueryData(interviewQueryKey(id), interview)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: interviewListsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
      ])
    },
  })
}
