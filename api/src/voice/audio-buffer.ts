/**
 * The candidate's recent audio, kept so that a lost speech-to-text stream can be given again what
 * it had not yet turned into final words. Positions are seconds on the session's audio timeline
 * (16-bit mono PCM at `sampleRate`, so one second is `2 × sampleRate` bytes).
 */
export class AudioReplayBuffer {
  private chunks: { start: number; pcm: Uint8Array }[] = []
  private end = 0

  constructor(
    private readonly sampleRate: number,
    /** Older audio is dropped whatever happens: a stream that gave no final words for this long has heard silence. */
    private readonly maxSeconds = 30,
  ) {}

  /** Seconds of audio received so far. */
  get totalSeconds(): number {
    return this.end
  }

  push(pcm: Uint8Array): void {
    this.chunks.push({ start: this.end, pcm })
    this.end += this.secondsOf(pcm)
    this.dropBefore(this.end - this.maxSeconds)
  }

  /** Forgets audio that ends at or before `seconds`. */
  dropBefore(seconds: number): void {
    while (this.chunks.length > 0) {
      const first = this.chunks[0] as { start: number; pcm: Uint8Array }
      if (first.start + this.secondsOf(first.pcm) > seconds) break
      this.chunks.shift()
    }
  }

  /** The audio from `seconds` on, the first chunk cut at that point (on a sample boundary). */
  since(seconds: number): Uint8Array[] {
    const out: Uint8Array[] = []
    for (const { start, pcm } of this.chunks) {
      const end = start + this.secondsOf(pcm)
      if (end <= seconds) continue
      if (start >= seconds) out.push(pcm)
      else out.push(pcm.subarray(Math.round((seconds - start) * this.sampleRate) * 2))
    }
    return out
  }

  private secondsOf(pcm: Uint8Array) {
    return pcm.byteLength / 2 / this.sampleRate
  }
}
