import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'

/** Withdraws the candidate's application; the recruiter sees it as withdrawn. */
export async function withdrawApplication(id: string) {
  return (await unwrap(await api.api.applications[':id'].withdraw.$post({ param: { id } }))).application
}

export function useWithdrawApplication() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: withdrawApplication,
    // Both the list and each job page's "did I apply" answer start with this key.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
  })
}
