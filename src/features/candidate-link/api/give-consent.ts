import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { storeInterviewState } from './interview-state'
import { linkHeaders } from './link-token'

/** Records the candidate's consent to an AI interview (required) and to recording (optional). */
export async function giveConsent(token: string, consent: { recording: boolean }) {
  const res = await api.api.candidate.interview.consent.$post(
    { json: { aiInterview: true, recording: consent.recording } },
    { headers: linkHeaders(token) },
  )
  return unwrap(res)
}

export function useGiveConsent(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (consent: { recording: boolean }) => giveConsent(token, consent),
    onSuccess: (update) => storeInterviewState(queryClient, token, update),
  })
}
