import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import {
  type Application,
  type ApplicationPage,
  applicationBoardQueryKey,
  newApplicationsQueryKey,
} from './list-job-applications'

/**
 * Puts an application the API just returned (a mutation's answer or a live event) into the caches
 * of its job: replaced where it already is, otherwise added at the top, as the newest. The board
 * groups by status itself, so a moved application changes column without anything being fetched.
 */
export function storeApplication(queryClient: QueryClient, application: Application): void {
  const boardKey = applicationBoardQueryKey(application.jobId)
  // An answer on its way may predate this application and would overwrite it: ask again instead.
  if (queryClient.getQueryState(boardKey)?.fetchStatus === 'fetching') {
    void queryClient.invalidateQueries({ queryKey: boardKey, exact: true })
  }
  queryClient.setQueryData<InfiniteData<ApplicationPage>>(
    applicationBoardQueryKey(application.jobId),
    (board) => {
      if (!board) return board
      const isCached = board.pages.some((page) => page.items.some((item) => item.id === application.id))
      if (isCached) {
        return {
          ...board,
          pages: board.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === application.id ? application : item)),
          })),
        }
      }
      const [first, ...rest] = board.pages
      if (!first) return board
      return { ...board, pages: [{ ...first, items: [application, ...first.items] }, ...rest] }
    },
  )

  queryClient.setQueryData<ApplicationPage>(newApplicationsQueryKey(application.jobId), (page) => {
    if (!page) return page
    const others = page.items.filter((item) => item.id !== application.id)
    const items = application.status === 'PENDING' ? [application, ...others] : others
    return { ...page, items: items.sort((a, b) => b.appliedAt.localeCompare(a.appliedAt)) }
  })
}

/** Whether any cache already holds this application (a live event may repeat a mutation's answer). */
export function isApplicationCached(queryClient: QueryClient, application: Application): boolean {
  const board = queryClient.getQueryData<InfiniteData<ApplicationPage>>(
    applicationBoardQueryKey(application.jobId),
  )
  return board?.pages.some((page) => page.items.some((item) => item.id === application.id)) ?? false
}
