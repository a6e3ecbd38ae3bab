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
export function listZipEntries(data: Uint8Array, baseOffset = 0): string[] | null {
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
  // The directory's offset is from the archive's start; `data` may begin later (its last bytes only).
  let offset = view.getUint32(eocd + 16, true) - baseOffset
  if (offset < 0) return null
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

/** The type of `data` by its content, or null when it is none VantaHire knows. */
export function detectFileType(data: Uint8Array): FileTypeId | null {
  const sniffer = new FileTypeSniffer()
  sniffer.push(data)
  return sniffer.finish()
}

/** Bytes kept from the start: every signature and the RIFF/WEBP header fit. */
const HEAD_BYTES = 16
/** Characters of text kept from the start, for the markup and SVG checks. */
const TEXT_HEAD_CHARS = 4096
/**
 * Bytes kept from the end of a zip archive: its end record (with a comment of any length) and a
 * central directory of many thousand entries; a Word document's has a few dozen.
 */
export const ZIP_TAIL_BYTES = 1024 * 1024

/**
 * Detects a file's type as its bytes stream past, holding only what the checks need (the first
 * bytes, the first characters of text, the end of a zip archive): the same answer as reading the
 * whole file, in memory that does not grow with it.
 */
export class FileTypeSniffer {
  #size = 0
  readonly #head = new Uint8Array(HEAD_BYTES)
  /** The end of the file so far, for zip archives (kept only while the head may be a zip's). */
  #tail: Uint8Array[] = []
  #tailBytes = 0
  /** The last bytes seen, so a "WordDocument" split between two chunks is found. */
  #carry: Buffer = Buffer.alloc(0)
  #hasWordStream = false
  #decoder: InstanceType<typeof TextDecoder> | null = new TextDecoder('utf-8', { fatal: true })
  #textHead = ''

  get size(): number {
    return this.#size
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#size < HEAD_BYTES) this.#head.set(bytes.subarray(0, HEAD_BYTES - this.#size), this.#size)
    this.#size += bytes.length
    const head = this.#headBytes()
    const isHeadComplete = head.length === HEAD_BYTES
    if (!isHeadComplete || startsWith(head, ZIP_LOCAL_HEADER)) this.#keepTail(bytes)
    else this.#dropTail()
    if (!this.#hasWordStream && (!isHeadComplete || startsWith(head, OLE))) {
      const word = wordDocumentStream()
      const window = Buffer.concat([this.#carry, bytes])
      this.#hasWordStream = window.includes(word)
      this.#carry = Buffer.from(window.subarray(Math.max(0, window.length - (word.length - 1))))
    }
    // A file whose first bytes name a binary type is never judged as text.
    if (isHeadComplete && this.#decoder && hasBinarySignature(head)) this.#decoder = null
    if (this.#decoder) {
      try {
        const text = this.#decoder.decode(bytes, { stream: true })
        if (CONTROL_CHARACTER.test(text)) this.#decoder = null
        else this.#keepTextHead(text)
      } catch {
        this.#decoder = null
      }
    }
  }

  /** The type of everything pushed, or null when it is none VantaHire knows. */
  finish(): FileTypeId | null {
    const data = this.#headBytes()
    if (startsWith(data, PNG)) return 'png'
    if (startsWith(data, JPEG)) return 'jpeg'
    const head = ascii(data, 0, Math.min(data.length, 16))
    if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif'
    if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp'
    if (head.startsWith('%PDF-')) return 'pdf'
    if (startsWith(data, ZIP_LOCAL_HEADER)) {
      const tail = Buffer.concat(this.#tail, this.#tailBytes)
      const names = listZipEntries(tail, this.#size - tail.length) ?? []
      const isWord = names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('word/'))
      return isWord ? 'docx' : null
    }
    if (startsWith(data, OLE)) return this.#hasWordStream ? 'doc' : null
    if (!this.#decoder) return null
    try {
      const rest = this.#decoder.decode()
      if (CONTROL_CHARACTER.test(rest)) return null
      this.#keepTextHead(rest)
    } catch {
      return null
    } finally {
      this.#decoder = null
    }
    const start = this.#textHead.slice(0, 1024)
    if (MARKUP_START.test(start)) return /<svg\b/i.test(this.#textHead) ? 'svg' : 'markup'
    return 'text'
  }

  #headBytes(): Uint8Array {
    return this.#head.subarray(0, Math.min(this.#size, HEAD_BYTES))
  }

  #keepTextHead(text: string): void {
    if (this.#textHead.length < TEXT_HEAD_CHARS)
      this.#textHead += text.slice(0, TEXT_HEAD_CHARS - this.#textHead.length)
  }

  #keepTail(bytes: Buffer): void {
    // A copy: the caller may reuse its buffer once pushed.
    const kept = Uint8Array.prototype.slice.call(bytes, Math.max(0, bytes.length - ZIP_TAIL_BYTES))
    this.#tail.push(kept)
    this.#tailBytes += kept.length
    while (this.#tail.length > 1 && this.#tailBytes - (this.#tail[0]?.length ?? 0) >= ZIP_TAIL_BYTES) {
      this.#tailBytes -= this.#tail.shift()?.length ?? 0
    }
  }

  #dropTail(): void {
    if (this.#tailBytes === 0) return
    this.#tail = []
    this.#tailBytes = 0
  }
}

function hasBinarySignature(head: Uint8Array): boolean {
  const text = ascii(head, 0, head.length)
  return (
    startsWith(head, PNG) ||
    startsWith(head, JPEG) ||
    startsWith(head, ZIP_LOCAL_HEADER) ||
    startsWith(head, OLE) ||
    text.startsWith('GIF87a') ||
    text.startsWith('GIF89a') ||
    (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') ||
    text.startsWith('%PDF-')
  )
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/
