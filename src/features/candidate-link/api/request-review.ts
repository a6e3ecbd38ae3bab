import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { type CandidateInterview, candidateInterviewQueryKey } from './get-candidate-interview'
import { linkHeaders } from './link-token'

/** Asks for a person to review the result, once the interview has ended. Asking again changes nothing. */
export async function requestReview(token: string, reason: string) {
  const trimmed = reason.trim()
  const res = await api.api.candidate.interview['review-request'].$post(
    { json: trimmed ? { reason: trimmed } : {} },
    { headers: linkHeaders(token) },
  )
  return (await unwrap(res)).reviewRequest
}

export function useRequestReview(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (reason: string) => requestReview(token, reason),
    onSuccess: (reviewRequest) =>
      queryClient.setQueryData<CandidateInterview>(candidateInterviewQueryKey(token), (interview) =>
        interview
          ? {
              ...interview,
              state: { ...interview.state, humanReviewRequestedAt: reviewRequest.requestedAt },
            }
          : interview,
      ),
  })
}
