import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type ApiKey = InferResponseType<(typeof api.api)['api-keys']['$get'], 200>['items'][number]
export type ApiKeyScope = ApiKey['scopes'][number]

/** The signed-in recruiter's API keys, newest first, with today's request counts. */
export async function listApiKeys(options: { signal?: AbortSignal } = {}): Promise<ApiKey[]> {
  return (await unwrap(await api.api['api-keys'].$get(undefined, { init: { signal: options.signal } }))).items
}

export const apiKeysQueryKey = ['api-keys'] as const

export function apiKeysQueryOptions() {
  return queryOptions({
    queryKey: apiKeysQueryKey,
    queryFn: ({ signal }) => listApiKeys({ signal }),
  })
}

export function useApiKeys() {
  return useQuery(apiKeysQueryOptions())
}
