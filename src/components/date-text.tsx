import { formatDate } from '../lib/format'

/** A date as people read it in their own locale, with the exact instant for machines. */
export function DateText({ value }: { value: string }) {
  return <time dateTime={value}>{formatDate(value)}</time>
}
