import { useRef } from 'react'
import { Link } from 'react-router'
import { LoadMore, PagedQueryState } from '../../../components/paged-list'
import { Button } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { excerpt } from '../../../lib/format'
import { type PublicJob, type PublicJobFilters, usePublicJobs } from '../api/list-public-jobs'
import { companyNameOf } from './company-name'
import { JobFacts } from './job-facts'

const EXCERPT_CHARACTERS = 220

/** Open jobs matching the search, newest first, a page at a time. */
export function JobList({ filters, onClear }: { filters: PublicJobFilters; onClear: () => void }) {
  const jobs = usePublicJobs(filters)
  const listRef = useRef<HTMLUListElement>(null)
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? []
  const isFiltered = Boolean(filters.q || filters.location || filters.jobType)
  const isSearching = jobs.isPlaceholderData && jobs.isFetching

  return (
    <div aria-busy={isSearching || undefined}>
      {isSearching ? <Spinner label="Searching…" className="mb-4" /> : null}
      <PagedQueryState
        query={jobs}
        what="open jobs"
        isEmpty={items.length === 0}
        empty={
          isFiltered
            ? {
                title: 'No open jobs match your search',
                details: 'Try fewer keywords, another location, or any job type.',
                action: (
                  <Button variant="secondary" size="sm" onClick={onClear}>
                    Show all open jobs
                  </Button>
                ),
              }
            : {
                title: 'There are no open jobs right now',
                details: 'New jobs appear here as soon as they are approved. Please check back soon.',
              }
        }
      >
        <ul ref={listRef} aria-label="Open jobs" className="space-y-4">
          {items.map((job) => (
            <JobListItem key={job.id} job={job} />
          ))}
        </ul>
        <LoadMore query={jobs} what="open jobs" one="open job" listRef={listRef} shownCount={items.length} />
      </PagedQueryState>
    </div>
  )
}

function JobListItem({ job }: { job: PublicJob }) {
  const summary = excerpt(job.description ?? '', EXCERPT_CHARACTERS)
  return (
    <li className="relative rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-200 sm:p-6">
      <h2 className="font-semibold text-lg text-slate-900">
        {/* The link's box covers the card, so the whole card is one target with one name. */}
        <Link
          to={`/careers/${job.id}`}
          className="break-words after:absolute after:inset-0 after:rounded-2xl hover:text-brand-700"
        >
          {job.title}
        </Link>
      </h2>
      <p className="mt-0.5 font-medium text-slate-700">{companyNameOf(job)}</p>
      <JobFacts job={job} className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-slate-700 text-sm" />
      {summary ? <p className="mt-3 break-words text-slate-600 text-sm leading-6">{summary}</p> : null}
    </li>
  )
}
