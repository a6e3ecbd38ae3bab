import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { apiKeysQueryKey } from './list-api-keys'

export type CreateApiKeyInput = InferRequestType<(typeof api.api)['api-keys']['$post']>['json']
/** The stored key's description, and `key`: the secret itself, which the API returns this once only. */
export type CreatedApiKey = InferResponseType<(typeof api.api)['api-keys']['$post'], 201>

export async function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return unwrap(await api.api['api-keys'].$post({ json: input }))
}

export function useCreateApiKey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  })
}
