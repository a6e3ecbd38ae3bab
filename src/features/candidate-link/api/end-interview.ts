import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeInterviewState } from './interview-state'
import { linkHeaders } from './link-token'

/** The candidate ends the interview early; harmless once it has ended. */
export async function endInterview(token: string, reason: string) {
  const res = await api.api.candidate.interview.end.$post(
    { json: { reason } },
    { headers: linkHeaders(token) },
  )
  return unwrap(res)
}

export function useEndInterview(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (reason: string) => endInterview(token, reason),
    onSuccess: (update) => storeInterviewState(queryClient, token, update),
  })
}
