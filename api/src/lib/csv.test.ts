import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvLine } from './csv.js'

describe('csvLine', () => {
  it('quotes only what needs it, and a CSV reader gets every cell back', () => {
    const cells = ['Ada Lovelace', 'a,b', 'she said "hi"', 'two\nlines', 'plain']
    const line = csvLine(cells)
    expect(line).toBe('Ada Lovelace,"a,b","she said ""hi""","two\nlines",plain\r\n')
    expect(parse(line)).toEqual([cells])
  })

  it('never lets a cell start a spreadsheet formula', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'a=b'])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),a=b\r\n`,
    )
  })
})
