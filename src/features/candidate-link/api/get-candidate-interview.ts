import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { ApiError, api, unwrap } from '../../../lib/api'

export type CandidateInterview = InferResponseType<typeof api.api.candidate.interview.$get, 200>['interview']

export async function getCandidateInterview(token: string, options: { signal?: AbortSignal } = {}) {
  const res = await api.api.candidate.interview.$get(undefined, {
    headers: { 'X-Interview-Token': token },
    init: { signal: options.signal },
  })
  return (await unwrap(res)).interview
}

export function candidateInterviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['candidate-link', 'interview', token],
    queryFn: ({ signal }) => getCandidateInterview(token, { signal }),
    // A refused link stays refused; retrying would only spend the client's budget of wrong links.
    retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
  })
}

export function useCandidateInterview(token: string | null) {
  return useQuery({ ...candidateInterviewQueryOptions(token ?? ''), enabled: token !== null })
}
