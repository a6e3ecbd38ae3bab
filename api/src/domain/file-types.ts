/**
 * File types recognised by their content (magic bytes), never by the client's name or
 * `Content-Type`: a PNG renamed `cv.pdf` is a PNG.
 */
export type DetectedFileType = {
  mimeType: string
  /** Canonical extension, without the dot. */
  extension: string
  /** What a person calls it, for error messages. */
  label: string
}

export const FILE_TYPES = {
  png: { mimeType: 'image/png', extension: 'png', label: 'PNG' },
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg', label: 'JPEG' },
  gif: { mimeType: 'image/gif', extension: 'gif', label: 'GIF' },
  webp: { mimeType: 'image/webp', extension: 'webp', label: 'WebP' },
  svg: { mimeType: 'image/svg+xml', extension: 'svg', label: 'SVG' },
  pdf: { mimeType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  docx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    label: 'Word (.docx)',
  },
  doc: { mimeType: 'application/msword', extension: 'doc', label: 'Word 97–2003 (.doc)' },
  text: { mimeType: 'text/plain', extension: 'txt', label: 'plain text' },
  markup: { mimeType: 'text/html', extension: 'html', label: 'HTML or XML' },
} as const satisfies Record<string, DetectedFileType>

export type FileTypeId = keyof typeof FILE_TYPES

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50
const ZIP_CENTRAL_DIRECTORY_ENTRY = 0x02014b50
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const ZIP_EOCD_SEARCH_BYTES = 22 + 0xffff
/**
 * "WordDocument", the main stream of a Word 97–2003 file, as its UTF-16LE directory entry name.
 * Built on first use: the SPA imports this module for FILE_TYPES, and browsers have no Buffer.
 */
const wordDocumentStream = () => Buffer.from('WordDocument', 'utf16le')
/**
 * Text that opens with a tag, a closing tag, a comment, a doctype or a processing instruction: a
 * browser that sniffs it (or a viewer that trusts the first bytes) renders it as a document, so it
 * is never accepted as plain text. `\s` includes U+FEFF, so byte-order marks in front count as blank.
 */
const MARKUP_START = /^\s*<[!?/a-z]/i

function startsWith(data: Uint8Array, signature: number[], offset = 0): boolean {
  if (data.length < offset + signature.length) return false
  return signature.every((byte, index) => data[offset + index] === byte)
}

function ascii(data: Uint8Array, start: number, end: number): string {
  return Buffer.from(data.buffer, data.byteOffset + start, Math.max(0, end - start)).toString('latin1')
}

/**
 * The names of a zip archive's entries, read from its central directory (local headers can be
 * followed by data descriptors, so walking them from the start is not reliable). Null when the
 * archive is not well formed.
 */
export function listZipEntries(data: Uint8Array): string[] | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const searchFrom = Math.max(0, data.length - ZIP_EOCD_SEARCH_BYTES)
  let eocd = -1
  for (let offset = data.length - 22; offset >= searchFrom; offset--) {
    if (view.getUint32(offset, true) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      eocd = offset
      break
    }
  }
  if (eocd < 0) return null
  const entryCount = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const names: string[] = []
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== ZIP_CENTRAL_DIRECTORY_ENTRY) return null
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    if (offset + 46 + nameLength > eocd) return null
    names.push(ascii(data, offset + 46, offset + 46 + nameLength))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}

function isWordprocessingZip(data: Uint8Array): boolean {
  const names = listZipEntries(data) ?? []
  return names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('word/'))
}

function isWordOleFile(data: Uint8Array): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(wordDocumentStream())
}

const TEXT_DECODER = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 without control characters other than tab, line feed, form feed and carriage return. */
function readAsText(data: Uint8Array): string | null {
  let text: string
  try {
    text = TEXT_DECODER.decode(data)
  } catch {
    return null
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text
}

/** The type of `data` by its content, or null when it is none VantaHire knows. */
export function detectFileType(data: Uint8Array): FileTypeId | null {
  if (startsWith(data, PNG)) return 'png'
  if (startsWith(data, JPEG)) return 'jpeg'
  const head = ascii(data, 0, Math.min(data.length, 16))
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif'
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp'
  if (head.startsWith('%PDF-')) return 'pdf'
  if (startsWith(data, ZIP_LOCAL_HEADER)) return isWordprocessingZip(data) ? 'docx' : null
  if (startsWith(data, OLE)) return isWordOleFile(data) ? 'doc' : null
  const text = readAsText(data)
  if (text === null) return null
  const start = text.slice(0, 1024)
  if (MARKUP_START.test(start)) return /<svg\b/i.test(text.slice(0, 4096)) ? 'svg' : 'markup'
  return 'text'
}
