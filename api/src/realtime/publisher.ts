import { randomUUID } from 'node:crypto'
import type { Logger } from '../infra/logger.js'
import {
  EVENT_PAYLOAD_SCHEMAS,
  type EventEnvelope,
  type EventPayloadInput,
  type EventType,
  type SocketServer,
} from './events.js'

export const userRoom = (userId: string) => `user:${userId}`
export const signInSessionRoom = (signInSessionId: string) => `session:${signInSessionId}`
export const ADMIN_ROOM = 'role:ADMIN'

/**
 * Sends live updates to the people they concern. Callers publish after their database commit;
 * with the Redis adapter an event reaches the user's sockets on every API instance.
 */
export class Realtime {
  private io: SocketServer | undefined

  constructor(private readonly logger: Logger) {}

  attach(io: SocketServer): void {
    this.io = io
  }

  /**
   * Parses the payload with its schema, wraps the parsed form (dates as ISO strings, as in HTTP
   * responses) in the envelope and emits it to each recipient room.
   */
  publish<T extends EventType>(
    recipients: { userIds?: string[]; admins?: boolean; socketId?: string },
    type: T,
    payload: EventPayloadInput<T>,
  ): void {
    const io = this.io
    if (!io) return
    const parsed = EVENT_PAYLOAD_SCHEMAS[type].safeParse(payload)
    if (!parsed.success) {
      // A malformed event is a bug on our side; dropping it beats sending clients something they cannot read.
      this.logger.error({ type, issues: parsed.error.issues }, 'realtime event does not match its schema')
      return
    }
    const envelope = {
      eventId: randomUUID(),
      type,
      timestamp: new Date().toISOString(),
      payload: parsed.data,
    } as EventEnvelope<T>
    const rooms = [...new Set(recipients.userIds ?? [])].map(userRoom)
    if (recipients.admins) rooms.push(ADMIN_ROOM)
    if (recipients.socketId) rooms.push(recipients.socketId)
    if (rooms.length === 0)
      return // The generic event map cannot be narrowed per call; the envelope was built from the same `type`.
    ;(io.to(rooms) as unknown as { emit(event: string, envelope: unknown): void }).emit(type, envelope)
  }

  /** Closes the sockets one sign-in session opened, on every instance (sign-out). */
  disconnectSignInSession(signInSessionId: string): void {
    this.io?.in(signInSessionRoom(signInSessionId)).disconnectSockets(true)
  }

  /** Closes all of a user's sockets on every instance (sign-out everywhere, role change, disabled). */
  disconnectUser(userId: string): void {
    this.io?.in(userRoom(userId)).disconnectSockets(true)
  }
}
