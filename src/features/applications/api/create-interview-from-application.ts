import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { interviewLinksQueryKey, interviewListsQueryKey, interviewQueryKey } from '../../interviews'

type Endpoint = (typeof api.api.applications)[':id']['interview']['$post']
export type InterviewFromApplicationInput = InferRequestType<Endpoint>['json']
export type InterviewFromApplication = InferResponseType<Endpoint, 201>

/** Invites the applicant to an AI interview: candidate, job title and resume carry over. */
export async function createInterviewFromApplication(
  applicationId: string,
  input: InterviewFromApplicationInput,
): Promise<InterviewFromApplication> {
  return unwrap(
    await api.api.applications[':id'].interview.$post({ param: { id: applicationId }, json: input }),
  )
}

export function useCreateInterviewFromApplication(applicationId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InterviewFromApplicationInput) =>
      createInterviewFromApplication(applicationId, input),
    onSuccess: (created) => {
      queryClient.setQueryData(interviewQueryKey(created.interview.id), created.interview)
      queryClient.setQueryData(interviewLinksQueryKey(created.interview.id), [created.link])
      return queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })
    },
  })
}
