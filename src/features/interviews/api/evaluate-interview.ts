import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { interviewQueryKey } from './get-interview'
import { interviewResultsQueryKey } from './get-interview-results'
import { interviewEvaluationsQueryKey } from './list-interview-evaluations'

/** Scores the transcript again with the default rubric; earlier evaluations are kept. */
export async function evaluateInterview(id: string) {
  const res = await api.api.interviews[':id'].evaluate.$post({ param: { id }, json: {} })
  return (await unwrap(res)).evaluation
}

export function useEvaluateInterview(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => evaluateInterview(id),
    onSuccess: () =>
      Promise.all(
        [interviewEvaluationsQueryKey(id), interviewResultsQueryKey(id), interviewQueryKey(id)].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey, exact: true }),
        ),
      ),
  })
}
