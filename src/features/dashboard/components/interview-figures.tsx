import { Link } from 'react-router'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import {
  INTERVIEW_STATUS_NAMES,
  INTERVIEW_STATUSES,
  type InterviewStatus,
  RECENT_INTERVIEWS_LIMIT,
  useRecentInterviews,
} from '../../interviews'
import { DashboardSection } from './dashboard-section'

/** How many interviews are in each status, and the average score, counted from the newest hundred. */
export function InterviewFigures() {
  const interviews = useRecentInterviews()

  return (
    <DashboardSection title="Interviews at a glance">
      {interviews.isPending ? (
        <Spinner label="Counting your interviews…" />
      ) : interviews.isError ? (
        <LoadError
          what="your interviews"
          error={interviews.error}
          onRetry={interviews.refetch}
          isRetrying={interviews.isFetching}
        />
      ) : (
        <Figures items={interviews.data.items} hasMore={interviews.data.nextCursor !== null} />
      )}
    </DashboardSection>
  )
}

function Figures({
  items,
  hasMore,
}: {
  items: Array<{ status: InterviewStatus; score: number | null }>
  hasMore: boolean
}) {
  const counts = new Map<InterviewStatus, number>(INTERVIEW_STATUSES.map((status) => [status, 0]))
  for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1)
  const scores = items.flatMap((item) => (item.score === null ? [] : [item.score]))
  const averageScore =
    scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : null

  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {INTERVIEW_STATUSES.map((status) => (
          <div key={status} className="rounded-xl bg-slate-50 p-3">
            <dt className="text-slate-600 text-sm">{INTERVIEW_STATUS_NAMES[status].label}</dt>
            <dd className="mt-1 font-bold text-2xl text-slate-900">
              <Link
                to={`/interviews?status=${status}`}
                className="rounded underline-offset-4 hover:underline"
                aria-label={`${counts.get(status) ?? 0} ${INTERVIEW_STATUS_NAMES[status].label.toLowerCase()}: show them`}
              >
                {counts.get(status) ?? 0}
              </Link>
            </dd>
          </div>
        ))}
        <div className="col-span-2 rounded-xl bg-slate-50 p-3 sm:col-span-1">
          <dt className="text-slate-600 text-sm">Average score</dt>
          <dd className="mt-1 font-bold text-2xl text-slate-900">{averageScore ?? '—'}</dd>
        </div>
      </dl>
      {hasMore ? (
        <p className="mt-3 text-slate-600 text-xs">
          Counted from your newest {RECENT_INTERVIEWS_LIMIT} interviews.
        </p>
      ) : null}
    </>
  )
}
