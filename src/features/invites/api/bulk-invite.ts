import { useMutation } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type BulkInviteResult = InferResponseType<
  (typeof api.api.jobs)[':id']['invites']['bulk']['$post'],
  200
>
export type BulkChannel = 'email' | 'whatsapp'

/**
 * Sends a candidate list (a chosen CSV file, or pasted text in the same format) to be checked
 * (`isDryRun`) or invited. The server parses the CSV, so pasted and uploaded lists are read alike.
 */
export async function bulkInvite(input: {
  jobId: string
  file: File
  channels: BulkChannel[]
  isDryRun: boolean
}): Promise<BulkInviteResult> {
  const form = new FormData()
  form.append('channels', input.channels.join(','))
  form.append('dryRun', input.isDryRun ? 'true' : 'false')
  form.append('file', input.file)
  // The route takes JSON rows or this form; the typed client would ask for both bodies at once.
  const url = api.api.jobs[':id'].invites.bulk.$url({ param: { id: input.jobId } })
  const res = await fetch(url, { method: 'POST', body: form, credentials: 'include' })
  return (await unwrap(res)) as unknown as BulkInviteResult
}

export function useBulkInvite() {
  return useMutation({ mutationFn: bulkInvite })
}
