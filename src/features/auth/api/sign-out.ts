import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api, unwrap } from '../../../lib/api'
import { replaceSignedInUser } from './get-current-user'

/** Ends this browser's session. */
export async function signOut(): Promise<void> {
  await unwrap(await api.api.auth.logout.$post())
}

/** Signs out of this browser, then shows the home page with no trace of the account in the cache. */
export function useSignOut() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      // Leave first, synchronously, so pages that need a user unmount instead of redirecting to sign-in.
      await navigate('/', { flushSync: true })
      replaceSignedInUser(queryClient, null)
    },
  })
}
