import { useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { dashboardQueryKey } from '../api/get-dashboard'

/**
 * Keeps the dashboard's lists and totals current. They are counted by the server across every
 * interview, application and job, so an event marks them stale (one small request) rather than
 * being patched in.
 */
export function useDashboardEvents(): void {
  const queryClient = useQueryClient()
  const refresh = () => void queryClient.invalidateQueries({ queryKey: dashboardQueryKey })
  useRealtimeEvent('interview:created', refresh)
  useRealtimeEvent('interview:updated', refresh)
  useRealtimeEvent('interview:deleted', refresh)
  useRealtimeEvent('interview:started', refresh)
  useRealtimeEvent('interview:completed', refresh)
  useRealtimeEvent('interview:scored', refresh)
  useRealtimeEvent('application:new', refresh)
  useRealtimeEvent('application:updated', refresh)
  useRealtimeEvent('job:updated', refresh)
}
