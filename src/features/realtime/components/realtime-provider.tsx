import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect } from 'react'
import { useRealtimeNotice } from '../../../hooks/use-realtime-notice'
import { closeRealtime, openRealtime, retryRealtime } from '../../../lib/realtime'
import { useApplicationEvents } from '../../applications'
import { currentUserQueryKey, type SignedInUser, useCurrentUser } from '../../auth'
import { useInterviewEvents } from '../../interviews'
import { useInviteEvents } from '../../invites'
import { useJobEvents } from '../../jobs'

/** After a refused handshake, when the session turns out to be fine, wait this long before asking again. */
const AUTH_RETRY_MS = 15_000

/** Cached data that live events keep current; after a gap the server could not replay, it is refetched. */
const LIVE_QUERY_ROOTS = new Set(['interviews', 'jobs', 'applications', 'invites'])

/**
 * Opens the live connection while someone is signed in (a new one for each user, so the handshake
 * carries their session) and closes it when they sign out. Each feature's events update the cache.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const userId = useCurrentUser().data?.id

  useEffect(() => {
    if (!userId) return
    openRealtime()
    return () => closeRealtime()
  }, [userId])

  useRealtimeNotice((notice) => {
    if (notice.type === 'resync') {
      // Only answers from before the connection can have missed an event; later ones saw its effect.
      // A fetch still on its way is left alone (it was asked for moments ago).
      void queryClient.invalidateQueries({
        predicate: (query) =>
          LIVE_QUERY_ROOTS.has(String(query.queryKey[0])) &&
          query.state.dataUpdatedAt > 0 &&
          query.state.dataUpdatedAt < notice.connectedAt &&
          query.state.fetchStatus === 'idle',
      })
      return
    }
    // The session may have ended: ask who is signed in. Signed out, the effect above closes the
    // connection and pages that need a user send the person to sign in.
    void queryClient.invalidateQueries({ queryKey: currentUserQueryKey }).then(() => {
      if (queryClient.getQueryData<SignedInUser | null>(currentUserQueryKey)) retryRealtime(AUTH_RETRY_MS)
    })
  })

  useInterviewEvents()
  useJobEvents()
  useApplicationEvents()
  useInviteEvents()

  return children
}
