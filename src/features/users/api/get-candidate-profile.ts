import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type CandidateProfile = InferResponseType<
  (typeof api.api.users.me)['candidate-profile']['$get'],
  200
>['profile']

/** What a candidate tells recruiters about themselves. */
export async function getCandidateProfile(options: { signal?: AbortSignal } = {}): Promise<CandidateProfile> {
  const res = await api.api.users.me['candidate-profile'].$get(undefined, {
    init: { signal: options.signal },
  })
  return (await unwrap(res)).profile
}

export const candidateProfileQueryKey = ['users', 'me', 'candidate-profile'] as const

export function candidateProfileQueryOptions() {
  return queryOptions({
    queryKey: candidateProfileQueryKey,
    queryFn: ({ signal }) => getCandidateProfile({ signal }),
  })
}

export function useCandidateProfile() {
  return useQuery(candidateProfileQueryOptions())
}
