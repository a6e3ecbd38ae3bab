import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import type { Interview } from './list-interviews'

export async function getInterview(id: string, options: { signal?: AbortSignal } = {}): Promise<Interview> {
  const res = await api.api.interviews[':id'].$get({ param: { id } }, { init: { signal: options.signal } })
  return (await unwrap(res)).interview
}

export const interviewQueryKey = (id: string) => ['interviews', 'detail', id] as const

export function interviewQueryOptions(id: string) {
  return queryOptions({
    queryKey: interviewQueryKey(id),
    queryFn: ({ signal }) => getInterview(id, { signal }),
  })
}

export function useInterview(id: string) {
  return useQuery(interviewQueryOptions(id))
}
