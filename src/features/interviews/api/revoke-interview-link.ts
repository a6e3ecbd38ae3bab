import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { type InterviewLink, interviewLinksQueryKey } from './list-interview-links'
import type { Interview } from './list-interviews'

/** Revokes one candidate link: it stops working at once. */
export async function revokeInterviewLink(id: string, linkId: string): Promise<InterviewLink> {
  const res = await api.api.interviews[':id'].sessions[':sessionId'].$delete({
    param: { id, sessionId: linkId },
  })
  return (await unwrap(res)).link
}

export function useRevokeInterviewLink(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (linkId: string) => revokeInterviewLink(id, linkId),
    onSuccess: (revoked) => {
      queryClient.setQueryData<InterviewLink[]>(interviewLinksQueryKey(id), (links) =>
        links?.map((link) => (link.id === revoked.id ? revoked : link)),
      )
      // Revoking the current link leaves the interview without one, as the API does.
      queryClient.setQueryData<Interview>(interviewQueryKey(id), (interview) =>
        interview?.interviewUrl === revoked.url ? { ...interview, interviewUrl: null } : interview,
      )
    },
  })
}
