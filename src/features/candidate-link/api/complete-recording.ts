import { api, unwrap } from '../../../lib/api'
import { linkHeaders } from './link-token'

/** Tells the server the recording's last chunk is in the bucket, so it becomes the interview's recording. */
export async function completeRecording(token: string, objectKey: string) {
  const res = await api.api.candidate.interview.recording.complete.$post(
    { json: { objectKey } },
    { headers: linkHeaders(token) },
  )
  return unwrap(res)
}
