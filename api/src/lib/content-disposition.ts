/**
 * RFC 6266: an ASCII `filename` for old clients (accents dropped, anything else replaced) and the
 * exact name, percent-encoded as UTF-8, in `filename*` (RFC 8187).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
  // encodeURIComponent leaves these as they are; RFC 8187's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
