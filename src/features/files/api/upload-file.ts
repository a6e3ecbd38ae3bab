import { useMutation } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type UploadedFile = InferResponseType<typeof api.api.files.$post, 201>
export type FileCategory = UploadedFile['category']

/**
 * Uploads one file. The category travels in the query string so the API knows its size limit and
 * accepted types before the first byte of the file arrives.
 */
export async function uploadFile(input: {
  file: File
  category: FileCategory
  jobApplicationId?: string
}): Promise<UploadedFile> {
  const form = new FormData()
  form.append('file', input.file, input.file.name)
  const query: Record<string, string> = { category: input.category }
  if (input.jobApplicationId) query.jobApplicationId = input.jobApplicationId
  const url = api.api.files.$url({ query })
  const res = await fetch(url, { method: 'POST', body: form, credentials: 'include' })
  return unwrap(res as unknown as Awaited<ReturnType<typeof api.api.files.$post>>)
}

export function useUploadFile() {
  return useMutation({ mutationFn: uploadFile })
}

/** Where a stored file is read from (same origin; the session cookie authorises it). */
export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`
}
