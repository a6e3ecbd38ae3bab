/**
 * One CSV record (RFC 4180), ending in CRLF. A cell with a comma, quote or line break is quoted,
 * with its quotes doubled. A cell a spreadsheet would run as a formula (one opening with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so text a candidate typed can
 * never become a formula on the recruiter's computer.
 */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
