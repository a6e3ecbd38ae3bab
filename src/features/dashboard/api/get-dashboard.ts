import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type Dashboard = InferResponseType<typeof api.api.dashboard.$get, 200>
export type AttentionInterview = Dashboard['needsReview']['items'][number]

/** What needs the recruiter's attention now, and their totals. */
export async function getDashboard(options: { signal?: AbortSignal } = {}): Promise<Dashboard> {
  return unwrap(await api.api.dashboard.$get(undefined, { init: { signal: options.signal } }))
}

export const dashboardQueryKey = ['dashboard'] as const

export function dashboardQueryOptions() {
  return queryOptions({ queryKey: dashboardQueryKey, queryFn: ({ signal }) => getDashboard({ signal }) })
}

export function useDashboard() {
  return useQuery(dashboardQueryOptions())
}
