import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { type Interview, type InterviewStatus, interviewListsQueryKey } from './list-interviews'

/** Moves the interview along its allowed transitions; any other change is refused with 409. */
export async function changeInterviewStatus(id: string, status: InterviewStatus): Promise<Interview> {
  const res = await api.api.interviews[':id'].status.$patch({ param: { id }, json: { status } })
  return (await unwrap(res)).interview
}

export function useChangeInterviewStatus(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (status: InterviewStatus) => changeInterviewStatus(id, status),
    onSuccess: (interview) => {
      queryClient.setQueryData(interviewQueryKey(id), interview)
      return queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })
    },
  })
}
