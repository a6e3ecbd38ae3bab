import { VOICE_INPUT_SAMPLE_RATE } from '../api/voice-protocol'
// A file of its own: the page's script-src 'self' refuses a data: URL for the worklet.
import workletUrl from './pcm-capture-worklet.js?url&no-inline'

/** 20 ms of 16 kHz audio per frame sent. */
const FRAME_SAMPLES = 320

export type MicrophoneProblem = 'denied' | 'missing' | 'unsupported' | 'failed'

export class MicrophoneError extends Error {
  override readonly name = 'MicrophoneError'
  constructor(readonly problem: MicrophoneProblem) {
    super(`microphone: ${problem}`)
  }
}

/**
 * Averages samples down to 16 kHz mono 16-bit PCM frames; the ScriptProcessor fallback's twin of
 * pcm-capture-worklet.js.
 */
class Pcm16Downsampler {
  private readonly ratio: number
  private sum = 0
  private count = 0
  private consumed = 0
  private nextOutputAt: number
  private frame = new Int16Array(FRAME_SAMPLES)
  private filled = 0

  constructor(
    inputRate: number,
    private readonly onFrame: (frame: ArrayBuffer) => void,
  ) {
    this.ratio = inputRate / VOICE_INPUT_SAMPLE_RATE
    this.nextOutputAt = this.ratio
  }

  push(samples: Float32Array) {
    for (const sample of samples) {
      this.sum += sample
      this.count++
      this.consumed++
      if (this.consumed < this.nextOutputAt) continue
      this.nextOutputAt += this.ratio
      const value = Math.max(-1, Math.min(1, this.sum / this.count))
      this.sum = 0
      this.count = 0
      this.frame[this.filled++] = value < 0 ? value * 0x8000 : value * 0x7fff
      if (this.filled === FRAME_SAMPLES) {
        this.onFrame(this.frame.buffer)
        this.frame = new Int16Array(FRAME_SAMPLES)
        this.filled = 0
      }
    }
  }
}

/** Root mean square of a PCM frame, 0 (silence) to 1 (full scale). */
function levelOf(frame: ArrayBuffer): number {
  const samples = new Int16Array(frame)
  let sum = 0
  for (const sample of samples) sum += sample * sample
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length) / 0x8000
}

function problemOf(error: unknown): MicrophoneProblem {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing'
  return 'failed'
}

/**
 * The microphone, captured as 16 kHz mono 16-bit PCM frames of 20 ms. Its AudioContext also plays
 * the interviewer, so one user gesture unlocks both.
 */
export class MicrophoneCapture {
  /** Each frame as it is captured. */
  onFrame: ((frame: ArrayBuffer) => void) | null = null
  /** The latest frame's level, 0–1, for a meter. */
  level = 0

  private constructor(
    readonly context: AudioContext,
    private readonly stream: MediaStream,
    private readonly nodes: AudioNode[],
  ) {}

  static async open(): Promise<MicrophoneCapture> {
    if (!navigator.mediaDevices?.getUserMedia || typeof AudioContext !== 'function')
      throw new MicrophoneError('unsupported')
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        // Echo cancellation keeps the interviewer's voice from the speakers out of the answer;
        // the speech service copes with noise and level better than the browser's own processing.
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: false },
      })
    } catch (error) {
      throw new MicrophoneError(problemOf(error))
    }
    const context = new AudioContext()
    try {
      await context.resume()
      const source = context.createMediaStreamSource(stream)
      const capture = new MicrophoneCapture(context, stream, [source])
      const deliver = (frame: ArrayBuffer) => {
        capture.level = levelOf(frame)
        capture.onFrame?.(frame)
      }
      // Nothing is heard from the sink: capture nodes only run while connected to the destination.
      const mute = context.createGain()
      mute.gain.value = 0
      mute.connect(context.destination)
      capture.nodes.push(mute)
      if (context.audioWorklet) {
        await context.audioWorklet.addModule(workletUrl)
        const node = new AudioWorkletNode(context, 'vantahire-pcm16-capture', {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          channelCount: 1,
          channelCountMode: 'explicit',
        })
        node.port.onmessage = (event: MessageEvent<ArrayBuffer>) => deliver(event.data)
        source.connect(node).connect(mute)
        capture.nodes.push(node)
      } else {
        const processor = context.createScriptProcessor(2048, 1, 1)
        const downsampler = new Pcm16Downsampler(context.sampleRate, deliver)
        processor.onaudioprocess = (event) => downsampler.push(event.inputBuffer.getChannelData(0))
        source.connect(processor).connect(mute)
        capture.nodes.push(processor)
      }
      return capture
    } catch (error) {
      for (const track of stream.getTracks()) track.stop()
      void context.close()
      throw error instanceof MicrophoneError ? error : new MicrophoneError('failed')
    }
  }

  close() {
    this.onFrame = null
    for (const node of this.nodes) node.disconnect()
    for (const track of this.stream.getTracks()) track.stop()
    void this.context.close()
  }
}

/**
 * Plays the interviewer's 16-bit mono PCM as it arrives, each chunk scheduled right after the
 * previous so there are no gaps. `stop()` silences it at once (a barge-in).
 */
export class PcmPlayer {
  onStart: (() => void) | null = null
  /** Everything queued has been played. */
  onIdle: (() => void) | null = null
  sampleRate = 24_000
  private readonly sources = new Set<AudioBufferSourceNode>()
  private nextStartAt = 0
  private startedAt = 0
  private leftover: Uint8Array | null = null

  constructor(private readonly context: AudioContext) {}

  get isPlaying(): boolean {
    return this.sources.size > 0
  }

  push(data: ArrayBuffer) {
    let bytes = new Uint8Array(data)
    if (this.leftover) {
      const joined = new Uint8Array(this.leftover.length + bytes.length)
      joined.set(this.leftover)
      joined.set(bytes, this.leftover.length)
      bytes = joined
      this.leftover = null
    }
    if (bytes.length % 2 === 1) {
      this.leftover = bytes.slice(-1)
      bytes = bytes.subarray(0, -1)
    }
    if (bytes.length === 0) return
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const samples = new Float32Array(bytes.length / 2)
    for (let index = 0; index < samples.length; index++)
      samples[index] = view.getInt16(index * 2, true) / 0x8000
    const buffer = this.context.createBuffer(1, samples.length, this.sampleRate)
    buffer.copyToChannel(samples, 0)
    const source = this.context.createBufferSource()
    source.buffer = buffer
    source.connect(this.context.destination)
    const now = this.context.currentTime
    const wasIdle = this.sources.size === 0
    // A little lead after a pause, so the first chunk is not clipped while the next arrives.
    if (wasIdle || this.nextStartAt < now) this.nextStartAt = now + 0.05
    if (wasIdle) this.startedAt = this.nextStartAt
    source.start(this.nextStartAt)
    this.nextStartAt += buffer.duration
    this.sources.add(source)
    source.onended = () => {
      this.sources.delete(source)
      if (this.sources.size === 0) this.onIdle?.()
    }
    if (wasIdle) this.onStart?.()
  }

  /** Stops at once; returns how many ms of the current stretch were played. */
  stop(): number {
    const playedMs = Math.max(0, (this.context.currentTime - this.startedAt) * 1000)
    const playing = [...this.sources]
    this.sources.clear()
    for (const source of playing) {
      source.onended = null
      source.stop()
      source.disconnect()
    }
    this.leftover = null
    this.nextStartAt = 0
    return Math.round(playedMs)
  }
}
