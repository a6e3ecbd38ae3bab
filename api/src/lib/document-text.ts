/** The largest document read for its text; a longer résumé is a scan or an archive, not prose. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** Enough for a long CV; the interviewer's plan shortens it further. */
const MAX_TEXT_CHARS = 20_000

/**
 * The readable text of an uploaded document (PDF, Word .docx or plain text), whitespace tidied and
 * control characters removed, or null when the format holds no text to read (images, Word 97–2003,
 * a scanned PDF) or the file cannot be parsed. Never throws: a résumé that cannot be read only means
 * the interviewer does without it. The parsers load on the first document, not at start-up.
 */
export async function extractDocumentText(data: Uint8Array, mimeType: string): Promise<string | null> {
  if (data.byteLength === 0 || data.byteLength > MAX_DOCUMENT_BYTES) return null
  let raw: string
  try {
    if (mimeType === 'application/pdf') {
      const { extractText, getDocumentProxy } = await import('unpdf')
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      const document = await getDocumentProxy(new Uint8Array(data))
      try {
        raw = (await extractText(document, { mergePages: true })).text
      } finally {
        // Frees the parser's memory (and its worker, where there is one).
        await document.loadingTask.destroy()
      }
    } else if (mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
      const { default: mammoth } = await import('mammoth')
      raw = (await mammoth.extractRawText({ buffer: Buffer.from(data) })).value
    } else if (mimeType === 'text/plain') {
      raw = new TextDecoder('utf-8', { fatal: false }).decode(data)
    } else {
      return null
    }
  } catch {
    return null
  }
  const text = tidy(raw)
  return text === '' ? null : text.slice(0, MAX_TEXT_CHARS)
}

function tidy(text: string): string {
  return (
    text
      // NUL and other C0 controls (tabs and line breaks aside) cannot be stored or shown.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      // Lone surrogates from broken encodings.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\r?\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}
