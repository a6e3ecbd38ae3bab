import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type PlatformStats = InferResponseType<typeof api.api.admin.stats.$get, 200>

/** Counts across the platform: users by role, interviews, jobs and applications by status. */
export async function getPlatformStats(options: { signal?: AbortSignal } = {}): Promise<PlatformStats> {
  return unwrap(await api.api.admin.stats.$get(undefined, { init: { signal: options.signal } }))
}

export const platformStatsQueryKey = ['admin', 'stats'] as const

export function platformStatsQueryOptions() {
  return queryOptions({
    queryKey: platformStatsQueryKey,
    queryFn: ({ signal }) => getPlatformStats({ signal }),
  })
}

export function usePlatformStats() {
  return useQuery(platformStatsQueryOptions())
}
