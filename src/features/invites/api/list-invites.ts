import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InviteMessage = InferResponseType<
  (typeof api.api.interviews)[':id']['invites']['$get'],
  200
>['items'][number]
export type InviteStatus = InviteMessage['status']

/** The interview's invites, newest first, each with where it stands. */
export async function listInvites(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InviteMessage[]> {
  const res = await api.api.interviews[':id'].invites.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return (await unwrap(res)).items
}

export const invitesQueryKey = (interviewId: string) => ['invites', 'interview', interviewId] as const

export function invitesQueryOptions(interviewId: string) {
  return queryOptions({
    queryKey: invitesQueryKey(interviewId),
    queryFn: ({ signal }) => listInvites(interviewId, { signal }),
  })
}

export function useInvites(interviewId: string) {
  return useQuery(invitesQueryOptions(interviewId))
}
