import { useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { updateCachedJobs } from '../../jobs'
import { isApplicationCached, storeApplication } from '../api/application-cache'

/**
 * New and changed applications go straight into their job's board and the dashboard, so an open
 * board shows a candidate's application the moment it arrives, without a reload or a refetch.
 */
export function useApplicationEvents(): void {
  const queryClient = useQueryClient()

  useRealtimeEvent('application:new', ({ payload }) => {
    const { application } = payload
    if (!isApplicationCached(queryClient, application)) {
      updateCachedJobs(queryClient, application.jobId, (job) => ({
        ...job,
        applicationCount: job.applicationCount + 1,
      }))
    }
    storeApplication(queryClient, application)
  })

  useRealtimeEvent('application:updated', ({ payload }) => storeApplication(queryClient, payload.application))
}
