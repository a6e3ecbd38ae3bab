import { createHash } from 'node:crypto'

/** Audio per character of text: about how fast a voice reads (≈ 15 characters a second). */
export const MS_PER_CHARACTER = 60

/**
 * The "speech" the fake TTS servers produce for a text: 16-bit little-endian mono PCM, a tone
 * whose pitch depends on the text and whose length grows with it, so a test can tell which text a
 * stretch of audio belongs to and check that nothing was lost or reordered.
 */
export function syntheticSpeech(text: string, sampleRate: number): Buffer {
  const samples = Math.max(1, Math.round((sampleRate * MS_PER_CHARACTER * Math.max(1, text.length)) / 1000))
  const pitch = 200 + (createHash('sha256').update(text).digest().readUInt16BE(0) % 400)
  const buffer = Buffer.alloc(samples * 2)
  for (let index = 0; index < samples; index++) {
    buffer.writeInt16LE(Math.round(4000 * Math.sin((2 * Math.PI * pitch * index) / sampleRate)), index * 2)
  }
  return buffer
}

/** Splits audio into pieces of `chunkMs` (whole samples). */
export function chunksOf(audio: Buffer, sampleRate: number, chunkMs: number, bytesPerSample = 2): Buffer[] {
  const size = Math.max(bytesPerSample, Math.round((sampleRate * chunkMs) / 1000) * bytesPerSample)
  const chunks: Buffer[] = []
  for (let offset = 0; offset < audio.length; offset += size)
    chunks.push(audio.subarray(offset, offset + size))
  return chunks
}

/** 16-bit PCM → 32-bit float PCM (Cartesia's pcm_f32le). */
export function toFloat32(pcm: Buffer): Buffer {
  const out = Buffer.alloc((pcm.length / 2) * 4)
  for (let index = 0; index < pcm.length / 2; index++)
    out.writeFloatLE(pcm.readInt16LE(index * 2) / 32768, index * 4)
  return out
}

/** A 44-byte RIFF/WAVE header for 16-bit mono PCM of `dataBytes` (unknown length: 0xffffffff). */
export function wavHeader(sampleRate: number, dataBytes = 0xffffffff - 36): Buffer {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(Math.min(0xffffffff, dataBytes + 36), 4)
  header.write('WAVE', 8)
  header.write('fmt ', 12)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(dataBytes, 40)
  return header
}

export function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms))
}
