import { type InfiniteData, useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { type listMyApplications, myApplicationsQueryKey } from '../api/list-my-applications'

type MyApplicationsData = InfiniteData<Awaited<ReturnType<typeof listMyApplications>>, string | undefined>

/** A recruiter's decision shows in the candidate's list the moment it is made, without a refetch. */
export function useMyApplicationEvents(): void {
  const queryClient = useQueryClient()
  useRealtimeEvent('application:updated', ({ payload }) => {
    const { application } = payload
    queryClient.setQueryData<MyApplicationsData>(myApplicationsQueryKey, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === application.id ? application : item)),
            })),
          }
        : data,
    )
  })
}
