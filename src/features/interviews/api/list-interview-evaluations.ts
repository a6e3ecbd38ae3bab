import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InterviewEvaluations = InferResponseType<
  (typeof api.api.interviews)[':id']['evaluations']['$get'],
  200
>
export type Evaluation = InterviewEvaluations['items'][number]
export type EvaluationCriterion = NonNullable<Evaluation['criteria']>[number]
export type QuoteEvidence = EvaluationCriterion['evidence'][number]

/** Every evaluation of the interview, newest first, and whether scoring can run now. */
export async function listInterviewEvaluations(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InterviewEvaluations> {
  const res = await api.api.interviews[':id'].evaluations.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

export const interviewEvaluationsQueryKey = (id: string) => ['interviews', 'evaluations', id] as const

export function useInterviewEvaluations(id: string) {
  return useQuery(
    queryOptions({
      queryKey: interviewEvaluationsQueryKey(id),
      queryFn: ({ signal }) => listInterviewEvaluations(id, { signal }),
    }),
  )
}
