import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeInterviewState } from './interview-state'
import { linkHeaders } from './link-token'
import { interviewMessagesQueryKey } from './list-interview-messages'

/** PENDING → IN_PROGRESS; harmless when repeated. The interviewer's first message is then in the transcript. */
export async function startInterview(token: string) {
  const res = await api.api.candidate.interview.start.$post(undefined, { headers: linkHeaders(token) })
  return unwrap(res)
}

export function useStartInterview(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => startInterview(token),
    onSuccess: async (update) => {
      await queryClient.invalidateQueries({ queryKey: interviewMessagesQueryKey(token) })
      storeInterviewState(queryClient, token, update)
    },
  })
}
