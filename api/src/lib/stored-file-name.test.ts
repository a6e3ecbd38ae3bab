import { describe, expect, it } from 'vitest'
import { buildStoredFileName } from './stored-file-name.js'

describe('buildStoredFileName', () => {
  it.each([
    ['C:\\Users\\casey\\CV "2025".docx', 'CV _2025_.pdf'],
    ['\u0007bell\u0000.pdf', 'bell.pdf'],
    ['NUL.pdf', '_NUL.pdf'],
    ['...', 'resume.pdf'],
    [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(100)}.pdf`],
  ])('stores %j as %j', (original, stored) => {
    expect(buildStoredFileName(original, 'pdf', 'resume')).toBe(stored)
  })
})
