import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { interviewLinksQueryKey, interviewQueryKey } from '../../interviews'
import { invitesQueryKey } from './list-invites'

export type SendInvitesInput = InferRequestType<
  (typeof api.api.interviews)[':id']['invites']['$post']
>['json']

/** Records the invite on the chosen channels; sending follows, and its status arrives live. */
export async function sendInvites(interviewId: string, input: SendInvitesInput) {
  return unwrap(await api.api.interviews[':id'].invites.$post({ param: { id: interviewId }, json: input }))
}

export function useSendInvites(interviewId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: SendInvitesInput) => sendInvites(interviewId, input),
    // The interview may have a new link too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invitesQueryKey(interviewId) }),
        queryClient.invalidateQueries({ queryKey: interviewQueryKey(interviewId) }),
        queryClient.invalidateQueries({ queryKey: interviewLinksQueryKey(interviewId) }),
      ]),
  })
}
