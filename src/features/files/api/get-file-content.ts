import { queryOptions, useQuery } from '@tanstack/react-query'
import { ApiError } from '../../../lib/api'
import { fileUrl } from './upload-file'

/**
 * The file's bytes, for showing it in the page. Fetched rather than framed directly: the API sends
 * stored files as attachments that may not be framed, which keeps them from ever running as a page.
 */
export async function getFileContent(id: string, options: { signal?: AbortSignal } = {}): Promise<Blob> {
  const res = await fetch(fileUrl(id), { credentials: 'include', signal: options.signal })
  if (!res.ok) {
    throw new ApiError({
      status: res.status,
      code: 'UNEXPECTED_RESPONSE',
      message: `The file could not be downloaded (${res.status}).`,
    })
  }
  return res.blob()
}

export function fileContentQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['files', 'content', id] as const,
    queryFn: ({ signal }) => getFileContent(id, { signal }),
    // Up to 10 MB each: let go of it soon after the viewer closes.
    gcTime: 30_000,
  })
}

export function useFileContent(id: string, options: { isEnabled: boolean }) {
  return useQuery({ ...fileContentQueryOptions(id), enabled: options.isEnabled })
}
