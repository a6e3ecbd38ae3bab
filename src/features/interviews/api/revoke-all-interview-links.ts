import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { interviewLinksQueryKey } from './list-interview-links'
import type { Interview } from './list-interviews'

/** Revokes every live link of the interview; answers how many were live. */
export async function revokeAllInterviewLinks(id: string): Promise<number> {
  return (await unwrap(await api.api.interviews[':id'].sessions.$delete({ param: { id } }))).revoked
}

export function useRevokeAllInterviewLinks(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => revokeAllInterviewLinks(id),
    onSuccess: () => {
      queryClient.setQueryData<Interview>(interviewQueryKey(id), (interview) =>
        interview ? { ...interview, interviewUrl: null } : interview,
      )
      return queryClient.invalidateQueries({ queryKey: interviewLinksQueryKey(id) })
    },
  })
}
