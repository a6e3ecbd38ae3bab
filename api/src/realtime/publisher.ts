import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
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
 * A candidate's access to an interview ended: a link revoked, the interview completed, expired or
 * deleted; or a new voice session began for it. Open voice sockets on every instance listen for it
 * and close. `linkId` is set when only that link lost access.
 */
export type InterviewAccessChange = {
  interviewId: string
  linkId?: string
  reason: 'link_revoked' | 'interview_ended' | 'interview_deleted' | 'voice_session_started'
  /** Why the interview ended, as stored in `Interview.endReason` (`time_limit`, …). */
  endReason?: string
  /** With `voice_session_started`: the new session, which replaces any other for the interview. */
  sessionId?: string
}

type AccessListener = (change: InterviewAccessChange) => void

/**
 * Sends live updates to the people they concern. Callers publish after their database commit;
 * with the Redis adapter an event reaches the user's sockets on every API instance.
 */
export class Realtime {
  private io: SocketServer | undefined
  private subscriber: Redis | undefined
  private readonly accessListeners = new Map<string, Set<AccessListener>>()

  /**
   * With `redis`, access changes travel over its pub/sub (channel names are not key-prefixed by
   * ioredis, so the prefix is added here); without it they reach this instance only.
   */
  constructor(
    private readonly logger: Logger,
    private readonly access?: { redis: Redis; keyPrefix: string },
  ) {}

  private get accessChannel() {
    return `${this.access?.keyPrefix ?? ''}interview-access`
  }

  /** Tells every instance that a candidate's access changed; call it after the commit. */
  publishAccessChange(change: InterviewAccessChange): void {
    if (!this.access) {
      this.deliverAccessChange(change)
      return
    }
    this.access.redis
      .publish(this.accessChannel, JSON.stringify(change))
      .catch((error) => this.logger.warn({ err: error }, 'interview access change not published'))
  }

  /**
   * Calls `listener` when access to the interview changes, on any instance. Resolves once the
   * subscription is in place; returns the function that ends it.
   */
  async watchInterviewAccess(interviewId: string, listener: AccessListener): Promise<() => void> {
    let listeners = this.accessListeners.get(interviewId)
    if (!listeners) {
      listeners = new Set()
      this.accessListeners.set(interviewId, listeners)
    }
    listeners.add(listener)
    if (this.access && !this.subscriber) {
      // A connection in subscriber mode can do nothing else, so it is one of its own, shared by all sessions.
      const subscriber = this.access.redis.duplicate()
      this.subscriber = subscriber
      subscriber.on('message', (_channel: string, message: string) => {
        try {
          this.deliverAccessChange(JSON.parse(message) as InterviewAccessChange)
        } catch (error) {
          this.logger.warn({ err: error }, 'unreadable interview access change')
        }
      })
      subscriber.on('error', (error) => this.logger.warn({ err: error }, 'interview access subscription'))
    }
    await this.subscriber?.subscribe(this.accessChannel)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) this.accessListeners.delete(interviewId)
    }
  }

  private deliverAccessChange(change: InterviewAccessChange) {
    for (const listener of this.accessListeners.get(change.interviewId) ?? []) {
      try {
        listener(change)
      } catch (error) {
        this.logger.error({ err: error }, 'interview access listener failed')
      }
    }
  }

  /** Ends the access subscription; called when the services close. */
  async close(): Promise<void> {
    const subscriber = this.subscriber
    this.subscriber = undefined
    await subscriber?.quit().catch(() => subscriber.disconnect())
  }

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
