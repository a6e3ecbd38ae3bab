import { useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { storeJob } from '../api/job-cache'

/** An admin's decision, or a change made in another tab, replaces the job wherever it is cached. */
export function useJobEvents(): void {
  const queryClient = useQueryClient()
  useRealtimeEvent('job:updated', ({ payload }) => storeJob(queryClient, payload.job))
}
