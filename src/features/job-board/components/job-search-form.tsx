import { type FormEvent, useRef, useState } from 'react'
import { Button } from '../../../components/ui/button'
import { Field, Input, Select } from '../../../components/ui/field'
import { JOB_TYPE_LABELS, JOB_TYPES, type JobType } from '../../../lib/job-type-names'
import type { PublicJobFilters } from '../api/list-public-jobs'

type JobSearchFormProps = {
  filters: PublicJobFilters
  onSearch: (filters: PublicJobFilters) => void
}

/** Keywords, location and job type; the search runs when submitted, so typing sends nothing. */
export function JobSearchForm({ filters, onSearch }: JobSearchFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  const [q, setQ] = useState(filters.q ?? '')
  const [location, setLocation] = useState(filters.location ?? '')
  const [jobType, setJobType] = useState<JobType | ''>(filters.jobType ?? '')
  // Back, Forward and Clear change the search from outside: the fields follow. Adjusting state while
  // rendering, rather than remounting, keeps focus where it is after a search.
  const filtersKey = [filters.q, filters.location, filters.jobType].join('\n')
  const [shownFiltersKey, setShownFiltersKey] = useState(filtersKey)
  if (filtersKey !== shownFiltersKey) {
    setShownFiltersKey(filtersKey)
    setQ(filters.q ?? '')
    setLocation(filters.location ?? '')
    setJobType(filters.jobType ?? '')
  }
  const isFiltered = Boolean(filters.q || filters.location || filters.jobType)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSearch({ q: q.trim(), location: location.trim(), jobType: jobType || undefined })
  }

  function clear() {
    onSearch({})
    // The Clear button goes away with the search; carry on at the first field.
    formRef.current?.querySelector('input')?.focus()
  }

  return (
    <search>
      <form
        ref={formRef}
        onSubmit={submit}
        className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:p-5 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end"
      >
        <Field
          label="Keywords"
          hint="Job title, department or skills"
          className="sm:col-span-2 lg:col-span-1"
        >
          {(control) => (
            <Input {...control} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
          )}
        </Field>
        <Field label="Location" hint="City, country or Remote">
          {(control) => (
            <Input
              {...control}
              autoComplete="address-level2"
              value={location}
              onChange={(event) => setLocation(event.target.value)}
            />
          )}
        </Field>
        <Field label="Job type" hint="Any, or one type">
          {(control) => (
            <Select
              {...control}
              value={jobType}
              onChange={(event) => setJobType(event.target.value as JobType | '')}
            >
              <option value="">Any type</option>
              {JOB_TYPES.map((type) => (
                <option key={type} value={type}>
                  {JOB_TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-1">
          <Button type="submit" className="flex-1 lg:flex-none">
            Search jobs
          </Button>
          {isFiltered ? (
            <Button variant="ghost" onClick={clear}>
              Clear
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  )
}
