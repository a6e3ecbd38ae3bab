import { useSearchParams } from 'react-router'
import type { PublicJobFilters } from '../features/job-board/api/list-public-jobs'
import { JobList } from '../features/job-board/components/job-list'
import { JobSearchForm } from '../features/job-board/components/job-search-form'
import { jobTypeFromParam } from '../lib/job-type-names'

/** The address's search parameters for each filter, so a search can be shared and Back undoes it. */
const PARAMS = { q: 'q', location: 'location', jobType: 'type' } as const

/** `/careers`: the public job board. No sign-in needed to browse. */
export function JobBoardPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const filters: PublicJobFilters = {
    q: searchParams.get(PARAMS.q) ?? undefined,
    location: searchParams.get(PARAMS.location) ?? undefined,
    jobType: jobTypeFromParam(searchParams.get(PARAMS.jobType)),
  }

  function search(next: PublicJobFilters) {
    const params = new URLSearchParams()
    for (const key of ['q', 'location', 'jobType'] as const) {
      const value = next[key]?.trim()
      if (value) params.set(PARAMS[key], value)
    }
    setSearchParams(params)
  }

  return (
    <>
      <title>Open jobs — VantaHire</title>
      <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Open jobs</h1>
        <p className="mt-3 max-w-2xl text-slate-700 leading-7">
          Jobs at companies hiring with VantaHire. Every posting is checked by our team before it appears
          here.
        </p>
        <div className="mt-8">
          <JobSearchForm filters={filters} onSearch={search} />
        </div>
        <div className="mt-8">
          <JobList filters={filters} onClear={() => search({})} />
        </div>
      </div>
    </>
  )
}
