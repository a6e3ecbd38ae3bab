import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type RecruiterProfile = InferResponseType<
  (typeof api.api.users.me)['recruiter-profile']['$get'],
  200
>['profile']

/** The company profile and interview-email branding of a recruiter (or admin). */
export async function getRecruiterProfile(options: { signal?: AbortSignal } = {}): Promise<RecruiterProfile> {
  const res = await api.api.users.me['recruiter-profile'].$get(undefined, {
    init: { signal: options.signal },
  })
  return (await unwrap(res)).profile
}

export const recruiterProfileQueryKey = ['users', 'me', 'recruiter-profile'] as const

export function recruiterProfileQueryOptions() {
  return queryOptions({
    queryKey: recruiterProfileQueryKey,
    queryFn: ({ signal }) => getRecruiterProfile({ signal }),
  })
}

export function useRecruiterProfile() {
  return useQuery(recruiterProfileQueryOptions())
}
