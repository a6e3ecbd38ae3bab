import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type UploadedResume = InferResponseType<typeof api.api.files.$post, 201>

/**
 * Stores a resume for the signed-in candidate, attached to nothing yet; applying names it by id.
 * The category travels in the query string: the API authorizes an upload before reading the file,
 * so it must know the category first.
 */
export async function uploadResume(file: File): Promise<UploadedResume> {
  const form = new FormData()
  form.append('file', file)
  return unwrap(await api.api.files.$post({ query: { category: 'RESUME' } }, { init: { body: form } }))
}
