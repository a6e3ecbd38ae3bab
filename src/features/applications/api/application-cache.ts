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
 * groups by status itself, so a moved application changes column without anything being fetched,
 * and the counts per status move with it. Boards under other filters are marked stale, so they ask
 * again (whether it still matches them is the API's to say) the next time they are shown.
 */
export function storeApplication(queryClient: QueryClient, application: Application): void {
  const boardKey = applicationBoardQueryKey(application.jobId)
  // An answer on its way may predate this application and would overwrite it: ask again instead.
  for (const query of queryClient.getQueryCache().findAll({ queryKey: boardKey })) {
    if (query.state.fetchStatus === 'fetching')
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true })
  }
  queryClient.setQueriesData<InfiniteData<ApplicationPage>>({ queryKey: boardKey }, (board) =>
    board ? storeInBoard(board, application) : board,
  )
  void queryClient.invalidateQueries({ queryKey: boardKey, refetchType: 'none' })

  queryClient.setQueryData<ApplicationPage>(newApplicationsQueryKey(application.jobId), (page) => {
    if (!page) return page
    const others = page.items.filter((item) => item.id !== application.id)
    const items = application.status === 'PENDING' ? [application, ...others] : others
    return { ...page, items: items.sort((a, b) => b.appliedAt.localeCompare(a.appliedAt)) }
  })
}

function storeInBoard(
  board: InfiniteData<ApplicationPage>,
  application: Application,
): InfiniteData<ApplicationPage> {
  const cached = board.pages.flatMap((page) => page.items).find((item) => item.id === application.id)
  const countFor = (page: ApplicationPage) => {
    const counts = { ...page.statusCounts }
    if (cached) counts[cached.status] = Math.max(0, counts[cached.status] - 1)
    counts[application.status] += 1
    return counts
  }
  if (cached) {
    return {
      ...board,
      pages: board.pages.map((page) => ({
        ...page,
        statusCounts: countFor(page),
        items: page.items.map((item) => (item.id === application.id ? application : item)),
      })),
    }
  }
  return {
    ...board,
    pages: board.pages.map((page, index) => ({
      ...page,
      statusCounts: countFor(page),
      total: page.total + 1,
      items: index === 0 ? [application, ...page.items] : page.items,
    })),
  }
}

/** Whether any board already holds this application (a live event may repeat a mutation's answer). */
export function isApplicationCached(queryClient: QueryClient, application: Application): boolean {
  return queryClient
    .getQueriesData<InfiniteData<ApplicationPage>>({ queryKey: applicationBoardQueryKey(application.jobId) })
    .some(([, board]) => board?.pages.some((page) => page.items.some((item) => item.id === application.id)))
}
