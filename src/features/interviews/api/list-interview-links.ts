import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InterviewLink = InferResponseType<
  (typeof api.api.interviews)[':id']['sessions']['$get'],
  200
>['items'][number]

/** The interview's candidate links, newest first, with how often each was opened. */
export async function listInterviewLinks(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InterviewLink[]> {
  const res = await api.api.interviews[':id'].sessions.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return (await unwrap(res)).items
}

export const interviewLinksQueryKey = (id: string) => ['interviews', 'links', id] as const

export function interviewLinksQueryOptions(id: string) {
  return queryOptions({
    queryKey: interviewLinksQueryKey(id),
    queryFn: ({ signal }) => listInterviewLinks(id, { signal }),
  })
}

export function useInterviewLinks(id: string) {
  return useQuery(interviewLinksQueryOptions(id))
}
