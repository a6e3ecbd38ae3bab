import { describe, expect, it } from 'vitest'
import { sampleFiles, textDocuments } from '../../test/support/file-fixtures.js'
import { extractDocumentText } from './document-text.js'

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

describe('extractDocumentText', () => {
  it('reads the text of a PDF, line by line', async () => {
    const pdf = textDocuments.pdf(['Casey Candidate', 'Led the billing migration (2024)', 'Go, Postgres'])
    const text = await extractDocumentText(pdf, PDF)
    expect(text).toContain('Casey Candidate')
    expect(text).toContain('Led the billing migration (2024)')
    expect(text).toContain('Go, Postgres')
  })

  it('reads the paragraphs of a Word document', async () => {
    const docx = textDocuments.docx(['Casey Candidate', 'Staff engineer at Example & Co'])
    expect(await extractDocumentText(docx, DOCX)).toBe('Casey Candidate\n\nStaff engineer at Example & Co')
  })

  it('tidies plain text: control characters, runs of blanks and blank lines go', async () => {
    const text = Buffer.from('  Casey\u0000 \t Candidate \r\n\r\n\r\n\r\nGo\u0007 developer  ')
    expect(await extractDocumentText(text, 'text/plain')).toBe('Casey Candidate\n\nGo developer')
  })

  it('returns null for formats without readable text and for broken or empty files', async () => {
    expect(await extractDocumentText(sampleFiles.png(), 'image/png')).toBeNull()
    expect(await extractDocumentText(sampleFiles.doc(), 'application/msword')).toBeNull()
    expect(await extractDocumentText(sampleFiles.pdf(2048), PDF)).toBeNull()
    expect(await extractDocumentText(sampleFiles.zip(), DOCX)).toBeNull()
    expect(await extractDocumentText(Buffer.from('   \n '), 'text/plain')).toBeNull()
    expect(await extractDocumentText(new Uint8Array(), PDF)).toBeNull()
  })
})
