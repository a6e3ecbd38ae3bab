import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'

/**
 * Small, well-formed files of every type the upload route knows, built in memory. Bytes only: rows
 * come from `factories.ts`.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Bytes that start like a real file of the type and are random after: incompressible, unique. */
function padded(head: Buffer, size: number): Buffer {
  return size <= head.length ? head.subarray(0, size) : Buffer.concat([head, randomBytes(size - head.length)])
}

export const sampleFiles = {
  png: (size = 256) => padded(Buffer.concat([PNG_SIGNATURE, Buffer.from('\0\0\0\rIHDR')]), size),
  jpeg: (size = 256) =>
    padded(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), size),
  gif: (size = 256) => padded(Buffer.from('GIF89a'), size),
  webp: (size = 256) => {
    const head = Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')
    head.writeUInt32LE(size - 8, 4)
    return padded(head, size)
  },
  pdf: (size = 1024) => padded(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), size),
  svg: () =>
    Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
  html: () => Buffer.from('<!doctype html><title>x</title><script>alert(1)</script>'),
  text: () => Buffer.from('Casey Candidate\nBackend engineer — Go, TypeScript, Postgres.\n'),
  docx: () =>
    zip([
      ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
    ]),
  zip: () => zip([['notes.txt', 'not a Word document']]),
  doc: () => {
    const file = Buffer.alloc(4096)
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0)
    Buffer.from('Root Entry', 'utf16le').copy(file, 1024)
    Buffer.from('WordDocument', 'utf16le').copy(file, 1152)
    return file
  },
}

/** Documents with readable text, as a résumé would be: a real one-page PDF and a real .docx. */
export const textDocuments = {
  /** A one-page PDF that draws each line in Helvetica, with a correct cross-reference table. */
  pdf(lines: string[]): Buffer {
    const pdfString = (line: string) => line.replace(/[\\()]/g, (char) => `\\${char}`)
    const stream = [
      'BT /F1 12 Tf 14 TL 72 720 Td',
      ...lines.map((line) => `(${pdfString(line)}) Tj T*`),
      'ET',
    ].join('\n')
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    ]
    let body = '%PDF-1.4\n'
    const offsets: number[] = []
    objects.forEach((object, index) => {
      offsets.push(Buffer.byteLength(body, 'latin1'))
      body += `${index + 1} 0 obj\n${object}\nendobj\n`
    })
    const xref = Buffer.byteLength(body, 'latin1')
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
    for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
    return Buffer.from(body, 'latin1')
  },
  /** A minimal but complete Word document with one paragraph per line. */
  docx(paragraphs: string[]): Buffer {
    const xmlEscape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    return zip([
      [
        '[Content_Types].xml',
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ],
      [
        '_rels/.rels',
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ],
      [
        'word/document.xml',
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs
          .map((text) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`)
          .join('')}</w:body></w:document>`,
      ],
    ])
  },
}

/** A stored (uncompressed) zip archive with a central directory, as Office writes them. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(content)
    const checksum = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(checksum, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(checksum, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** `multipart/form-data` with the fields first and the file last, as the SPA sends it. */
export function uploadForm(
  fields: Record<string, string | undefined>,
  file: { bytes: Uint8Array; filename: string },
) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value)
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.filename)
  return form
}
