import { useCallback, useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { buttonClassName } from '../components/ui/button'
import type {
  InterviewFilters as Filters,
  InterviewSort,
  InterviewStatus,
} from '../features/interviews/api/list-interviews'
import { InterviewFilters } from '../features/interviews/components/interview-filters'
import { InterviewList } from '../features/interviews/components/interview-list'
import {
  INTERVIEW_SORT_NAMES,
  INTERVIEW_STATUS_NAMES,
} from '../features/interviews/components/interview-names'

/** Filters live in the address, so a filtered list can be bookmarked, shared, and gone back to. */
function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status')
  const sort = params.get('sort')
  return {
    status: status && status in INTERVIEW_STATUS_NAMES ? (status as InterviewStatus) : undefined,
    jobId: params.get('job') || undefined,
    q: params.get('q') || undefined,
    sort: sort && sort in INTERVIEW_SORT_NAMES ? (sort as InterviewSort) : undefined,
  }
}

function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.status) params.set('status', filters.status)
  if (filters.jobId) params.set('job', filters.jobId)
  if (filters.q) params.set('q', filters.q)
  if (filters.sort && filters.sort !== 'newest') params.set('sort', filters.sort)
  return params
}

/** `/interviews`: the recruiter's interviews, filtered, sorted and paged. */
export function InterviewsPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const filters = useMemo(() => readFilters(searchParams), [searchParams])
  const changeFilters = useCallback(
    (next: Filters) => setSearchParams(writeFilters(next), { replace: true }),
    [setSearchParams],
  )

  return (
    <>
      <title>Interviews — VantaHire</title>
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Interviews</h1>
            <p className="mt-2 text-slate-700">Every interview you've created, with its status and score.</p>
          </div>
          <Link to="/interviews/new" className={buttonClassName()}>
            New interview
          </Link>
        </div>
        <div className="mt-8 space-y-6">
          <InterviewFilters filters={filters} onChange={changeFilters} />
          <InterviewList
            filters={{ ...filters, sort: filters.sort ?? 'newest' }}
            onClearFilters={() => changeFilters({})}
          />
        </div>
      </div>
    </>
  )
}
