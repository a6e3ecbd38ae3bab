/** Bytes `start` to `end`, inclusive, zero-based. */
export type ByteRange = { start: number; end: number }

/**
 * One `Range: bytes=…` (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix `-n`, against a representation
 * of `size` bytes. Null means "send the whole file": no header, a malformed one, or several ranges
 * (which a server may ignore). `'unsatisfiable'` is a well-formed range that selects no byte of the
 * file, which RFC 9110 §15.5.17 answers with 416.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.replace(/\s+/g, ''))
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

/** The `Content-Range` of a 206 answer (RFC 9110 §14.4). */
export function formatContentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`
}

/** The `Content-Range` of a 416 answer, which names only the representation's size (RFC 9110 §14.4). */
export function formatUnsatisfiedRange(size: number): string {
  return `bytes */${size}`
}
