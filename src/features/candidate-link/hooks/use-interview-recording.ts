import { useEffect, useRef, useState } from 'react'
import { ApiError, describeError } from '../../../lib/api'
import { completeRecording } from '../api/complete-recording'
import { startRecording } from '../api/start-recording'

/**
 * Cloud Storage takes every chunk of a resumable upload but the last in multiples of 256 KiB; 1 MiB
 * keeps the requests few without holding much video in the page.
 */
export const RECORDING_CHUNK_BYTES = 4 * 256 * 1024
/** How often MediaRecorder hands over what it has recorded. */
const TIMESLICE_MS = 1_000
const PUT_ATTEMPTS = 4

export type RecordingPhase =
  /** Not recording: no consent, recording not available, or the interview has not started. */
  | 'off'
  | 'starting'
  | 'recording'
  /** The interview has ended; the last chunks are going up. */
  | 'finishing'
  | 'saved'
  /** The camera or microphone was refused or is missing. */
  | 'no-camera'
  | 'failed'

export type RecordingState = {
  phase: RecordingPhase
  recordedBytes: number
  uploadedBytes: number
  /** The camera's stream while recording, for the candidate's own preview. */
  stream: MediaStream | null
  error: string | null
}

const INITIAL: RecordingState = {
  phase: 'off',
  recordedBytes: 0,
  uploadedBytes: 0,
  stream: null,
  error: null,
}

/**
 * The bytes of one resumable upload session, sent in order: whole chunks while recording, then
 * the rest as the final chunk, which names the total and so completes the object.
 */
class ChunkedUpload {
  private pending: Blob[] = []
  private pendingBytes = 0
  private sentBytes = 0
  private queue: Promise<void> = Promise.resolve()
  private failure: unknown = null

  constructor(
    private readonly sessionUrl: string,
    private readonly onSent: (sentBytes: number) => void,
    /** Called once, when a chunk could not be sent even after retries. */
    private readonly onFailed: (error: unknown) => void,
  ) {}

  add(blob: Blob) {
    this.pending.push(blob)
    this.pendingBytes += blob.size
    if (this.pendingBytes >= RECORDING_CHUNK_BYTES) this.enqueue(false)
  }

  /** Sends what is left as the final chunk; resolves once Cloud Storage has the whole object. */
  finish(): Promise<void> {
    this.enqueue(true)
    return this.queue.then(() => {
      if (this.failure) throw this.failure
    })
  }

  private enqueue(isFinal: boolean) {
    this.queue = this.queue
      .then(() => (this.failure ? undefined : this.flush(isFinal)))
      .catch((error) => {
        this.failure = error
        this.onFailed(error)
      })
  }

  private async flush(isFinal: boolean) {
    const all = new Blob(this.pending)
    const size = isFinal ? all.size : Math.floor(all.size / RECORDING_CHUNK_BYTES) * RECORDING_CHUNK_BYTES
    if (!isFinal && size === 0) return
    const chunk = all.slice(0, size)
    const rest = all.slice(size)
    const start = this.sentBytes
    const total = isFinal ? String(start + size) : '*'
    const range = size === 0 ? `bytes */${total}` : `bytes ${start}-${start + size - 1}/${total}`
    await this.put(chunk, range, isFinal)
    this.sentBytes += size
    this.pending = rest.size > 0 ? [rest] : []
    this.pendingBytes = rest.size
    this.onSent(this.sentBytes)
  }

  /** One PUT, tried again after a lost connection, a 429 or a 5xx, with doubling waits. */
  private async put(chunk: Blob, range: string, isFinal: boolean) {
    for (let attempt = 1; ; attempt++) {
      let response: Response | null = null
      try {
        response = await fetch(this.sessionUrl, {
          method: 'PUT',
          headers: { 'Content-Range': range },
          body: chunk,
        })
      } catch (error) {
        if (attempt >= PUT_ATTEMPTS) throw error
      }
      if (response) {
        // 308 "resume incomplete" after a middle chunk; 200 or 201 once the object is complete.
        const isDone = isFinal ? response.status === 200 || response.status === 201 : response.status === 308
        if (isDone) return
        const isRetryable = response.status === 429 || response.status >= 500
        if (!isRetryable || attempt >= PUT_ATTEMPTS)
          throw new Error(`Cloud Storage refused the upload (${response.status}).`)
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt))
    }
  }
}

async function openUploadSession(uploadUrl: string, contentType: string): Promise<string> {
  const response = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'x-goog-resumable': 'start', 'Content-Type': contentType },
  })
  const location = response.headers.get('Location')
  if (response.status !== 201 || !location)
    throw new Error(`Cloud Storage did not open the upload (${response.status}).`)
  return location
}

/** The server checks the bucket; when it could not reach it (503) or the page lost the answer, ask again. */
async function completeWithRetries(token: string, objectKey: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await completeRecording(token, objectKey)
    } catch (error) {
      const isRetryable = error instanceof TypeError || (error instanceof ApiError && error.status === 503)
      if (!isRetryable || attempt >= PUT_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt))
    }
  }
}

function pickMimeType(): string | undefined {
  for (const type of ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm']) {
    if (MediaRecorder.isTypeSupported(type)) return type
  }
  return undefined
}

/**
 * Records the candidate's camera and microphone while the interview runs (`isRunning`), when they
 * agreed to it and the server keeps recordings (`shouldRecord`), uploading straight to Cloud
 * Storage in chunks as it goes. When the interview ends (`isFinished`) the rest goes up and the
 * server is told. A camera that cannot be used, or an upload that fails, never stops the interview.
 */
export function useInterviewRecording({
  token,
  shouldRecord,
  isRunning,
  isFinished,
}: {
  token: string
  shouldRecord: boolean
  isRunning: boolean
  isFinished: boolean
}): RecordingState {
  const [state, setState] = useState<RecordingState>(INITIAL)
  const session = useRef<{
    recorder: MediaRecorder
    stream: MediaStream
    upload: ChunkedUpload
    objectKey: string
  } | null>(null)
  const hasStarted = useRef(false)
  const isMounted = useRef(true)

  useEffect(() => {
    if (!shouldRecord || !isRunning || hasStarted.current) return
    hasStarted.current = true
    const fail = (phase: 'failed' | 'no-camera', error: string | null) =>
      setState((current) => ({ ...current, phase, stream: null, error }))
    void (async () => {
      setState({ ...INITIAL, phase: 'starting' })
      if (typeof MediaRecorder !== 'function' || !navigator.mediaDevices?.getUserMedia) {
        fail('failed', 'This browser cannot record video.')
        return
      }
      let stream: MediaStream
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 640 }, height: { ideal: 360 } },
          audio: true,
        })
      } catch {
        fail('no-camera', null)
        return
      }
      const stopTracks = () => {
        for (const track of stream.getTracks()) track.stop()
      }
      try {
        const { uploadUrl, objectKey, contentType } = await startRecording(token)
        const sessionUrl = await openUploadSession(uploadUrl, contentType)
        if (!isMounted.current) {
          stopTracks()
          return
        }
        const upload = new ChunkedUpload(
          sessionUrl,
          (uploadedBytes) => setState((current) => ({ ...current, uploadedBytes })),
          (error) => {
            // Recording on with nowhere to put it helps nobody: stop the camera and say so.
            if (session.current?.upload === upload) {
              session.current = null
              if (recorder.state !== 'inactive') recorder.stop()
              stopTracks()
            }
            fail('failed', describeError(error))
          },
        )
        const recorder = new MediaRecorder(stream, { mimeType: pickMimeType(), videoBitsPerSecond: 600_000 })
        recorder.addEventListener('dataavailable', (event) => {
          if (event.data.size === 0) return
          upload.add(event.data)
          setState((current) => ({ ...current, recordedBytes: current.recordedBytes + event.data.size }))
        })
        recorder.start(TIMESLICE_MS)
        session.current = { recorder, stream, upload, objectKey }
        setState((current) => ({ ...current, phase: 'recording', stream }))
      } catch (error) {
        stopTracks()
        fail('failed', describeError(error))
      }
    })()
  }, [shouldRecord, isRunning, token])

  // Also when the interview ended while the recording was still starting.
  const isRecording = state.phase === 'recording'
  useEffect(() => {
    const current = session.current
    if (!isFinished || !isRecording || !current) return
    session.current = null
    void (async () => {
      setState((previous) => ({ ...previous, phase: 'finishing', stream: null }))
      try {
        // The last data arrives before `stop`; only then is everything in the upload's hands.
        if (current.recorder.state !== 'inactive') {
          const stopped = new Promise((resolve) =>
            current.recorder.addEventListener('stop', resolve, { once: true }),
          )
          current.recorder.stop()
          await stopped
        }
        for (const track of current.stream.getTracks()) track.stop()
        await current.upload.finish()
        await completeWithRetries(token, current.objectKey)
        setState((previous) => ({ ...previous, phase: 'saved' }))
      } catch (error) {
        setState((previous) => ({ ...previous, phase: 'failed', error: describeError(error) }))
      }
    })()
  }, [isFinished, isRecording, token])

  // Leaving the page mid-interview stops the camera; what was uploaded stays unfinished.
  useEffect(() => {
    isMounted.current = true
    return () => {
      isMounted.current = false
      const current = session.current
      if (!current) return
      session.current = null
      if (current.recorder.state !== 'inactive') current.recorder.stop()
      for (const track of current.stream.getTracks()) track.stop()
    }
  }, [])

  // Closing the tab while the last chunks go up would lose the recording: ask first.
  const isUploading = state.phase === 'finishing'
  useEffect(() => {
    if (!isUploading) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [isUploading])

  return state
}
