import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { type CandidateProfile, candidateProfileQueryKey } from './get-candidate-profile'

export type UpdateCandidateProfileInput = InferRequestType<
  (typeof api.api.users.me)['candidate-profile']['$put']
>['json']

/** Changes the fields given; null clears a field. The résumé is not among them: it is a file upload. */
export async function updateCandidateProfile(input: UpdateCandidateProfileInput): Promise<CandidateProfile> {
  return (await unwrap(await api.api.users.me['candidate-profile'].$put({ json: input }))).profile
}

export function useUpdateCandidateProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateCandidateProfile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: candidateProfileQueryKey }),
  })
}
