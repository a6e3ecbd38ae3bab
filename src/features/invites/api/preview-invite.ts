import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InvitePreview = InferResponseType<
  (typeof api.api.interviews)[':id']['invites']['preview']['$get'],
  200
>

/** How the invite will read on each channel, and whether each really sends or goes to the outbox. */
export async function previewInvite(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InvitePreview> {
  const res = await api.api.interviews[':id'].invites.preview.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

export const invitePreviewQueryKey = (interviewId: string) => ['invites', 'preview', interviewId] as const

export function useInvitePreview(interviewId: string, options: { isEnabled: boolean }) {
  return useQuery(
    queryOptions({
      queryKey: invitePreviewQueryKey(interviewId),
      queryFn: ({ signal }) => previewInvite(interviewId, { signal }),
      enabled: options.isEnabled,
    }),
  )
}
