import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { interviewLinksQueryKey } from './list-interview-links'
import { interviewListsQueryKey } from './list-interviews'

export type CreateInterviewInput = InferRequestType<typeof api.api.interviews.$post>['json']
/** The new interview and its first candidate link. */
export type CreatedInterview = InferResponseType<typeof api.api.interviews.$post, 201>

export async function createInterview(input: CreateInterviewInput): Promise<CreatedInterview> {
  return unwrap(await api.api.interviews.$post({ json: input }))
}

export function useCreateInterview() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createInterview,
    onSuccess: (created) => {
      // The detail page opens next; it can show what the answer already holds.
      queryClient.setQueryData(interviewQueryKey(created.interview.id), created.interview)
      queryClient.setQueryData(interviewLinksQueryKey(created.interview.id), [created.link])
      return queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })
    },
  })
}
