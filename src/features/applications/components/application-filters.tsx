import { Field, Select } from '../../../components/ui/field'
import { FilterPanel, NameOrEmailSearch, StatusFilter } from '../../../components/ui/filter-panel'
import { useSearchFilter } from '../../../hooks/use-search-filter'
import type { ApplicationSort, ApplicationFilters as Filters } from '../api/list-job-applications'
import { APPLICATION_SORT_NAMES, APPLICATION_STATUS_NAMES, APPLICATION_STATUSES } from './application-names'

type ApplicationFiltersProps = {
  filters: Filters
  onChange: (filters: Filters) => void
}

const YES_NO = (value: boolean | undefined) => (value === undefined ? '' : String(value))
const fromYesNo = (value: string) => (value === '' ? undefined : value === 'true')

/** Search, status, résumé, interview and order of a job's applications. */
export function ApplicationFilters({ filters, onChange }: ApplicationFiltersProps) {
  const [search, setSearch] = useSearchFilter(filters, onChange)

  return (
    <FilterPanel title="Search, filter and sort" columnsClassName="lg:grid-cols-5">
      <NameOrEmailSearch label="Search applicants" value={search} onChange={setSearch} />
      <StatusFilter
        statuses={APPLICATION_STATUSES}
        names={APPLICATION_STATUS_NAMES}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status })}
      />
      <Field label="Résumé">
        {(control) => (
          <Select
            {...control}
            value={YES_NO(filters.hasResume)}
            onChange={(event) => onChange({ ...filters, hasResume: fromYesNo(event.target.value) })}
          >
            <option value="">With or without</option>
            <option value="true">With a résumé</option>
            <option value="false">Without a résumé</option>
          </Select>
        )}
      </Field>
      <Field label="AI interview">
        {(control) => (
          <Select
            {...control}
            value={YES_NO(filters.scored)}
            onChange={(event) => onChange({ ...filters, scored: fromYesNo(event.target.value) })}
          >
            <option value="">Any</option>
            <option value="true">Scored</option>
            <option value="false">Not scored yet</option>
          </Select>
        )}
      </Field>
      <Field label="Sort">
        {(control) => (
          <Select
            {...control}
            value={filters.sort ?? 'newest'}
            onChange={(event) => onChange({ ...filters, sort: event.target.value as ApplicationSort })}
          >
            {(Object.keys(APPLICATION_SORT_NAMES) as ApplicationSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {APPLICATION_SORT_NAMES[sort]}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </FilterPanel>
  )
}
