import { Hono } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { AppEnv } from '../middleware/app-env.js'
import { allowedOrigin } from '../middleware/origin.js'
import { ConnectivityClientMessageSchema, type ConnectivityServerMessage } from '../schemas/connectivity.js'

/** A check needs a few round trips; an idle socket is closed so probes cannot pile up. */
const IDLE_TIMEOUT_MS = 60_000

/**
 * `GET /api/ws/connectivity` (WebSocket). Who may call: anyone from an allowed origin; it carries
 * no data beyond timestamps.
 */
export function createConnectivityRoutes(upgradeWebSocket: UpgradeWebSocket) {
  return new Hono<AppEnv>().get(
    '/ws/connectivity',
    allowedOrigin({ isOriginRequired: false }),
    upgradeWebSocket(() => {
      let idleTimer: NodeJS.Timeout | undefined
      const send = (ws: WSContext, message: ConnectivityServerMessage) => ws.send(JSON.stringify(message))
      const resetIdleTimer = (ws: WSContext) => {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => ws.close(1000, 'idle'), IDLE_TIMEOUT_MS)
      }
      return {
        onOpen(_event, ws) {
          resetIdleTimer(ws)
          send(ws, { type: 'ready', serverTime: new Date().toISOString() })
        },
        onMessage(event, ws) {
          resetIdleTimer(ws)
          const parsed = parseMessage(event.data)
          if (!parsed.success) {
            send(ws, { type: 'error', error: { code: 'VALIDATION_FAILED', message: parsed.message } })
            return
          }
          const { id, sentAt } = parsed.data
          send(ws, { type: 'pong', id, sentAt, serverTime: new Date().toISOString() })
        },
        onClose() {
          clearTimeout(idleTimer)
        },
      }
    }),
  )
}

function parseMessage(data: unknown) {
  if (typeof data !== 'string')
    return { success: false as const, message: 'Messages must be JSON text frames.' }
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return { success: false as const, message: 'Messages must be valid JSON.' }
  }
  const result = ConnectivityClientMessageSchema.safeParse(json)
  if (!result.success) {
    return { success: false as const, message: 'Expected {"type":"ping","id":string,"sentAt":number}.' }
  }
  return { success: true as const, data: result.data }
}
