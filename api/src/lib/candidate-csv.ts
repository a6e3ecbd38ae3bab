import { CsvError, parse } from 'csv-parse/sync'
import { AppError } from './errors.js'

/** One candidate as an uploaded list gives it; every field is checked later, row by row. */
export type CandidateCsvRow = { name?: string; email?: string; phone?: string; notes?: string }

const KNOWN_COLUMNS = ['name', 'email', 'phone', 'notes'] as const

/**
 * Reads a candidate list: a header row naming the columns (name, email, phone, notes; any order,
 * any case, other columns ignored), then one candidate per row. csv-parse handles what spreadsheets
 * export — quoted fields with commas and line breaks, doubled quotes, a UTF-8 byte-order mark, CRLF —
 * which a split on commas gets wrong. A file that is not CSV at all is refused whole (400); rows
 * with missing or extra cells are kept, for the caller to judge one by one.
 */
export function parseCandidateCsv(bytes: Uint8Array, options: { maxRows: number }): CandidateCsvRow[] {
  let records: Record<string, string>[]
  try {
    records = parse(Buffer.from(bytes), {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      max_record_size: 10_000,
    }) as Record<string, string>[]
  } catch (error) {
    if (error instanceof CsvError) {
      throw new AppError({
        code: 'BAD_REQUEST',
        message: `The file is not a CSV this can read: ${error.message}`,
        details: { code: error.code },
      })
    }
    throw error
  }
  if (records.length > options.maxRows) {
    throw new AppError({
      code: 'BAD_REQUEST',
      message: `The file has more than ${options.maxRows} rows; split it into smaller lists.`,
    })
  }
  const first = records[0]
  if (first && !('email' in first)) {
    throw new AppError({
      code: 'BAD_REQUEST',
      message: 'The first row must name the columns, including email: name,email,phone,notes',
    })
  }
  return records.map((record) => {
    const row: CandidateCsvRow = {}
    for (const column of KNOWN_COLUMNS) {
      const value = record[column]
      if (value !== undefined && value !== '') row[column] = value
    }
    return row
  })
}
