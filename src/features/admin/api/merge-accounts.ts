import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { platformStatsQueryKey } from './get-platform-stats'
import { usersQueryKey } from './list-users'

/** Moves everything of the old-platform account into the target in one transaction, and records it. */
export async function mergeAccounts(options: { sourceId: string; targetId: string }) {
  const res = await api.api.admin.users[':id'].merge.$post({
    param: { id: options.sourceId },
    json: { into: options.targetId },
  })
  return unwrap(res)
}

export function useMergeAccounts() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: mergeAccounts,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        queryClient.invalidateQueries({ queryKey: platformStatsQueryKey }),
      ]),
  })
}
