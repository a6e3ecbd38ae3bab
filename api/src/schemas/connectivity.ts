import { z } from 'zod'

/**
 * The connectivity WebSocket (`/api/ws/connectivity`): the device check opens it before a voice
 * interview to prove WebSockets pass the candidate's network and to measure the round trip.
 */
export const ConnectivityClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), id: z.string().min(1).max(64), sentAt: z.number().finite() }),
])
export type ConnectivityClientMessage = z.infer<typeof ConnectivityClientMessageSchema>

export const ConnectivityServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), serverTime: z.string() }),
  z.object({ type: z.literal('pong'), id: z.string(), sentAt: z.number(), serverTime: z.string() }),
  z.object({
    type: z.literal('error'),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
])
export type ConnectivityServerMessage = z.infer<typeof ConnectivityServerMessageSchema>
