import { Link } from 'react-router'
import { Button, buttonClassName } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { formatDate, formatDateTime } from '../../../lib/format'
import { type Interview, type InterviewFilters, useInterviewList } from '../api/list-interviews'
import { candidateLabel, INTERVIEW_STATUS_NAMES, INTERVIEW_TYPE_NAMES } from './interview-names'

type InterviewListProps = {
  filters: InterviewFilters
  onClearFilters: () => void
}

/** The interviews that match the filters, a page at a time. */
export function InterviewList({ filters, onClearFilters }: InterviewListProps) {
  const list = useInterviewList(filters)
  const isFiltered = Boolean(filters.status || filters.jobId || filters.q)

  if (list.isPending) return <Spinner label="Loading interviews…" />
  if (list.isError && !list.data) {
    return (
      <LoadError
        what="your interviews"
        error={list.error}
        onRetry={list.refetch}
        isRetrying={list.isFetching}
      />
    )
  }

  const interviews = list.data.pages.flatMap((page) => page.items)
  if (interviews.length === 0) {
    return isFiltered ? (
      <EmptyState
        title="No interviews match these filters"
        action={
          <Button variant="secondary" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
      >
        Try another status or job, or search for part of the candidate's name or email.
      </EmptyState>
    ) : (
      <EmptyState
        title="No interviews yet"
        action={
          <Link to="/interviews/new" className={buttonClassName()}>
            Create an interview
          </Link>
        }
      >
        Create one, and VantaHire gives you a personal link to send the candidate.
      </EmptyState>
    )
  }

  return (
    <div className="space-y-4">
      <p role="status" className="text-slate-600 text-sm">
        {list.isFetching && !list.isFetchingNextPage
          ? 'Updating…'
          : `Showing ${interviews.length} interview${interviews.length === 1 ? '' : 's'}${list.hasNextPage ? ' (more below)' : ''}.`}
      </p>
      <ul aria-label="Interviews" className="space-y-3">
        {interviews.map((interview) => (
          <InterviewItem key={interview.id} interview={interview} />
        ))}
      </ul>
      {list.isFetchNextPageError ? (
        <LoadError
          what="more interviews"
          error={list.error}
          onRetry={() => list.fetchNextPage()}
          isRetrying={list.isFetchingNextPage}
        />
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  )
}

function InterviewItem({ interview }: { interview: Interview }) {
  const status = INTERVIEW_STATUS_NAMES[interview.status]
  return (
    <li className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm focus-within:ring-2 focus-within:ring-brand-600 hover:border-slate-300">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 className="break-words font-semibold text-slate-900">
            {/* The link covers the whole card, so the card is one target and one tab stop. */}
            <Link
              to={`/interviews/${interview.id}`}
              className="after:absolute after:inset-0 focus:outline-none"
            >
              {candidateLabel(interview)}
            </Link>
          </h3>
          {interview.candidateName ? (
            <p className="break-all text-slate-600 text-sm">{interview.candidateEmail}</p>
          ) : null}
          <p className="mt-0.5 break-words text-slate-700 text-sm">
            {interview.jobRole}
            {interview.job && interview.job.title !== interview.jobRole ? (
              <span className="text-slate-500"> · {interview.job.title}</span>
            ) : null}
          </p>
        </div>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">Type</dt>
          <dd className="text-slate-900">{INTERVIEW_TYPE_NAMES[interview.type].label}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Created</dt>
          <dd className="text-slate-900">
            <time dateTime={interview.createdAt}>{formatDate(interview.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Expires</dt>
          <dd className="text-slate-900">
            {interview.expiresAt ? (
              <time dateTime={interview.expiresAt}>{formatDateTime(interview.expiresAt)}</time>
            ) : (
              'No deadline'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Score</dt>
          <dd className="text-slate-900">{interview.score ?? 'Not yet'}</dd>
        </div>
      </dl>
    </li>
  )
}
