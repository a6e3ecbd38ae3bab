import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import type { PublicJob } from './list-public-jobs'

/** One open job. The API answers 404 once a job is closed or withdrawn, and for any other id. */
export async function getPublicJob(options: { jobId: string; signal?: AbortSignal }): Promise<PublicJob> {
  const res = await api.api.public.jobs[':id'].$get(
    { param: { id: options.jobId } },
    { init: { signal: options.signal } },
  )
  return (await unwrap(res)).job
}

export const publicJobQueryKey = (jobId: string) => ['job-board', 'job', jobId] as const

export function publicJobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: publicJobQueryKey(jobId),
    queryFn: ({ signal }) => getPublicJob({ jobId, signal }),
    meta: { isPublic: true },
  })
}

export function usePublicJob(jobId: string) {
  return useQuery(publicJobQueryOptions(jobId))
}
