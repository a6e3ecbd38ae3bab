import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InterviewResults = InferResponseType<(typeof api.api.interviews)[':id']['results']['$get'], 200>
export type TranscriptMessage = InterviewResults['messages'][number]

/** The transcript so far, with the score and summary once the interview has been evaluated. */
export async function getInterviewResults(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InterviewResults> {
  const res = await api.api.interviews[':id'].results.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

export const interviewResultsQueryKey = (id: string) => ['interviews', 'results', id] as const

export function interviewResultsQueryOptions(id: string) {
  return queryOptions({
    queryKey: interviewResultsQueryKey(id),
    queryFn: ({ signal }) => getInterviewResults(id, { signal }),
  })
}

export function useInterviewResults(id: string) {
  return useQuery(interviewResultsQueryOptions(id))
}
