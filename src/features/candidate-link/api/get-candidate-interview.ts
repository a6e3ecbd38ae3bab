import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { ApiError, api, unwrap } from '../../../lib/api'
import { linkHeaders } from './link-token'

export type CandidateInterview = InferResponseType<typeof api.api.candidate.interview.$get, 200>['interview']
export type CandidateInterviewState = CandidateInterview['state']

export async function getCandidateInterview(token: string, options: { signal?: AbortSignal } = {}) {
  const res = await api.api.candidate.interview.$get(undefined, {
    headers: linkHeaders(token),
    init: { signal: options.signal },
  })
  return (await unwrap(res)).interview
}

export const candidateInterviewQueryKey = (token: string) => ['candidate-link', 'interview', token] as const

export function candidateInterviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: candidateInterviewQueryKey(token),
    queryFn: ({ signal }) => getCandidateInterview(token, { signal }),
    // A refused link stays refused; retrying would only spend the client's budget of wrong links.
    retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
  })
}

export function useCandidateInterview(token: string | null) {
  return useQuery({ ...candidateInterviewQueryOptions(token ?? ''), enabled: token !== null })
}
