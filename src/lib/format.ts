const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** A day, in the person's own locale and time zone: "12 Mar 2027". */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso))
}

/** A day and time, in the person's own locale and time zone: "12 Mar 2027, 14:30". */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso))
}

/**
 * The value a `datetime-local` input shows for an ISO timestamp, in the person's own time zone
 * (the input has no zone of its own), or '' for none.
 */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The ISO timestamp for a `datetime-local` value, read in the person's own time zone. */
export function fromDateTimeLocal(value: string): string {
  return new Date(value).toISOString()
}

/** The first `maxLength` characters of `text` at a word boundary, with an ellipsis if cut. */
export function excerpt(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= maxLength) return flat
  const cut = flat.slice(0, maxLength)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}
