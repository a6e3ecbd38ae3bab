import { Field, Select } from '../../../components/ui/field'
import { FilterPanel, NameOrEmailSearch, StatusFilter } from '../../../components/ui/filter-panel'
import { useSearchFilter } from '../../../hooks/use-search-filter'
import { useRecentJobs } from '../../jobs'
import type { InterviewFilters as Filters, InterviewSort } from '../api/list-interviews'
import { INTERVIEW_SORT_NAMES, INTERVIEW_STATUS_NAMES, INTERVIEW_STATUSES } from './interview-names'

type InterviewFiltersProps = {
  filters: Filters
  onChange: (filters: Filters) => void
}

/** Status, job, candidate search and order for the interview list. */
export function InterviewFilters({ filters, onChange }: InterviewFiltersProps) {
  const jobs = useRecentJobs()
  const [search, setSearch] = useSearchFilter(filters, onChange)

  return (
    <FilterPanel title="Filter and sort" columnsClassName="lg:grid-cols-4">
      <NameOrEmailSearch label="Search candidates" value={search} onChange={setSearch} />
      <StatusFilter
        statuses={INTERVIEW_STATUSES}
        names={INTERVIEW_STATUS_NAMES}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status })}
      />
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
    </FilterPanel>
  )
}
