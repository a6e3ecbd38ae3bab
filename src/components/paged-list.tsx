import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react'
import { describeError } from '../lib/api'
import { Alert } from './ui/alert'
import { Button } from './ui/button'
import { EmptyState } from './ui/empty-state'
import { LoadError } from './ui/load-error'
import { Spinner } from './ui/spinner'

/** The parts of a TanStack infinite query that the list states read. */
export type PagedQuery = {
  data: unknown
  error: unknown
  isPending: boolean
  isFetching: boolean
  isError: boolean
  isFetchNextPageError: boolean
  isFetchingNextPage: boolean
  hasNextPage: boolean
  refetch: () => unknown
  fetchNextPage: () => Promise<unknown>
}

type PagedQueryStateProps = {
  query: PagedQuery
  /** What the list holds, in words: "users", "open jobs". */
  what: string
  isEmpty: boolean
  /** Shown when the first page came back with nothing in it: what that means, and what to do next. */
  empty: { title: string; details: ReactNode; action?: ReactNode }
  children: ReactNode
}

/**
 * A paged list's first load: a spinner, an error with a retry, the empty state, or the list. Once
 * there is data, later failures (the next page, a refresh) are shown by `LoadMore` under the list
 * instead, so the rows already read stay on screen. An empty result is also announced: after a
 * search, it is the only sign that the search ran.
 */
export function PagedQueryState({ query, what, isEmpty, empty, children }: PagedQueryStateProps) {
  const hasData = query.data !== undefined
  const isEmptyShown = hasData && isEmpty
  return (
    <>
      {/* Always there, so the empty state is announced when it appears in it. */}
      <div role="status">
        {isEmptyShown ? (
          <EmptyState title={empty.title} action={empty.action} className="bg-white">
            {empty.details}
          </EmptyState>
        ) : null}
      </div>
      {query.isPending ? (
        <Spinner label={`Loading ${what}…`} />
      ) : !hasData ? (
        <LoadError
          what={`the ${what}`}
          error={query.error}
          isRetrying={query.isFetching}
          onRetry={() => query.refetch()}
        />
      ) : isEmptyShown ? null : (
        children
      )}
    </>
  )
}

type LoadMoreProps = {
  query: PagedQuery
  /** What the list holds, in the plural ("open jobs") and for a single item ("open job"). */
  what: string
  one: string
  /** The list's element; the first new item gets focus once a page arrives. */
  listRef: RefObject<HTMLElement | null>
  /** How many items are shown now, so the first new one can be found. */
  shownCount: number
  /** How many there are in all, when the API counts them. */
  totalCount?: number
}

/**
 * "Load more" for cursor pagination, and the errors of pages after the first. Once a page has
 * rendered, focus moves to the first new item (the link in its heading, or the heading), so
 * keyboard and screen-reader users carry on where the list grew instead of on a button that may be
 * gone.
 */
export function LoadMore({ query, what, one, listRef, shownCount, totalCount }: LoadMoreProps) {
  const statusId = useId()
  const firstNewIndex = useRef<number | null>(null)

  useEffect(() => {
    const index = firstNewIndex.current
    if (index === null || shownCount <= index) return
    firstNewIndex.current = null
    const item = listRef.current?.children.item(index)
    const target =
      item?.querySelector<HTMLElement>(':is(h2, h3) a[href]') ?? item?.querySelector<HTMLElement>('h2, h3')
    if (!target) return
    if (target.tagName !== 'A') target.tabIndex = -1
    target.focus()
  }, [shownCount, listRef])

  function loadMore() {
    firstNewIndex.current = shownCount
    void query.fetchNextPage()
  }

  return (
    <div className="mt-6 space-y-4">
      {query.isError ? (
        <Alert
          title={
            query.isFetchNextPageError ? `We couldn't load more ${what}` : `We couldn't refresh the ${what}`
          }
          actions={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => (query.isFetchNextPageError ? loadMore() : query.refetch())}
              disabled={query.isFetching}
            >
              {query.isFetching ? 'Trying again…' : 'Try again'}
            </Button>
          }
        >
          {describeError(query.error)}
        </Alert>
      ) : null}
      {query.hasNextPage && !query.isFetchNextPageError ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={loadMore}
            disabled={query.isFetchingNextPage}
            aria-describedby={statusId}
          >
            {query.isFetchingNextPage ? 'Loading…' : `Load more ${what}`}
          </Button>
        </div>
      ) : null}
      <p id={statusId} role="status" className="text-center text-slate-600 text-sm">
        {query.hasNextPage
          ? totalCount !== undefined
            ? `Showing ${shownCount} of ${totalCount} ${what}.`
            : `Showing the first ${shownCount} ${what}.`
          : shownCount === 1
            ? `Showing 1 ${one}.`
            : `Showing all ${shownCount} ${what}.`}
      </p>
    </div>
  )
}
