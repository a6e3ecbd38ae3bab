import { useMutation } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type EvidenceVerification = InferResponseType<
  (typeof api.api.interviews)[':id']['evidence']['verify']['$get'],
  200
>

/** Re-checks every hash and link of the interview's evidence log, now. */
export async function verifyInterviewEvidence(id: string): Promise<EvidenceVerification> {
  const res = await api.api.interviews[':id'].evidence.verify.$get({ param: { id }, query: {} })
  return unwrap(res)
}

export function useVerifyInterviewEvidence(id: string) {
  return useMutation({ mutationFn: () => verifyInterviewEvidence(id) })
}

/** Where the whole log downloads as JSON (same origin: the session cookie goes with it). */
export const interviewEvidenceExportUrl = (id: string) =>
  api.api.interviews[':id'].evidence.$url({ param: { id } }).pathname
