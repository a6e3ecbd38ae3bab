import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { replaceSignedInUser, type SignedInUser } from './get-current-user'

export type DevLoginInput = InferRequestType<(typeof api.api.auth)['dev-login']['$post']>['json']

/**
 * Development sign-in by email, creating the account on first use. Only servers with development
 * sign-in on answer; others say 404.
 */
export async function devLogin(input: DevLoginInput): Promise<SignedInUser> {
  return (await unwrap(await api.api.auth['dev-login'].$post({ json: input }))).user
}

export function useDevLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: devLogin,
    onSuccess: (user) => replaceSignedInUser(queryClient, user),
  })
}
