import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { platformStatsQueryKey } from './get-platform-stats'
import { type AdminUser, usersQueryKey } from './list-users'

export type UpdateUserAccessInput = InferRequestType<(typeof api.api.admin.users)[':id']['$patch']>['json']

/**
 * Changes a user's role or disables them; either ends all their sessions. The API refuses (409) an
 * admin's own account.
 */
export async function updateUserAccess(options: {
  userId: string
  data: UpdateUserAccessInput
}): Promise<AdminUser> {
  const res = await api.api.admin.users[':id'].$patch({ param: { id: options.userId }, json: options.data })
  return (await unwrap(res)).user
}

export function useUpdateUserAccess() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateUserAccess,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        queryClient.invalidateQueries({ queryKey: platformStatsQueryKey }),
      ]),
  })
}
