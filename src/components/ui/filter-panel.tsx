import { type ReactNode, useId } from 'react'
import { cn } from '../../lib/cn'
import { Field, Input, Select } from './field'

type FilterPanelProps = {
  /** Read by screen readers only: the panel's fields say what they are on screen. */
  title: string
  /** The grid's columns on wide screens, e.g. `lg:grid-cols-4`. */
  columnsClassName: string
  children: ReactNode
}

/** The labelled box above a list that holds its search, filters and order. */
export function FilterPanel({ title, columnsClassName, children }: FilterPanelProps) {
  const headingId = useId()
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={headingId} className="sr-only">
        {title}
      </h2>
      <div className={cn('grid gap-4 sm:grid-cols-2', columnsClassName)}>{children}</div>
    </section>
  )
}

/** A list's search by name or email; `value` and `onChange` come from `useSearchFilter`. */
export function NameOrEmailSearch({
  label,
  value,
  onChange,
}: {
  label: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <Field label={label} hint="Name or email">
      {(control) => (
        <Input
          {...control}
          type="search"
          autoComplete="off"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A filter by status: "All statuses", then each status by its name. */
export function StatusFilter<S extends string>({
  statuses,
  names,
  value,
  onChange,
}: {
  statuses: readonly S[]
  names: Record<S, { label: string }>
  value: S | undefined
  onChange: (status: S | undefined) => void
}) {
  return (
    <Field label="Status">
      {(control) => (
        <Select
          {...control}
          value={value ?? ''}
          onChange={(event) => onChange((event.target.value || undefined) as S | undefined)}
        >
          <option value="">All statuses</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {names[status].label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  )
}
