import { useId } from 'react'
import { Field, Input, Select } from '../../../components/ui/field'
import { useSearchFilter } from '../../../hooks/use-search-filter'
import { useRecentJobs } from '../../jobs'
import type { InterviewFilters as Filters, InterviewSort, InterviewStatus } from '../api/list-interviews'
import { INTERVIEW_SORT_NAMES, INTERVIEW_STATUS_NAMES, INTERVIEW_STATUSES } from './interview-names'

type InterviewFiltersProps = {
  filters: Filters
  onChange: (filters: Filters) => void
}

/** Status, job, candidate search and order for the interview list. */
export function InterviewFilters({ filters, onChange }: InterviewFiltersProps) {
  const headingId = useId()
  const jobs = useRecentJobs()
  const [search, setSearch] = useSearchFilter(filters, onChange)

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={headingId} className="sr-only">
        Filter and sort
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Search candidates" hint="Name or email">
          {(control) => (
            <Input
              {...control}
              type="search"
              autoComplete="off"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
        </Field>
        <Field label="Status">
          {(control) => (
            <Select
              {...control}
              value={filters.status ?? ''}
              onChange={(event) =>
                onChange({
                  ...filters,
                  status: (event.target.value || undefined) as InterviewStatus | undefined,
                })
              }
            >
              <option value="">All statuses</option>
              {INTERVIEW_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {INTERVIEW_STATUS_NAMES[status].label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Job" hint={jobs.isError ? "Your jobs couldn't be loaded." : undefined}>
          {(control) => (
            <Select
              {...control}
              value={filters.jobId ?? ''}
              disabled={jobs.isPending}
              onChange={(event) => onChange({ ...filters, jobId: event.target.value || undefined })}
            >
              <option value="">{jobs.isPending ? 'Loading jobs…' : 'All jobs'}</option>
              {jobs.data?.items.map((job) => (
                <option key={job.id} value={job.id}>
                  {job.title}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Sort by">
          {(control) => (
            <Select
              {...control}
              value={filters.sort ?? 'newest'}
              onChange={(event) => onChange({ ...filters, sort: event.target.value as InterviewSort })}
            >
              {Object.entries(INTERVIEW_SORT_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
    </section>
  )
}
