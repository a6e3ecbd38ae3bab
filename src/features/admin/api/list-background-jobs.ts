import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type BackgroundJobList = InferResponseType<(typeof api.api.admin)['background-jobs']['$get'], 200>
export type BackgroundJob = BackgroundJobList['jobs'][number]
export type BackgroundJobRun = BackgroundJob['lastRuns'][number]

/** Every background job with its schedule, next run and last runs. */
export async function listBackgroundJobs(options: { signal?: AbortSignal } = {}): Promise<BackgroundJobList> {
  return unwrap(await api.api.admin['background-jobs'].$get(undefined, { init: { signal: options.signal } }))
}

export const backgroundJobsQueryKey = ['admin', 'background-jobs'] as const

/** Refreshed every half minute while the page is open: scheduled runs arrive without an event. */
const REFRESH_MS = 30_000

export function backgroundJobsQueryOptions() {
  return queryOptions({
    queryKey: backgroundJobsQueryKey,
    queryFn: ({ signal }) => listBackgroundJobs({ signal }),
    refetchInterval: REFRESH_MS,
  })
}

export function useBackgroundJobs() {
  return useQuery(backgroundJobsQueryOptions())
}
