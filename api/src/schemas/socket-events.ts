/**
 * The socket.io contract shared by the API and the SPA. Event names are `domain:verb`; every
 * acknowledgement answers `{ ok: true, data }` or `{ ok: false, error: { code, message } }` with the
 * API's error codes.
 */
import type { ErrorCode } from '../lib/errors.js'

export type SocketAck<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } }

export interface ClientToServerEvents {
  /** Round-trip check used by the SPA's connection indicator. */
  'system:ping': (ack: (response: SocketAck<{ serverTime: string }>) => void) => void
}

// biome-ignore lint/complexity/noBannedTypes: events are added as features arrive
export type ServerToClientEvents = {}

// biome-ignore lint/complexity/noBannedTypes: nothing is sent between server instances yet
export type InterServerEvents = {}

export type SocketData = Record<string, never>
