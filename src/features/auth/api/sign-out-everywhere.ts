import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api, unwrap } from '../../../lib/api'
import { replaceSignedInUser } from './get-current-user'

/** Ends every session of the signed-in user, on every device; answers how many were ended. */
export async function signOutEverywhere(): Promise<{ revokedSessions: number }> {
  return unwrap(await api.api.auth['logout-all'].$post())
}

/** Signs out on every device, then shows the home page with no trace of the account in the cache. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: async () => {
      await navigate('/', { flushSync: true })
      replaceSignedInUser(queryClient, null)
    },
  })
}
