import { useEffect, useEffectEvent } from 'react'
import { type RealtimeNotice, subscribeToRealtimeNotices } from '../lib/realtime'

/** Calls `handler` for notices about the live connection itself (refused session, missed events). */
export function useRealtimeNotice(handler: (notice: RealtimeNotice) => void): void {
  const onNotice = useEffectEvent(handler)
  useEffect(() => subscribeToRealtimeNotices((notice) => onNotice(notice)), [])
}
