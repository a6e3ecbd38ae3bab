import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react'
import { Button, buttonClassName } from '../../../components/ui/button'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { describeError } from '../../../lib/api'
import { cn } from '../../../lib/cn'
import { applicationsExportUrl } from '../api/export-job-applications'
import {
  type Application,
  type ApplicationStatus,
  type ApplicationFilters as Filters,
  useApplicationBoard,
} from '../api/list-job-applications'
import { useUpdateApplication } from '../api/update-application'
import { ApplicationCard, applicationHeadingId } from './application-card'
import { ApplicationFilters } from './application-filters'
import { APPLICATION_STATUS_NAMES, APPLICATION_STATUSES, applicantName } from './application-names'
import type { ApplicationMove } from './application-status-actions'
import { ApplicationsTable } from './applications-table'

export type ApplicationsView = 'board' | 'table'

/** How long a rejection can be undone from the bar that announces it. */
export const UNDO_REJECTION_MS = 8000

type ApplicationsBoardProps = {
  jobId: string
  filters: Filters
  onFiltersChange: (filters: Filters) => void
  view: ApplicationsView
  onViewChange: (view: ApplicationsView) => void
}

/**
 * A job's applications, searched, filtered and sorted, as a board (one column per status) or a
 * table, with the totals the API counts and a CSV of what the filters select. On a phone the
 * columns stack as sections; every column is a region named with its count ("Pending (2)"), so
 * screen-reader users can jump between them. New and moved applications arrive live, and are
 * announced; a rejection can be undone for a few seconds.
 */
export function ApplicationsBoard({
  jobId,
  filters,
  onFiltersChange,
  view,
  onViewChange,
}: ApplicationsBoardProps) {
  const board = useApplicationBoard(jobId, filters)
  const [announcement, setAnnouncement] = useState('')
  const [undoable, setUndoable] = useState<ApplicationMove | null>(null)

  useRealtimeEvent('application:new', ({ payload }) => {
    if (payload.application.jobId === jobId)
      setAnnouncement(`New application from ${applicantName(payload.application)}.`)
  })

  const followMoved = useCallback(
    (move: ApplicationMove) => {
      const { application } = move
      setAnnouncement(
        `${applicantName(application)} moved to ${APPLICATION_STATUS_NAMES[application.status].label}.`,
      )
      setUndoable(application.status === 'REJECTED' ? move : null)
      // On the board the card now renders in another column; keep the keyboard user's place by
      // following it there. A table row stays where it is.
      if (view === 'board')
        requestAnimationFrame(() => document.getElementById(applicationHeadingId(application.id))?.focus())
    },
    [view],
  )

  const viewToggle = (
    <fieldset className="flex items-center gap-1 rounded-lg bg-slate-100 p-1">
      <legend className="sr-only">Show as</legend>
      {(['board', 'table'] as const).map((option) => (
        <Button
          key={option}
          size="sm"
          variant={view === option ? 'primary' : 'ghost'}
          aria-pressed={view === option}
          onClick={() => onViewChange(option)}
        >
          {option === 'board' ? 'Board' : 'Table'}
        </Button>
      ))}
    </fieldset>
  )

  let content: ReactNode
  if (board.isPending) content = <Spinner label="Loading the applications…" />
  else if (board.isError && !board.data)
    content = (
      <LoadError
        what="the applications"
        error={board.error}
        onRetry={board.refetch}
        isRetrying={board.isFetching}
      />
    )
  else {
    const applications = board.data.pages.flatMap((page) => page.items)
    const lastPage = board.data.pages.at(-1)
    const total = lastPage?.total ?? applications.length
    const isFiltered = Boolean(
      filters.q || filters.status || filters.hasResume !== undefined || filters.scored !== undefined,
    )
    content = (
      <>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-slate-700 text-sm" aria-live="polite">
            {total === 0
              ? isFiltered
                ? 'No applications match these filters.'
                : 'No applications yet.'
              : `Showing ${applications.length} of ${total} ${total === 1 ? 'application' : 'applications'}${isFiltered ? ' matching the filters' : ''}.`}
            {board.isFetching && !board.isFetchingNextPage ? (
              <span className="text-slate-500"> Updating…</span>
            ) : null}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            {isFiltered ? (
              <Button size="sm" variant="ghost" onClick={() => onFiltersChange({ sort: filters.sort })}>
                Clear filters
              </Button>
            ) : null}
            <a
              href={applicationsExportUrl(jobId, filters)}
              download
              className={buttonClassName({ variant: 'secondary', size: 'sm' })}
            >
              Export CSV<span className="sr-only"> of the {total} applications shown</span>
            </a>
          </div>
        </div>
        {total === 0 && !isFiltered ? (
          <p className="rounded-xl border border-slate-300 border-dashed bg-white px-4 py-4 text-slate-700 text-sm">
            They appear here the moment candidates apply; there's no need to reload.
          </p>
        ) : null}
        {view === 'table' ? (
          applications.length > 0 ? (
            <ApplicationsTable applications={applications} onMoved={followMoved} />
          ) : null
        ) : (
          <BoardColumns
            applications={applications}
            statusCounts={lastPage?.statusCounts}
            onlyStatus={filters.status}
            onMoved={followMoved}
          />
        )}
        {board.isFetchNextPageError ? (
          <LoadError
            what="more applications"
            error={board.error}
            onRetry={() => board.fetchNextPage()}
            isRetrying={board.isFetchingNextPage}
          />
        ) : null}
        {board.hasNextPage ? (
          <div className="flex justify-center">
            <Button
              variant="secondary"
              onClick={() => board.fetchNextPage()}
              disabled={board.isFetchingNextPage}
            >
              {board.isFetchingNextPage ? 'Loading…' : `Show more (${total - applications.length} not shown)`}
            </Button>
          </div>
        ) : null}
      </>
    )
  }

  return (
    <div className="space-y-4">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <ApplicationFilters filters={filters} onChange={onFiltersChange} />
        </div>
        {viewToggle}
      </div>
      {content}
      {undoable ? (
        <UndoRejection
          key={undoable.application.id + undoable.application.updatedAt}
          move={undoable}
          onDone={() => setUndoable(null)}
          onUndone={(application) => {
            setAnnouncement(
              `${applicantName(application)} is back in ${APPLICATION_STATUS_NAMES[application.status].label}.`,
            )
            setUndoable(null)
          }}
        />
      ) : null}
    </div>
  )
}

function BoardColumns({
  applications,
  statusCounts,
  onlyStatus,
  onMoved,
}: {
  applications: Application[]
  statusCounts: Record<ApplicationStatus, number> | undefined
  onlyStatus: ApplicationStatus | undefined
  onMoved: (move: ApplicationMove) => void
}) {
  const byStatus = new Map<ApplicationStatus, Application[]>(
    APPLICATION_STATUSES.map((status) => [status, []]),
  )
  for (const application of applications) byStatus.get(application.status)?.push(application)
  const statuses = onlyStatus ? [onlyStatus] : APPLICATION_STATUSES
  return (
    <div className={cn('grid gap-4', !onlyStatus && 'md:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6')}>
      {statuses.map((status) => {
        const shown = byStatus.get(status) ?? []
        return (
          <BoardColumn
            key={status}
            status={status}
            applications={shown}
            count={Math.max(statusCounts?.[status] ?? shown.length, shown.length)}
            isSingle={Boolean(onlyStatus)}
            onMoved={onMoved}
          />
        )
      })}
    </div>
  )
}

function BoardColumn({
  status,
  applications,
  count,
  isSingle,
  onMoved,
}: {
  status: ApplicationStatus
  applications: Application[]
  /** How many the filters select in this status, loaded or not. */
  count: number
  isSingle: boolean
  onMoved: (move: ApplicationMove) => void
}) {
  const headingId = useId()
  const names = APPLICATION_STATUS_NAMES[status]
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-2xl bg-slate-100 p-3">
      <h2 id={headingId} className="px-1 font-semibold text-slate-900">
        {names.label} ({count})
      </h2>
      {count > applications.length ? (
        <p className="px-1 text-slate-600 text-xs">{applications.length} shown; show more below.</p>
      ) : null}
      {applications.length === 0 ? (
        <p className="mt-2 px-1 text-slate-600 text-sm">{names.empty}</p>
      ) : (
        // A long column scrolls on its own, so the other columns stay in view.
        <ul
          className={cn(
            'mt-3 space-y-3',
            !isSingle &&
              'max-h-[36rem] overflow-y-auto overscroll-contain rounded-xl p-0.5 [scrollbar-gutter:stable]',
            isSingle && 'grid gap-3 space-y-0 md:grid-cols-2 lg:grid-cols-3',
          )}
        >
          {applications.map((application) => (
            <li key={application.id} className="min-w-0">
              <ApplicationCard application={application} onMoved={onMoved} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * The bar that follows a rejection: says who was rejected and offers Undo until the time runs out.
 * The clock stops while the pointer or the keyboard is on the bar, so nobody loses the chance
 * mid-reach.
 */
function UndoRejection({
  move,
  onDone,
  onUndone,
}: {
  move: ApplicationMove
  onDone: () => void
  onUndone: (application: Application) => void
}) {
  const { application, previousStatus } = move
  const undo = useUpdateApplication(application.id)
  const [isHeld, setIsHeld] = useState(false)
  const onDoneRef = useRef(onDone)
  onDoneRef.current = onDone

  useEffect(() => {
    if (isHeld || undo.isPending || undo.isError) return
    const timer = setTimeout(() => onDoneRef.current(), UNDO_REJECTION_MS)
    return () => clearTimeout(timer)
  }, [isHeld, undo.isPending, undo.isError])

  const name = applicantName(application)
  return (
    <section
      aria-label="Undo rejection"
      onMouseEnter={() => setIsHeld(true)}
      onMouseLeave={() => setIsHeld(false)}
      onFocus={() => setIsHeld(true)}
      onBlur={() => setIsHeld(false)}
      className="fixed inset-x-4 bottom-4 z-40 mx-auto flex max-w-lg flex-wrap items-center justify-between gap-3 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-xl"
    >
      <p aria-live="polite">
        {undo.isError ? `Could not undo: ${describeError(undo.error)}` : `Rejected ${name}.`}
      </p>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={undo.isPending}
          onClick={() => undo.mutate({ status: previousStatus }, { onSuccess: onUndone })}
        >
          {undo.isPending ? 'Undoing…' : 'Undo'}
          <span className="sr-only"> rejecting {name}</span>
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-white hover:bg-slate-800 hover:text-white"
          onClick={onDone}
        >
          Dismiss
        </Button>
      </div>
    </section>
  )
}
