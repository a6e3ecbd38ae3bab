import { useEffect, useEffectEvent } from 'react'
import { type EventEnvelope, type EventType, subscribeToRealtimeEvent } from '../lib/realtime'

/**
 * Calls `handler` with every server event of `type` while the component is mounted. The handler may
 * change between renders without the listener being replaced.
 */
export function useRealtimeEvent<T extends EventType>(
  type: T,
  handler: (envelope: EventEnvelope<T>) => void,
): void {
  const onEvent = useEffectEvent(handler)
  useEffect(() => subscribeToRealtimeEvent(type, (envelope: EventEnvelope<T>) => onEvent(envelope)), [type])
}
