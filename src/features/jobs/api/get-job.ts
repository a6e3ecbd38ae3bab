import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import type { Job } from './list-jobs'

export async function getJob(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
  return (
    await unwrap(await api.api.jobs[':id'].$get({ param: { id } }, { init: { signal: options.signal } }))
  ).job
}

export const jobQueryKey = (id: string) => ['jobs', 'detail', id] as const

export function jobQueryOptions(id: string) {
  return queryOptions({
    queryKey: jobQueryKey(id),
    queryFn: ({ signal }) => getJob(id, { signal }),
  })
}

export function useJob(id: string) {
  return useQuery(jobQueryOptions(id))
}
