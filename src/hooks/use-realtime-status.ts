import { useSyncExternalStore } from 'react'
import { getRealtimeStatus, type RealtimeStatus, subscribeToRealtimeStatus } from '../lib/realtime'

/** The live connection's state, for indicators. */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(subscribeToRealtimeStatus, getRealtimeStatus)
}
