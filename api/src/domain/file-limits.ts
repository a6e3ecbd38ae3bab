import { FILE_TYPES, type FileTypeId } from './file-types.js'

/**
 * What each kind of upload may be: its largest size and the types accepted (by detected content on
 * the API). The API enforces these; the SPA checks a chosen file against the same table before
 * sending a byte, so a 20 MB résumé is refused at once instead of after its upload.
 */
export const FILE_CATEGORIES = ['LOGO', 'RESUME', 'SCREENSHOT', 'DOCUMENT'] as const
export type FileCategoryName = (typeof FILE_CATEGORIES)[number]

const MB = 1024 * 1024

/** The plan's limits; an upload is refused as soon as more than this has arrived. */
export const FILE_SIZE_LIMITS: Readonly<Record<FileCategoryName, number>> = {
  LOGO: 2 * MB,
  RESUME: 10 * MB,
  SCREENSHOT: 5 * MB,
  DOCUMENT: 10 * MB,
}

/**
 * What each category accepts, by detected content. SVG is refused for logos: it is a document that
 * can carry script and external references, logos are shown inline on public pages and in emails,
 * and PNG or WebP serve every logo as well.
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<FileCategoryName, readonly FileTypeId[]>> = {
  LOGO: ['png', 'jpeg', 'webp', 'gif'],
  RESUME: ['pdf', 'docx', 'doc', 'text'],
  SCREENSHOT: ['png', 'jpeg', 'webp'],
  DOCUMENT: ['pdf', 'docx', 'doc', 'text'],
}

export const FILE_CATEGORY_NAMES: Readonly<Record<FileCategoryName, string>> = {
  LOGO: 'logo',
  RESUME: 'resume',
  SCREENSHOT: 'screenshot',
  DOCUMENT: 'document',
}

/** File name endings each type is saved with; a browser names a chosen file's type from these too. */
const EXTENSIONS: Readonly<Partial<Record<FileTypeId, readonly string[]>>> = {
  jpeg: ['jpg', 'jpeg'],
  text: ['txt', 'text'],
}

function extensionsOf(typeId: FileTypeId): readonly string[] {
  return EXTENSIONS[typeId] ?? [FILE_TYPES[typeId].extension]
}

/** "PDF, Word (.docx), … or plain text, up to 10 MB". */
export function describeFileLimits(category: FileCategoryName): string {
  const labels = ALLOWED_FILE_TYPES[category].map((id) => FILE_TYPES[id].label)
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels[0]
  return `${list}, up to ${FILE_SIZE_LIMITS[category] / MB} MB`
}

/** The `accept` attribute of a file input for the category: its extensions and content types. */
export function acceptAttributeFor(category: FileCategoryName): string {
  const types = ALLOWED_FILE_TYPES[category]
  return [
    ...types.flatMap((id) => extensionsOf(id).map((extension) => `.${extension}`)),
    ...types.map((id) => FILE_TYPES[id].mimeType),
  ].join(',')
}

/**
 * Why a chosen file would be refused, judged by what a browser knows before reading it (its size,
 * name and declared type), or null when it may be sent. The API still checks the content itself.
 */
export function refuseChosenFile(
  category: FileCategoryName,
  file: { size: number; name: string; type: string },
): string | null {
  const limit = FILE_SIZE_LIMITS[category]
  if (file.size > limit) {
    const size = (file.size / MB).toFixed(1).replace(/\.0$/, '')
    return `This file is ${size} MB; a ${FILE_CATEGORY_NAMES[category]} can be at most ${limit / MB} MB.`
  }
  const types = ALLOWED_FILE_TYPES[category]
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : ''
  const isKnownByName = types.some((id) => extensionsOf(id).includes(extension))
  const isKnownByType = types.some((id) => FILE_TYPES[id].mimeType === file.type)
  if (!isKnownByName && !isKnownByType) {
    return `This file’s type is not accepted for a ${FILE_CATEGORY_NAMES[category]}. Choose ${describeFileLimits(category)}.`
  }
  return null
}
