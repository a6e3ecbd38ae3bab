import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { type InterviewLink, interviewLinksQueryKey } from './list-interview-links'

/** Issues a new candidate link, which becomes the interview's current one. */
export async function createInterviewLink(id: string): Promise<InterviewLink> {
  return (await unwrap(await api.api.interviews[':id'].sessions.$post({ param: { id }, json: {} }))).link
}

export function useCreateInterviewLink(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => createInterviewLink(id),
    // The interview's own `interviewUrl` now points at the new link too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: interviewLinksQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: interviewQueryKey(id) }),
      ]),
  })
}
