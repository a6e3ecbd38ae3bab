import type { IncomingHttpHeaders } from 'node:http'
import WebSocket from 'ws'

/** Why a WebSocket handshake failed, in the terms the speech providers report. */
export type ConnectFailureKind = 'rejected' | 'unavailable' | 'timeout' | 'cancelled'

export class WebSocketConnectError extends Error {
  override name = 'WebSocketConnectError'
  constructor(
    readonly kind: ConnectFailureKind,
    message: string,
    readonly details: {
      /** The HTTP status the server answered the upgrade with, when it answered. */
      status?: number
      headers?: IncomingHttpHeaders
      /** The start of the refusal's body (providers explain themselves there). */
      body?: string
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
  }
}

export type ConnectOptions = {
  url: string
  headers?: Record<string, string>
  protocols?: string[]
  timeoutMs: number
  signal?: AbortSignal
}

const MAX_REFUSAL_BODY_CHARS = 2_000

/**
 * Opens a WebSocket and resolves once it is open, with the upgrade response's headers. A refused
 * upgrade (401, 429, …) rejects with its status and body: `ws` would otherwise report only
 * "Unexpected server response".
 */
export function connectWebSocket(
  options: ConnectOptions,
): Promise<{ socket: WebSocket; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new WebSocketConnectError('cancelled', 'The connection was cancelled before it started'))
      return
    }
    let isSettled = false
    let upgradeHeaders: IncomingHttpHeaders = {}
    const socket = new WebSocket(options.url, options.protocols ?? [], {
      headers: options.headers,
      // Audio does not compress; deflate would only cost CPU on both ends.
      perMessageDeflate: false,
      handshakeTimeout: options.timeoutMs,
    })
    const fail = (error: WebSocketConnectError) => {
      if (isSettled) return
      isSettled = true
      cleanup()
      socket.removeAllListeners()
      // A socket that failed may still emit 'error'; nobody listens any more, so swallow it.
      socket.on('error', () => undefined)
      socket.terminate()
      reject(error)
    }
    const timer = setTimeout(
      () => fail(new WebSocketConnectError('timeout', `No connection within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    )
    const onAbort = () => fail(new WebSocketConnectError('cancelled', 'The connection was cancelled'))
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const cleanup = () => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }

    socket.on('upgrade', (response) => {
      upgradeHeaders = response.headers
    })
    socket.on('unexpected-response', (request, response) => {
      const status = response.statusCode ?? 0
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (part: string) => {
        if (body.length < MAX_REFUSAL_BODY_CHARS) body += part
      })
      const finish = () => {
        request.destroy()
        const kind = status === 429 || status >= 500 || status === 408 ? 'unavailable' : 'rejected'
        fail(
          new WebSocketConnectError(kind, `The server refused the connection (${status})`, {
            status,
            headers: response.headers,
            body: body.slice(0, MAX_REFUSAL_BODY_CHARS),
          }),
        )
      }
      response.on('end', finish)
      response.on('error', finish)
    })
    const onError = (error: Error) => {
      const isHandshakeTimeout = /handshake has timed out/i.test(error.message)
      fail(
        new WebSocketConnectError(
          isHandshakeTimeout ? 'timeout' : 'unavailable',
          `The server could not be reached: ${error.message}`,
          { cause: error },
        ),
      )
    }
    socket.on('error', onError)
    socket.on('open', () => {
      if (isSettled) return
      isSettled = true
      cleanup()
      socket.off('error', onError)
      // Until the caller adds its own: an unheard 'error' event would crash the process.
      socket.on('error', () => undefined)
      socket.removeAllListeners('upgrade')
      socket.removeAllListeners('unexpected-response')
      resolve({ socket, headers: upgradeHeaders })
    })
  })
}

/** `https://host/x` → `wss://host/x/<path>`; `http` → `ws`. Query values are added by the caller. */
export function webSocketUrl(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl)
  if (url.protocol === 'https:') url.protocol = 'wss:'
  else if (url.protocol === 'http:') url.protocol = 'ws:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`
  return url
}

/**
 * Keeps 16-bit PCM chunks whole: network reads may split a sample between two chunks, and a
 * consumer writing odd-length chunks to a speaker would shift every later sample by one byte.
 */
export class SampleAligner {
  private carry: Uint8Array | undefined

  push(bytes: Uint8Array): Uint8Array | undefined {
    let data = bytes
    if (this.carry) {
      data = new Uint8Array(this.carry.length + bytes.length)
      data.set(this.carry)
      data.set(bytes, this.carry.length)
      this.carry = undefined
    }
    if (data.length % 2 === 1) {
      this.carry = data.slice(data.length - 1)
      data = data.subarray(0, data.length - 1)
    }
    return data.length > 0 ? data : undefined
  }
}
