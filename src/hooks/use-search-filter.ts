import { useEffect, useState } from 'react'

/** Typing pauses this long before the list is asked again, rather than at every keystroke. */
const SEARCH_DEBOUNCE_MS = 300

/**
 * The search box of a filtered list: what is typed now, and `filters.q` following it once typing
 * pauses. A change from outside (Clear filters, Back) replaces what is typed; the debounced echo of
 * the person's own typing does not, or a space typed between words would vanish.
 */
export function useSearchFilter<Filters extends { q?: string }>(
  filters: Filters,
  onChange: (filters: Filters) => void,
): [search: string, setSearch: (search: string) => void] {
  const [search, setSearch] = useState(filters.q ?? '')

  useEffect(() => {
    const q = filters.q ?? ''
    setSearch((current) => (current.trim() === q ? current : q))
  }, [filters.q])

  useEffect(() => {
    const q = search.trim()
    if (q === (filters.q ?? '')) return
    const timer = setTimeout(() => onChange({ ...filters, q: q || undefined }), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [search, filters, onChange])

  return [search, setSearch]
}
