import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type VoiceReport = InferResponseType<(typeof api.api.interviews)[':id']['voice-report']['$get'], 200>

/** A voice interview's response gaps, talk-overs and the candidate's speech measures. */
export async function getVoiceReport(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<VoiceReport> {
  const res = await api.api.interviews[':id']['voice-report'].$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

export const voiceReportQueryKey = (id: string) => ['interviews', 'voice-report', id] as const

export function useVoiceReport(id: string, options: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({
      queryKey: voiceReportQueryKey(id),
      queryFn: ({ signal }) => getVoiceReport(id, { signal }),
    }),
    enabled: options.enabled,
  })
}
