import { describe, expect, it } from 'vitest'
import { acceptAttributeFor, describeFileLimits, refuseChosenFile } from './file-limits.js'

const MB = 1024 * 1024

describe('checking a chosen file before it is sent', () => {
  it('refuses it over the category’s limit, saying how large it is', () => {
    expect(refuseChosenFile('RESUME', { size: 20 * MB, name: 'cv.pdf', type: 'application/pdf' })).toBe(
      'This file is 20 MB; a resume can be at most 10 MB.',
    )
    expect(refuseChosenFile('RESUME', { size: 10 * MB, name: 'cv.pdf', type: 'application/pdf' })).toBeNull()
    expect(refuseChosenFile('LOGO', { size: 3 * MB, name: 'logo.png', type: 'image/png' })).toMatch(
      /at most 2 MB/,
    )
  })

  it('accepts a type the API accepts, by name or declared type', () => {
    expect(refuseChosenFile('RESUME', { size: 1, name: 'CV.DOCX', type: '' })).toBeNull()
    expect(refuseChosenFile('RESUME', { size: 1, name: 'cv', type: 'text/plain' })).toBeNull()
    expect(refuseChosenFile('LOGO', { size: 1, name: 'logo.svg', type: 'image/svg+xml' })).toMatch(
      /not accepted/,
    )
    expect(refuseChosenFile('RESUME', { size: 1, name: 'setup.exe', type: 'application/x-msdownload' })).toBe(
      'This file’s type is not accepted for a resume. Choose PDF, Word (.docx), Word 97–2003 (.doc) or plain text, up to 10 MB.',
    )
  })

  it('gives file inputs the same list', () => {
    expect(acceptAttributeFor('LOGO')).toBe(
      '.png,.jpg,.jpeg,.webp,.gif,image/png,image/jpeg,image/webp,image/gif',
    )
    expect(describeFileLimits('SCREENSHOT')).toBe('PNG, JPEG or WebP, up to 5 MB')
  })
})
