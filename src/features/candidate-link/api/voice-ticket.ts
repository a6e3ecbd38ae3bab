import { ApiError, api, unwrap } from '../../../lib/api'
import { linkHeaders } from './link-token'

/** A one-minute, single-use ticket for the voice socket; asked again for every (re)connection. */
export async function requestVoiceTicket(token: string) {
  const res = await api.api.candidate.interview['voice-ticket'].$post(undefined, {
    headers: linkHeaders(token),
  })
  return unwrap(res)
}

/** The server has no speech services: the interview can only be taken in text. */
export function isVoiceNotConfigured(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 409 &&
    (error.details as { reason?: unknown } | undefined)?.reason === 'voice_not_configured'
  )
}

/** The socket's address on this page's origin, from the ticket's relative `url`. */
export function voiceSocketUrl(relativeUrl: string): string {
  const url = new URL(relativeUrl, window.location.origin)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}
