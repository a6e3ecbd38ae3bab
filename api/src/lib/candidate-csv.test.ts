import { describe, expect, it } from 'vitest'
import { parseCandidateCsv } from './candidate-csv.js'
import { AppError } from './errors.js'

const read = (text: string, maxRows = 1000) => parseCandidateCsv(new TextEncoder().encode(text), { maxRows })

describe('parseCandidateCsv', () => {
  it('reads what spreadsheets export: a BOM, CRLF, quoted commas, doubled quotes and line breaks', () => {
    const rows = read(
      '\uFEFFName,Email,Phone,Notes\r\n"Lovelace, Ada",ada@example.com,+447700900123,"Said ""hi""\r\non two lines"\r\n',
    )
    expect(rows).toEqual([
      {
        name: 'Lovelace, Ada',
        email: 'ada@example.com',
        phone: '+447700900123',
        notes: 'Said "hi"\r\non two lines',
      },
    ])
  })

  it('takes the columns in any order and case, ignores others, and keeps short rows for the caller to judge', () => {
    expect(read('EMAIL , team, name\nada@example.com,core,Ada\nbob@example.com\n\n')).toEqual([
      { email: 'ada@example.com', name: 'Ada' },
      { email: 'bob@example.com' },
    ])
  })

  it('refuses a file without an email column, an unclosed quote, and more rows than allowed', () => {
    expect(() => read('name,mail\nAda,ada@example.com\n')).toThrow(AppError)
    expect(() => read('name,email\n"Ada,ada@example.com\n')).toThrow(/not a CSV this can read/)
    expect(() => read('email\na@example.com\nb@example.com\nc@example.com\n', 2)).toThrow(/more than 2 rows/)
  })
})
