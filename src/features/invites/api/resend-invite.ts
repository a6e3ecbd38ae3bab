import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewLinksQueryKey, interviewQueryKey } from '../../interviews'
import { invitesQueryKey } from './list-invites'

/** Sends a message again, as a new message to the same recipient with the interview's active link. */
export async function resendInvite(interviewId: string, messageId: string) {
  const res = await api.api.interviews[':id'].invites[':messageId'].resend.$post({
    param: { id: interviewId, messageId },
  })
  return (await unwrap(res)).message
}

export function useResendInvite(interviewId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (messageId: string) => resendInvite(interviewId, messageId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invitesQueryKey(interviewId) }),
        queryClient.invalidateQueries({ queryKey: interviewQueryKey(interviewId) }),
        queryClient.invalidateQueries({ queryKey: interviewLinksQueryKey(interviewId) }),
      ]),
  })
}
