import { api, unwrap } from '../../../lib/api'
import { linkHeaders } from './link-token'

/**
 * A signed URL that opens a resumable upload of this interview's recording straight to Cloud
 * Storage; only while the interview runs, and only after consent to recording.
 */
export async function startRecording(token: string) {
  const res = await api.api.candidate.interview.recording.$post(undefined, { headers: linkHeaders(token) })
  return unwrap(res)
}
