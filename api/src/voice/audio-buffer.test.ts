import { describe, expect, it } from 'vitest'
import { AudioReplayBuffer } from './audio-buffer.js'

/** `seconds` of PCM at 10 Hz whose every sample is `value`. */
const pcm = (seconds: number, value: number) => new Uint8Array(seconds * 10 * 2).fill(value)

describe('AudioReplayBuffer', () => {
  it('replays from a point inside a chunk, cut on a sample boundary', () => {
    const buffer = new AudioReplayBuffer(10)
    buffer.push(pcm(1, 1))
    buffer.push(pcm(1, 2))
    const replay = buffer.since(1.5)
    expect(replay.map((chunk) => chunk.byteLength)).toEqual([10])
    expect([...replay[0]!].every((byte) => byte === 2)).toBe(true)
    expect(buffer.since(0).reduce((sum, chunk) => sum + chunk.byteLength, 0)).toBe(40)
    expect(buffer.totalSeconds).toBe(2)
  })

  it('forgets audio already covered by final words, and anything too old', () => {
    const buffer = new AudioReplayBuffer(10, 3)
    buffer.push(pcm(1, 1))
    buffer.push(pcm(1, 2))
    buffer.dropBefore(1)
    expect(buffer.since(0).map((chunk) => chunk[0])).toEqual([2])
    buffer.push(pcm(1, 3))
    buffer.push(pcm(1, 4))
    buffer.push(pcm(1, 5))
    expect(buffer.since(0).map((chunk) => chunk[0])).toEqual([3, 4, 5])
  })
})
