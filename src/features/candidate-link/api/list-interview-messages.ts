import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { linkHeaders } from './link-token'

export type InterviewMessage = InferResponseType<
  typeof api.api.candidate.interview.messages.$get,
  200
>['messages'][number]

export async function listInterviewMessages(token: string, options: { signal?: AbortSignal } = {}) {
  const res = await api.api.candidate.interview.messages.$get(undefined, {
    headers: linkHeaders(token),
    init: { signal: options.signal },
  })
  return (await unwrap(res)).messages
}

export const interviewMessagesQueryKey = (token: string) => ['candidate-link', 'messages', token] as const

export function interviewMessagesQueryOptions(token: string) {
  return queryOptions({
    queryKey: interviewMessagesQueryKey(token),
    queryFn: ({ signal }) => listInterviewMessages(token, { signal }),
    // The page adds messages as they stream; a background refetch must not race those additions.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  })
}

/** The transcript so far, oldest first: after a reload, the page resumes from it. */
export function useInterviewMessages(token: string) {
  return useQuery(interviewMessagesQueryOptions(token))
}
