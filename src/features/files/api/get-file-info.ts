import { queryOptions, useQuery } from '@tanstack/react-query'
import { ApiError, type ApiErrorCode } from '../../../lib/api'
import { fileUrl } from './upload-file'

/** What a stored file is, read from the headers of a HEAD request: no bytes are downloaded. */
export type FileInfo = {
  id: string
  name: string
  mimeType: string
  /** Bytes. */
  size: number
}

/** HEAD answers have no body, so the envelope's code and message cannot be read; the status says enough. */
const HEAD_ERRORS: Partial<Record<number, { code: ApiErrorCode; message: string }>> = {
  401: { code: 'UNAUTHORIZED', message: 'Sign in to open this file.' },
  403: { code: 'FORBIDDEN', message: 'You may not open this file.' },
  404: { code: 'NOT_FOUND', message: 'This file does not exist.' },
  410: { code: 'GONE', message: 'This file is no longer available.' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests; wait a moment and try again.' },
}

/** RFC 6266: the UTF-8 `filename*` when present, else the plain `filename`. */
function readFileName(disposition: string | null): string | undefined {
  if (!disposition) return undefined
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded)
    } catch {
      // A malformed encoding falls back to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1]
}

/** Checks that the file exists and may be read, and what it is, without downloading it. */
export async function getFileInfo(id: string, options: { signal?: AbortSignal } = {}): Promise<FileInfo> {
  const res = await fetch(fileUrl(id), { method: 'HEAD', credentials: 'include', signal: options.signal })
  if (!res.ok) {
    const known = HEAD_ERRORS[res.status]
    throw new ApiError({
      status: res.status,
      code: known?.code ?? 'UNEXPECTED_RESPONSE',
      message: known?.message ?? `VantaHire's server could not answer just now (${res.status}).`,
    })
  }
  return {
    id,
    name: readFileName(res.headers.get('content-disposition')) ?? 'file',
    mimeType: (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]?.trim() ?? '',
    size: Number(res.headers.get('content-length') ?? 0),
  }
}

export const fileInfoQueryKey = (id: string) => ['files', 'info', id] as const

export function fileInfoQueryOptions(id: string) {
  return queryOptions({
    queryKey: fileInfoQueryKey(id),
    queryFn: ({ signal }) => getFileInfo(id, { signal }),
  })
}

export function useFileInfo(id: string) {
  return useQuery(fileInfoQueryOptions(id))
}
