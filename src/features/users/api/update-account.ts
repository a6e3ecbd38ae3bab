import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { currentUserQueryKey } from '../../auth'
import { type Account, accountQueryKey } from './get-account'

export type UpdateAccountInput = InferRequestType<typeof api.api.users.me.$patch>['json']

/** Changes the signed-in user's own name; an empty name clears it. */
export async function updateAccount(input: UpdateAccountInput): Promise<Account> {
  return (await unwrap(await api.api.users.me.$patch({ json: input }))).user
}

export function useUpdateAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateAccount,
    // The header shows the name from the signed-in user, a separate answer that needs refreshing too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountQueryKey, exact: true }),
        queryClient.invalidateQueries({ queryKey: currentUserQueryKey }),
      ]),
  })
}
