import type { InferRequestType } from 'hono/client'
import { api } from '../../../lib/api'
import { linkHeaders } from './link-token'

export type IntegrityEvent = InferRequestType<typeof api.api.candidate.interview.events.$post>['json']
export type IntegrityEventType = IntegrityEvent['type']

/**
 * Sends one integrity signal. Best effort by design: a signal that cannot be sent is dropped, and
 * nothing here ever throws into, or waits on, the candidate's interview. `keepalive` lets a signal
 * sent as the tab goes away still arrive.
 */
export function recordIntegrityEvent(token: string, event: IntegrityEvent): void {
  api.api.candidate.interview.events
    .$post({ json: event }, { headers: linkHeaders(token), init: { keepalive: true } })
    .catch(() => undefined)
}
