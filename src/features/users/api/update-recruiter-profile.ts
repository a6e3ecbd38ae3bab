import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { type RecruiterProfile, recruiterProfileQueryKey } from './get-recruiter-profile'

export type UpdateRecruiterProfileInput = InferRequestType<
  (typeof api.api.users.me)['recruiter-profile']['$put']
>['json']

/** Changes the fields given; an empty text clears it, and a null brand colour goes back to VantaHire's. */
export async function updateRecruiterProfile(input: UpdateRecruiterProfileInput): Promise<RecruiterProfile> {
  return (await unwrap(await api.api.users.me['recruiter-profile'].$put({ json: input }))).profile
}

export function useUpdateRecruiterProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateRecruiterProfile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruiterProfileQueryKey }),
  })
}
