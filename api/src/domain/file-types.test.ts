import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '../../test/support/file-fixtures.js'
import { detectFileType, FileTypeSniffer, ZIP_TAIL_BYTES } from './file-types.js'

/** Pushes `data` to a sniffer in pieces of `size` bytes, as an upload arrives. */
function sniffInPieces(data: Buffer, size: number) {
  const sniffer = new FileTypeSniffer()
  for (let offset = 0; offset < data.length; offset += size)
    sniffer.push(data.subarray(offset, offset + size))
  return sniffer.finish()
}

describe('FileTypeSniffer', () => {
  const samples = Object.entries(sampleFiles).map(([name, make]) => [name, make()] as const)

  it.each(samples)('finds the same type for %s whatever the pieces it arrives in', (_name, data) => {
    const whole = detectFileType(data)
    for (const size of [1, 3, 7, 64, 1000, data.length]) expect(sniffInPieces(data, size)).toBe(whole)
  })

  it('recognises the expected types', () => {
    expect(Object.fromEntries(samples.map(([name, data]) => [name, detectFileType(data)]))).toEqual({
      png: 'png',
      jpeg: 'jpeg',
      gif: 'gif',
      webp: 'webp',
      pdf: 'pdf',
      svg: 'svg',
      html: 'markup',
      text: 'text',
      docx: 'docx',
      zip: null,
      doc: 'doc',
    })
  })

  it('reads a Word document whose archive is far larger than what it keeps of the end', () => {
    const docx = sampleFiles.docx()
    // Stored data ahead of the archive's entries moves every offset; prepend an entry-sized gap.
    const large = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(3 * ZIP_TAIL_BYTES)])
    const shifted = Buffer.concat([large, docx])
    // The directory's offsets are from the archive's start, so shift them as a real archive has them.
    const eocd = shifted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    shifted.writeUInt32LE(shifted.readUInt32LE(eocd + 16) + large.length, eocd + 16)
    expect(detectFileType(shifted)).toBe('docx')
    expect(sniffInPieces(shifted, 64 * 1024)).toBe('docx')
  })

  it('finds "WordDocument" and multi-byte characters split between pieces', () => {
    const doc = sampleFiles.doc()
    const at = doc.indexOf(Buffer.from('WordDocument', 'utf16le'))
    const sniffer = new FileTypeSniffer()
    sniffer.push(doc.subarray(0, at + 5))
    sniffer.push(doc.subarray(at + 5))
    expect(sniffer.finish()).toBe('doc')

    const text = Buffer.from('Résumé — naïve café\n'.repeat(50))
    expect(sniffInPieces(text, 1)).toBe('text')
    expect(sniffInPieces(Buffer.concat([text, Buffer.from([0xc3])]), 5)).toBeNull()
    expect(sniffInPieces(Buffer.concat([text, Buffer.from([0x01]), text]), 100)).toBeNull()
  })
})
