import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'

/** The candidate's application to one job, or null when they have not applied. */
export async function getMyApplicationToJob(jobId: string, options: { signal?: AbortSignal } = {}) {
  const res = await api.api.jobs[':id'].applications.mine.$get(
    { param: { id: jobId } },
    { init: { signal: options.signal } },
  )
  return (await unwrap(res)).application
}

export const myApplicationToJobQueryKey = (jobId: string) => ['applications', 'mine', 'job', jobId] as const

export function useMyApplicationToJob(jobId: string) {
  return useQuery(
    queryOptions({
      queryKey: myApplicationToJobQueryKey(jobId),
      queryFn: ({ signal }) => getMyApplicationToJob(jobId, { signal }),
    }),
  )
}
