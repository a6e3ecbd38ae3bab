/**
 * The socket.io contract shared by the API and the SPA. Event names are `domain:verb`. Every
 * server event travels in one envelope, `{ eventId, type, timestamp, payload }`, whose payload is
 * validated against its schema before it is emitted. Acknowledgements answer `{ ok: true, data }`
 * or `{ ok: false, error: { code, message } }` with the API's error codes.
 */
import type { Server } from 'socket.io'
import { z } from 'zod'
import type { ErrorCode } from '../lib/errors.js'
import { ApplicationSchema, ApplicationStatusSchema } from '../schemas/applications.js'
import { InterviewMessageSchema } from '../schemas/candidate.js'
import { IsoDateTimeSchema } from '../schemas/dates.js'
import { InterviewSchema, InterviewStatusSchema } from '../schemas/interviews.js'
import { DeliveryStatusSchema, InviteBatchCountsSchema, InviteMessageSchema } from '../schemas/invites.js'
import { JobSchema } from '../schemas/jobs.js'

export const EVENT_PAYLOAD_SCHEMAS = {
  'system:connected': z.object({ userId: z.string(), serverTime: IsoDateTimeSchema }),
  'interview:created': z.object({ interview: InterviewSchema }),
  'interview:updated': z.object({ interview: InterviewSchema }),
  'interview:deleted': z.object({ interviewId: z.string() }),
  'interview:started': z.object({
    interviewId: z.string(),
    status: InterviewStatusSchema,
    startedAt: IsoDateTimeSchema.nullable(),
  }),
  'interview:completed': z.object({
    interviewId: z.string(),
    status: InterviewStatusSchema,
    completedAt: IsoDateTimeSchema.nullable(),
  }),
  'interview:message': z.object({ interviewId: z.string(), message: InterviewMessageSchema }),
  'interview:scored': z.object({
    interviewId: z.string(),
    score: z.number().int(),
    transcriptSummary: z.string().nullable(),
  }),
  /** The candidate's recording finished uploading; the recruiter's page can play it now. */
  'interview:recording': z.object({
    interviewId: z.string(),
    size: z.number().int(),
    recordedAt: IsoDateTimeSchema,
  }),
  'application:new': z.object({ application: ApplicationSchema }),
  'application:updated': z.object({
    application: ApplicationSchema,
    previousStatus: ApplicationStatusSchema,
  }),
  'job:updated': z.object({ job: JobSchema }),
  /** An invite's send attempt or a delivery report changed it; `message` is the whole message as listed. */
  'email:status': z.object({
    interviewId: z.string(),
    messageId: z.string(),
    status: DeliveryStatusSchema,
    message: InviteMessageSchema,
  }),
  'whatsapp:status': z.object({
    interviewId: z.string(),
    messageId: z.string(),
    status: DeliveryStatusSchema,
    message: InviteMessageSchema,
  }),
  /** A bulk invite's sends progressed. */
  'invite:batch': z.object({
    batchId: z.string(),
    jobId: z.string(),
    counts: InviteBatchCountsSchema,
    isComplete: z.boolean(),
  }),
} as const

export type EventType = keyof typeof EVENT_PAYLOAD_SCHEMAS
/** A payload as clients receive it: dates are ISO strings. */
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_PAYLOAD_SCHEMAS)[T]>
/** A payload as services hand it to the publisher: dates may still be `Date`s, which its schema formats. */
export type EventPayloadInput<T extends EventType> = z.input<(typeof EVENT_PAYLOAD_SCHEMAS)[T]>

export type EventEnvelope<T extends EventType = EventType> = {
  eventId: string
  type: T
  timestamp: string
  payload: EventPayload<T>
}

export type SocketAck<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } }

export type ServerToClientEvents = { [T in EventType]: (envelope: EventEnvelope<T>) => void }

export interface ClientToServerEvents {
  /** Round-trip check used by the SPA's connection indicator. */
  'system:ping': (ack: (response: SocketAck<{ serverTime: string }>) => void) => void
}

// biome-ignore lint/complexity/noBannedTypes: no messages travel between server instances besides the adapter's own
export type InterServerEvents = {}

/** Set by the handshake: who this socket belongs to. */
export type SocketData = {
  userId: string
  role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN'
  signInSessionId: string
}

/** Sent with `connect_error` when a handshake is refused. */
export type ConnectErrorData = {
  code: Extract<ErrorCode, 'UNAUTHORIZED' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE'>
  message: string
}

/** socket.io's server, typed by this contract. */
export type SocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
