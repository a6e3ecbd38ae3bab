import WebSocket from 'ws'
import type { VoiceServerMessage } from '../../src/schemas/voice.js'

type Received =
  | { kind: 'json'; message: VoiceServerMessage & { type: string } }
  | { kind: 'audio'; bytes: number }

/** 20 ms of 16 kHz mono 16-bit silence: what a quiet microphone sends. */
const FRAME_MS = 20
const SILENT_FRAME = Buffer.alloc((16_000 * FRAME_MS * 2) / 1000)

/**
 * A voice page over a real WebSocket: it streams microphone audio in real time (silence: the fake
 * speech-to-text server hears what the test scripted as the audio goes by), records everything the
 * server sends in order, and plays the interviewer's audio instantly (answering `playback_finished`
 * as soon as a reply's audio has all arrived, unless told otherwise).
 */
export class VoiceTestClient {
  readonly received: Received[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  isAutoPlaybackFinished = true
  private pump: NodeJS.Timeout | undefined
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = []

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.stopAudio()
        resolve({ code, reason: reason.toString() })
        this.check()
      })
    })
    socket.on('error', () => undefined)
    socket.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      if (isBinary) this.received.push({ kind: 'audio', bytes: bytes.length })
      else {
        const message = JSON.parse(bytes.toString('utf8'))
        this.received.push({ kind: 'json', message })
        if (message.type === 'interviewer_done' && !message.interrupted && this.isAutoPlaybackFinished)
          this.send({ type: 'playback_finished' })
      }
      this.check()
    })
  }

  /** Opens `url` (`ws://…/api/candidate/interview/voice?…`) and waits for the socket (not for `ready`). */
  static open(url: string, origin: string): Promise<VoiceTestClient> {
    const socket = new WebSocket(url, { headers: { origin } })
    const client = new VoiceTestClient(socket)
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client))
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with ${response.statusCode}`)),
      )
      socket.once('error', reject)
    })
  }

  send(message: Record<string, unknown>) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message))
  }

  sendRaw(data: string | Buffer) {
    this.socket.send(data)
  }

  /** Streams silent microphone frames in real time until stopped. */
  startAudio() {
    this.stopAudio()
    this.pump = setInterval(() => {
      if (this.socket.readyState === WebSocket.OPEN) this.socket.send(SILENT_FRAME)
    }, FRAME_MS)
  }

  stopAudio() {
    clearInterval(this.pump)
    this.pump = undefined
  }

  messages<T extends string>(type?: T): Extract<VoiceServerMessage, { type: T }>[] {
    return this.received
      .filter((entry) => entry.kind === 'json')
      .map((entry) => (entry as { message: VoiceServerMessage }).message)
      .filter((message) => type === undefined || message.type === type) as Extract<
      VoiceServerMessage,
      { type: T }
    >[]
  }

  get audioBytes(): number {
    return this.received.reduce((sum, entry) => sum + (entry.kind === 'audio' ? entry.bytes : 0), 0)
  }

  /** Waits until `predicate` holds, failing after `timeoutMs` with what was received so far. */
  waitUntil(predicate: () => boolean, description: string, timeoutMs = 15_000): Promise<void> {
    if (predicate()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.messages().map((message) => message.type)
        reject(new Error(`timed out waiting for ${description}; received ${JSON.stringify(seen)}`))
      }, timeoutMs)
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      })
    })
  }

  /** Waits for the `count`-th message of `type` (1-based) and returns it. */
  async next<T extends string>(
    type: T,
    options: {
      count?: number
      where?: (message: Extract<VoiceServerMessage, { type: T }>) => boolean
      timeoutMs?: number
    } = {},
  ): Promise<Extract<VoiceServerMessage, { type: T }>> {
    const count = options.count ?? 1
    const matching = () => this.messages(type).filter((message) => options.where?.(message) ?? true)
    await this.waitUntil(() => matching().length >= count, `${type} #${count}`, options.timeoutMs)
    return matching()[count - 1] as Extract<VoiceServerMessage, { type: T }>
  }

  close() {
    this.stopAudio()
    this.socket.close(1000)
  }

  private check() {
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate()) continue
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
}
