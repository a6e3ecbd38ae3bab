import type { QueryClient } from '@tanstack/react-query'
import { type CandidateInterview, candidateInterviewQueryKey } from './get-candidate-interview'

/** Where the interview stands, as consent, start and end answer it. */
export type InterviewStateUpdate = Pick<CandidateInterview, 'status' | 'state'>

/** Puts a fresher status and state into the cached interview, so the page moves on without a refetch. */
export function storeInterviewState(queryClient: QueryClient, token: string, update: InterviewStateUpdate) {
  queryClient.setQueryData<CandidateInterview>(candidateInterviewQueryKey(token), (interview) =>
    interview ? { ...interview, status: update.status, state: update.state } : interview,
  )
}
