import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { interviewResultsQueryKey } from './get-interview-results'
import { interviewLinksQueryKey } from './list-interview-links'
import { interviewListsQueryKey } from './list-interviews'

/** Deletes the interview with its transcript, links and files. */
export async function deleteInterview(id: string): Promise<void> {
  await unwrap(await api.api.interviews[':id'].$delete({ param: { id } }))
}

/** Marks a deletion this tab is making, so its own live event does not make the page refetch meanwhile. */
export const deleteInterviewMutationKey = (id: string) => ['interviews', 'delete', id] as const

/** Drops every cached answer about a deleted interview, and refreshes the lists that showed it. */
export function forgetInterview(queryClient: QueryClient, id: string): Promise<void> {
  for (const queryKey of [interviewQueryKey(id), interviewResultsQueryKey(id), interviewLinksQueryKey(id)]) {
    queryClient.removeQueries({ queryKey, exact: true })
  }
  return queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })
}

/** Deletes the interview, then shows the list of interviews. */
export function useDeleteInterview(id: string) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationKey: deleteInterviewMutationKey(id),
    mutationFn: () => deleteInterview(id),
    onSuccess: async () => {
      // Leave first, synchronously, so the page does not ask for the interview it showed and find it gone.
      await navigate('/interviews', { replace: true, flushSync: true })
      return forgetInterview(queryClient, id)
    },
  })
}
