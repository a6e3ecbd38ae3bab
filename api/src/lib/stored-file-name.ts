/** Windows device names, which no file may be called whatever its extension. */
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i
const MAX_BASE_NAME_CHARACTERS = 100

/**
 * The stored name: the original's base name without its path or extension, stripped of control,
 * formatting (bidi overrides) and path-like characters, with the extension of the detected type.
 * `fallback` names a file whose original name has nothing left.
 */
export function buildStoredFileName(original: string, extension: string, fallback: string): string {
  const base = original.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  let name = Array.from(cleaned).slice(0, MAX_BASE_NAME_CHARACTERS).join('').trim() || fallback
  if (RESERVED_NAMES.test(name)) name = `_${name}`
  return `${name}.${extension}`
}
