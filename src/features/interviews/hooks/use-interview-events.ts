import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { deleteInterviewMutationKey } from '../api/delete-interview'
import { interviewQueryKey } from '../api/get-interview'
import { interviewRecordingQueryKey } from '../api/get-interview-recording'
import {
  type InterviewResults,
  interviewResultsQueryKey,
  type TranscriptMessage,
} from '../api/get-interview-results'
import { interviewEvaluationsQueryKey } from '../api/list-interview-evaluations'
import { interviewLinksQueryKey } from '../api/list-interview-links'
import { type Interview, interviewListsQueryKey } from '../api/list-interviews'

function patchInterview(queryClient: QueryClient, id: string, patch: Partial<Interview>): void {
  queryClient.setQueryData<Interview>(interviewQueryKey(id), (interview) =>
    interview ? { ...interview, ...patch } : interview,
  )
}

/**
 * Keeps cached interviews current from live events: the event carries the interview (or the changed
 * fields), so the detail is patched in place. Lists are filtered and sorted by the server, so they
 * are marked stale instead, which refetches only the ones on screen.
 */
export function useInterviewEvents(): void {
  const queryClient = useQueryClient()
  const invalidateLists = () => queryClient.invalidateQueries({ queryKey: interviewListsQueryKey })

  const storeInterview = (interview: Interview) => {
    queryClient.setQueryData(interviewQueryKey(interview.id), interview)
    void invalidateLists()
  }

  useRealtimeEvent('interview:created', ({ payload }) => storeInterview(payload.interview))
  useRealtimeEvent('interview:updated', ({ payload }) => storeInterview(payload.interview))

  useRealtimeEvent('interview:deleted', ({ payload }) => {
    const { interviewId } = payload
    // This tab is deleting it: the mutation leaves the page and cleans up when it ends.
    if (queryClient.isMutating({ mutationKey: deleteInterviewMutationKey(interviewId) }) > 0) return
    for (const queryKey of [interviewResultsQueryKey(interviewId), interviewLinksQueryKey(interviewId)]) {
      queryClient.removeQueries({ queryKey, exact: true })
    }
    // An open detail page asks again and says the interview is gone, rather than showing it.
    void queryClient.invalidateQueries({ queryKey: interviewQueryKey(interviewId), exact: true })
    void invalidateLists()
  })

  // A candidate starting or finishing changes the transcript too.
  useRealtimeEvent('interview:started', ({ payload }) => {
    patchInterview(queryClient, payload.interviewId, { status: payload.status, startedAt: payload.startedAt })
    void queryClient.invalidateQueries({ queryKey: interviewResultsQueryKey(payload.interviewId) })
    void invalidateLists()
  })
  useRealtimeEvent('interview:completed', ({ payload }) => {
    patchInterview(queryClient, payload.interviewId, {
      status: payload.status,
      completedAt: payload.completedAt,
    })
    void queryClient.invalidateQueries({ queryKey: interviewResultsQueryKey(payload.interviewId) })
    void invalidateLists()
  })

  // The candidate's recording finished uploading: ask for a URL to play it.
  useRealtimeEvent('interview:recording', ({ payload }) => {
    void queryClient.invalidateQueries({ queryKey: interviewRecordingQueryKey(payload.interviewId) })
  })

  // The transcript grows as the candidate and the interviewer speak; a message seen twice (a
  // recovered connection replays what it missed) is kept once.
  useRealtimeEvent('interview:message', ({ payload }) => {
    const { message } = payload
    const entry: TranscriptMessage = {
      id: message.id,
      role: message.role === 'candidate' ? 'user' : 'assistant',
      content: message.content,
      createdAt: message.createdAt,
    }
    queryClient.setQueryData<InterviewResults>(interviewResultsQueryKey(payload.interviewId), (results) =>
      results && !results.messages.some((known) => known.id === entry.id)
        ? { ...results, messages: [...results.messages, entry] }
        : results,
    )
  })

  useRealtimeEvent('interview:scored', ({ payload }) => {
    void queryClient.invalidateQueries({ queryKey: interviewEvaluationsQueryKey(payload.interviewId) })
    const scored = { score: payload.score, transcriptSummary: payload.transcriptSummary }
    patchInterview(queryClient, payload.interviewId, scored)
    queryClient.setQueryData<InterviewResults>(interviewResultsQueryKey(payload.interviewId), (results) =>
      results ? { ...results, ...scored } : results,
    )
    void invalidateLists()
  })
}
