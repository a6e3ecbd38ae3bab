import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { type ApiKey, apiKeysQueryKey } from './list-api-keys'

/** Revokes a key at once: its next request is refused. Answers the key, now REVOKED. */
export async function revokeApiKey(id: string): Promise<ApiKey> {
  return (await unwrap(await api.api['api-keys'][':id'].$delete({ param: { id } }))).apiKey
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  })
}
