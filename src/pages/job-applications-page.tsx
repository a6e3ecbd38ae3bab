import { useCallback, useMemo } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import type {
  ApplicationFilters,
  ApplicationSort,
  ApplicationStatus,
} from '../features/applications/api/list-job-applications'
import {
  APPLICATION_SORT_NAMES,
  APPLICATION_STATUS_NAMES,
} from '../features/applications/components/application-names'
import {
  ApplicationsBoard,
  type ApplicationsView,
} from '../features/applications/components/applications-board'
import { useJob } from '../features/jobs/api/get-job'
import { JobNotFound } from '../features/jobs/components/job-not-found'
import { JobStateBadge } from '../features/jobs/components/job-state-badge'
import { ApiError } from '../lib/api'

const readFlag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined)

/** Filters and the view live in the address, so a narrowed board can be bookmarked and gone back to. */
function readFilters(params: URLSearchParams): ApplicationFilters {
  const status = params.get('status')
  const sort = params.get('sort')
  return {
    q: params.get('q') || undefined,
    status: status && status in APPLICATION_STATUS_NAMES ? (status as ApplicationStatus) : undefined,
    hasResume: readFlag(params.get('resume')),
    scored: readFlag(params.get('scored')),
    sort: sort && sort in APPLICATION_SORT_NAMES ? (sort as ApplicationSort) : undefined,
  }
}

function writeParams(filters: ApplicationFilters, view: ApplicationsView): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.q) params.set('q', filters.q)
  if (filters.status) params.set('status', filters.status)
  if (filters.hasResume !== undefined) params.set('resume', String(filters.hasResume))
  if (filters.scored !== undefined) params.set('scored', String(filters.scored))
  if (filters.sort && filters.sort !== 'newest') params.set('sort', filters.sort)
  if (view === 'table') params.set('view', 'table')
  return params
}

/** `/jobs/:id/applications`: the job's applications as a board or a table, updated live as candidates apply. */
export function JobApplicationsPage() {
  const { id = '' } = useParams()
  const job = useJob(id)
  const [searchParams, setSearchParams] = useSearchParams()
  const filters = useMemo(() => readFilters(searchParams), [searchParams])
  const view: ApplicationsView = searchParams.get('view') === 'table' ? 'table' : 'board'
  const changeFilters = useCallback(
    (next: ApplicationFilters) => setSearchParams(writeParams(next, view), { replace: true }),
    [setSearchParams, view],
  )
  const changeView = useCallback(
    (next: ApplicationsView) => setSearchParams(writeParams(filters, next), { replace: true }),
    [setSearchParams, filters],
  )
  const isMissing = job.error instanceof ApiError && job.error.status === 404

  return (
    <>
      <title>{`Applications${job.data ? `: ${job.data.title}` : ''} — VantaHire`}</title>
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-12">
        <Link to="/jobs" className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline">
          ← All jobs
        </Link>
        <h1 className="mt-3 break-words font-bold text-3xl text-slate-900 tracking-tight">
          Applications{job.data ? <span className="text-slate-600">: {job.data.title}</span> : null}
        </h1>
        {job.data ? (
          <div className="mt-3">
            <JobStateBadge job={job.data} />
          </div>
        ) : null}
        <div className="mt-8">
          {job.isPending ? (
            <Spinner label="Loading the job…" />
          ) : isMissing ? (
            <JobNotFound />
          ) : job.isError ? (
            <LoadError what="the job" error={job.error} onRetry={job.refetch} isRetrying={job.isFetching} />
          ) : (
            <ApplicationsBoard
              jobId={id}
              filters={filters}
              onFiltersChange={changeFilters}
              view={view}
              onViewChange={changeView}
            />
          )}
        </div>
      </div>
    </>
  )
}
