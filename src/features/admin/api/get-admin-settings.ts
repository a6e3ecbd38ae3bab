import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type AdminSettings = InferResponseType<typeof api.api.admin.settings.$get, 200>

/** The platform settings: for now, the recruiter sign-up code (null when sign-up is open). */
export async function getAdminSettings(options: { signal?: AbortSignal } = {}): Promise<AdminSettings> {
  return unwrap(await api.api.admin.settings.$get(undefined, { init: { signal: options.signal } }))
}

export const adminSettingsQueryKey = ['admin', 'settings'] as const

export function adminSettingsQueryOptions() {
  return queryOptions({
    queryKey: adminSettingsQueryKey,
    queryFn: ({ signal }) => getAdminSettings({ signal }),
  })
}

export function useAdminSettings() {
  return useQuery(adminSettingsQueryOptions())
}
