import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InterviewRecording = InferResponseType<
  (typeof api.api.interviews)[':id']['recording']['$get'],
  200
>

/** A short-lived signed URL that plays the interview's recording (404 when there is none). */
export async function getInterviewRecording(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InterviewRecording> {
  const res = await api.api.interviews[':id'].recording.$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

export const interviewRecordingQueryKey = (id: string) => ['interviews', 'recording', id] as const

/**
 * The URL lives 15 minutes. It is not refreshed on a timer, which would restart a playing video;
 * the player asks for a fresh one when the old one stops working.
 */
export function useInterviewRecordingPlayback(id: string) {
  return useQuery({
    ...queryOptions({
      queryKey: interviewRecordingQueryKey(id),
      queryFn: ({ signal }) => getInterviewRecording(id, { signal }),
    }),
    staleTime: Number.POSITIVE_INFINITY,
    // "No recording" and "not configured" are answers, not failures to retry.
    retry: false,
  })
}
