/**
 * Runs on the audio thread: averages the microphone's samples down to 16 kHz mono and posts
 * 16-bit PCM frames of 20 ms (320 samples) to the page. Kept in sync with Pcm16Downsampler in
 * voice-audio.ts, the fallback for browsers without AudioWorklet.
 */
const OUTPUT_RATE = 16_000
const FRAME_SAMPLES = 320

class Pcm16Capture extends AudioWorkletProcessor {
  constructor() {
    super()
    this.ratio = sampleRate / OUTPUT_RATE
    this.sum = 0
    this.count = 0
    this.consumed = 0
    this.nextOutputAt = this.ratio
    this.frame = new Int16Array(FRAME_SAMPLES)
    this.filled = 0
  }

  process(inputs) {
    const channel = inputs[0]?.[0]
    if (!channel) return true
    for (let index = 0; index < channel.length; index++) {
      this.sum += channel[index]
      this.count++
      this.consumed++
      if (this.consumed < this.nextOutputAt) continue
      this.nextOutputAt += this.ratio
      const value = Math.max(-1, Math.min(1, this.sum / this.count))
      this.sum = 0
      this.count = 0
      this.frame[this.filled++] = value < 0 ? value * 0x8000 : value * 0x7fff
      if (this.filled === FRAME_SAMPLES) {
        this.port.postMessage(this.frame.buffer, [this.frame.buffer])
        this.frame = new Int16Array(FRAME_SAMPLES)
        this.filled = 0
      }
    }
    return true
  }
}

registerProcessor('vantahire-pcm16-capture', Pcm16Capture)
