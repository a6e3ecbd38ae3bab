import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { type Interview, interviewListsQueryKey } from './list-interviews'

export type UpdateInterviewInput = InferRequestType<(typeof api.api.interviews)[':id']['$patch']>['json']

/** Changes the fields given. Once the interview has started only the notes may change (409 otherwise). */
export async function updateInterview(id: string, input: UpdateInterviewInput): Promise<Interview> {
  return (await unwrap(await api.api.interviews[':id'].$patch({ param: { id }, json: input }))).interview
}

export function useUpdateInterview(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateInterviewInput) => updateInterview(id, input),
    onSuccess: (interview) => {
      queryClient.setQueryData(interviewQueryKey(id), interview)
      return queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })
    },
  })
}
