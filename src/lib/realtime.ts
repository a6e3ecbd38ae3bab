import type { io, Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  ConnectErrorData,
  EventEnvelope,
  EventType,
  ServerToClientEvents,
} from '../../api/src/realtime/events'

export type { EventEnvelope, EventType }

/**
 * VantaHire's live updates: one socket.io connection per tab, to the page's own origin (the API
 * serves the SPA, so the session cookie authenticates the handshake). It is opened while someone is
 * signed in and closed when they sign out; socket.io reconnects by itself after a dropped network,
 * and the server replays what a tab missed during a short drop. The socket.io client itself is
 * downloaded only when the connection is first opened: anonymous visitors never need it.
 */
export type RealtimeStatus =
  /** Closed: nobody is signed in. */
  | 'idle'
  /** The first handshake is on its way. */
  | 'connecting'
  | 'live'
  /** The connection dropped or was briefly refused; another attempt is coming by itself. */
  | 'reconnecting'
  /** The browser has no network, or the server refused the connection for a while. */
  | 'offline'

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Why the socket needs the app's attention, beyond what the status shows. */
export type RealtimeNotice =
  /** The server refused the session or ended it: whoever was signed in may not be any more. */
  | { type: 'auth-failed' }
  /**
   * Connected, and the server could not replay what came before (a first connection, or a drop
   * longer than its recovery window): data fetched before `connectedAt` may have missed events.
   */
  | { type: 'resync'; connectedAt: number }

/** After the server refuses a handshake socket.io does not retry; these delays do it instead. */
const SERVICE_UNAVAILABLE_RETRY_MS = 5_000
const TOO_MANY_CONNECTIONS_RETRY_MS = 30_000

let socket: RealtimeSocket | undefined
let socketLoading: Promise<RealtimeSocket> | undefined
let isWanted = false
/** Whether this connection has been up before: it then reopens as "reconnecting", not "connecting". */
let hasConnected = false
let retryTimer: ReturnType<typeof setTimeout> | undefined
let status: RealtimeStatus = 'idle'
const statusListeners = new Set<() => void>()
const noticeListeners = new Set<(notice: RealtimeNotice) => void>()
/** Subscribers by event type; kept here, so pages subscribe before (or without) a socket. */
const eventListeners = new Map<string, Set<(envelope: never) => void>>()

function setStatus(next: RealtimeStatus): void {
  if (status === next) return
  status = next
  for (const listener of statusListeners) listener()
}

function notify(notice: RealtimeNotice): void {
  for (const listener of noticeListeners) listener(notice)
}

function retryLater(delayMs: number): void {
  clearTimeout(retryTimer)
  retryTimer = setTimeout(() => {
    withSocket((current) => {
      if (!current.connected) current.connect()
    })
  }, delayMs)
}

/**
 * Runs `use` with the socket once it exists, if the connection is still wanted then. A failed
 * download of the socket.io client (a flaky network, or a deploy that replaced it) is retried.
 */
function withSocket(use: (current: RealtimeSocket) => void): void {
  loadSocket().then(
    (current) => {
      if (isWanted) use(current)
    },
    () => {
      socketLoading = undefined
      if (!isWanted) return
      setStatus(navigator.onLine ? 'reconnecting' : 'offline')
      retryLater(SERVICE_UNAVAILABLE_RETRY_MS)
    },
  )
}

function isConnectErrorData(value: unknown): value is ConnectErrorData {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
}

function loadSocket(): Promise<RealtimeSocket> {
  socketLoading ??= import('socket.io-client').then((client) => createSocket(client.io))
  return socketLoading
}

function createSocket(connect: typeof io): RealtimeSocket {
  const created: RealtimeSocket = connect({
    path: '/socket.io/',
    withCredentials: true,
    transports: ['websocket', 'polling'],
    autoConnect: false,
  })

  // Each envelope goes to the listeners of its own type (the map holds listeners of every type).
  created.onAny((type: string, envelope: unknown) => {
    for (const listener of eventListeners.get(type) ?? []) listener(envelope as never)
  })

  created.on('connect', () => {
    clearTimeout(retryTimer)
    setStatus('live')
    if (!created.recovered) notify({ type: 'resync', connectedAt: Date.now() })
    hasConnected = true
  })

  created.on('disconnect', (reason) => {
    if (!isWanted) {
      setStatus('idle')
    } else if (created.active) {
      setStatus(navigator.onLine ? 'reconnecting' : 'offline')
    } else {
      // The server closed this session's sockets: signed out elsewhere, or the account changed.
      setStatus('offline')
      if (reason === 'io server disconnect') notify({ type: 'auth-failed' })
    }
  })

  created.on('connect_error', (error) => {
    if (!isWanted) return
    if (created.active) {
      // Network trouble: socket.io keeps trying with its own backoff.
      setStatus(navigator.onLine ? 'reconnecting' : 'offline')
      return
    }
    const data = (error as Error & { data?: unknown }).data
    const code = isConnectErrorData(data) ? data.code : undefined
    if (code === 'UNAUTHORIZED') {
      setStatus('offline')
      notify({ type: 'auth-failed' })
    } else if (code === 'RATE_LIMITED') {
      setStatus('offline')
      retryLater(TOO_MANY_CONNECTIONS_RETRY_MS)
    } else {
      setStatus('reconnecting')
      retryLater(SERVICE_UNAVAILABLE_RETRY_MS)
    }
  })

  window.addEventListener('offline', () => {
    if (isWanted && !created.connected) setStatus('offline')
  })
  window.addEventListener('online', () => {
    if (!isWanted || created.connected) return
    setStatus('reconnecting')
    created.connect()
  })

  socket = created
  return created
}

/**
 * Opens the connection for whoever is signed in now. Call `closeRealtime` first when another user
 * signs in, so the new handshake carries their session cookie.
 */
export function openRealtime(): void {
  isWanted = true
  clearTimeout(retryTimer)
  if (socket?.connected) {
    setStatus('live')
  } else if (!socket?.active) {
    setStatus(hasConnected ? 'reconnecting' : navigator.onLine ? 'connecting' : 'offline')
    withSocket((current) => {
      if (!current.active) current.connect()
    })
  }
}

/** Tries to open the connection again after `delayMs`, unless it was closed meanwhile. */
export function retryRealtime(delayMs: number): void {
  retryLater(delayMs)
}

/** Closes the connection (signed out); nothing reconnects until `openRealtime` is called again. */
export function closeRealtime(): void {
  isWanted = false
  hasConnected = false
  clearTimeout(retryTimer)
  socket?.disconnect()
  setStatus('idle')
}

/** The connection's state now; `subscribeToRealtimeStatus` says when it changes. */
export function getRealtimeStatus(): RealtimeStatus {
  return status
}

/** Calls `listener` whenever the connection's state changes; returns the unsubscribe function. */
export function subscribeToRealtimeStatus(listener: () => void): () => void {
  statusListeners.add(listener)
  return () => {
    statusListeners.delete(listener)
  }
}

/** Calls `listener` with notices about the connection itself; returns the unsubscribe function. */
export function subscribeToRealtimeNotices(listener: (notice: RealtimeNotice) => void): () => void {
  noticeListeners.add(listener)
  return () => {
    noticeListeners.delete(listener)
  }
}

/** Calls `listener` with every server event of `type`; returns the unsubscribe function. */
export function subscribeToRealtimeEvent<T extends EventType>(
  type: T,
  listener: (envelope: EventEnvelope<T>) => void,
): () => void {
  // The map holds every type's listeners; each is only ever called with envelopes of its own `type`.
  const listeners = eventListeners.get(type) ?? new Set()
  eventListeners.set(type, listeners)
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
