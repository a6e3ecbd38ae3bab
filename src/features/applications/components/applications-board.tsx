import { useId, useState } from 'react'
import { Button } from '../../../components/ui/button'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { type Application, type ApplicationStatus, useApplicationBoard } from '../api/list-job-applications'
import { ApplicationCard, applicationHeadingId } from './application-card'
import { APPLICATION_STATUS_NAMES, APPLICATION_STATUSES, applicantName } from './application-names'

/**
 * A job's applications in one column per status. On a phone the columns stack as sections; every
 * column is a region named with its count ("Pending (2)"), so screen-reader users can jump between
 * them. New and moved applications arrive live, and are announced.
 */
export function ApplicationsBoard({ jobId }: { jobId: string }) {
  const board = useApplicationBoard(jobId)
  const [announcement, setAnnouncement] = useState('')

  useRealtimeEvent('application:new', ({ payload }) => {
    if (payload.application.jobId === jobId)
      setAnnouncement(`New application from ${applicantName(payload.application)}.`)
  })

  if (board.isPending) return <Spinner label="Loading the applications…" />
  if (board.isError && !board.data) {
    return (
      <LoadError
        what="the applications"
        error={board.error}
        onRetry={board.refetch}
        isRetrying={board.isFetching}
      />
    )
  }

  const applications = board.data.pages.flatMap((page) => page.items)
  const byStatus = new Map<ApplicationStatus, Application[]>(
    APPLICATION_STATUSES.map((status) => [status, []]),
  )
  for (const application of applications) byStatus.get(application.status)?.push(application)

  function followMoved(application: Application) {
    setAnnouncement(
      `${applicantName(application)} moved to ${APPLICATION_STATUS_NAMES[application.status].label}.`,
    )
    // The card now renders in another column; keep the keyboard user's place by following it there.
    requestAnimationFrame(() => document.getElementById(applicationHeadingId(application.id))?.focus())
  }

  return (
    <div className="space-y-4">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {applications.length === 0 ? (
        <p className="rounded-xl border border-slate-300 border-dashed bg-white px-4 py-4 text-slate-700 text-sm">
          No applications yet. They appear here the moment candidates apply; there's no need to reload.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-flow-col lg:auto-cols-[minmax(14rem,1fr)] lg:overflow-x-auto lg:pb-2">
        {APPLICATION_STATUSES.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            applications={byStatus.get(status) ?? []}
            onMoved={followMoved}
          />
        ))}
      </div>
      {board.isFetchNextPageError ? (
        <LoadError
          what="older applications"
          error={board.error}
          onRetry={() => board.fetchNextPage()}
          isRetrying={board.isFetchingNextPage}
        />
      ) : null}
      {board.hasNextPage ? (
        <div className="flex flex-col items-center gap-2">
          <p className="text-slate-600 text-sm">
            The counts above include only the applications loaded so far.
          </p>
          <Button
            variant="secondary"
            onClick={() => board.fetchNextPage()}
            disabled={board.isFetchingNextPage}
          >
            {board.isFetchingNextPage ? 'Loading…' : 'Load older applications'}
          </Button>
        </div>
      ) : null}
    </div>
  )
}

function BoardColumn({
  status,
  applications,
  onMoved,
}: {
  status: ApplicationStatus
  applications: Application[]
  onMoved: (application: Application) => void
}) {
  const headingId = useId()
  const names = APPLICATION_STATUS_NAMES[status]
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-2xl bg-slate-100 p-3">
      <h2 id={headingId} className="px-1 font-semibold text-slate-900">
        {names.label} ({applications.length})
      </h2>
      {applications.length === 0 ? (
        <p className="mt-2 px-1 text-slate-600 text-sm">{names.empty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {applications.map((application) => (
            <li key={application.id}>
              <ApplicationCard application={application} onMoved={onMoved} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
