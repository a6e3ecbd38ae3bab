import { useEffect, useRef } from 'react'
import { Alert } from '../../../components/ui/alert'
import type { RecordingState } from '../hooks/use-interview-recording'

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The candidate's own camera, small, so they can see what is being recorded. */
function CameraPreview({ stream }: { stream: MediaStream }) {
  const videoRef = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream
  }, [stream])
  return (
    <video
      ref={videoRef}
      autoPlay
      muted
      playsInline
      aria-label="Your camera, as it is being recorded"
      className="h-20 w-32 shrink-0 rounded-lg bg-slate-900 object-cover"
    />
  )
}

/**
 * Where the recording stands, on the candidate's page: recording (with upload progress), finishing
 * the upload once the interview has ended, saved, or why nothing is being recorded. The phase is
 * announced politely; the byte counts are not, so a screen reader is not interrupted every second.
 */
export function RecordingStatus({ recording }: { recording: RecordingState }) {
  const { phase, uploadedBytes, recordedBytes, stream, error } = recording
  if (phase === 'off') return null
  if (phase === 'no-camera')
    return (
      <Alert tone="info" className="mb-4" title="Not recording">
        <p>
          Your camera or microphone could not be used, so this interview is not being recorded. It goes on as
          usual.
        </p>
      </Alert>
    )
  if (phase === 'failed')
    return (
      <Alert tone="warning" className="mb-4" title="The recording could not be saved">
        <p>{error ?? 'The upload failed.'} The interview itself is not affected.</p>
      </Alert>
    )
  if (phase === 'saved')
    return (
      <Alert tone="success" className="mb-4" title="Recording saved">
        <p>Your recording ({formatMegabytes(uploadedBytes)}) has been uploaded for the hiring team.</p>
      </Alert>
    )
  const isFinishing = phase === 'finishing'
  return (
    <section
      aria-label="Recording"
      className="mb-4 flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
    >
      {stream ? <CameraPreview stream={stream} /> : null}
      <div className="min-w-0 flex-1">
        <p role="status" className="flex items-center gap-2 font-medium text-slate-900">
          <span aria-hidden="true" className="size-2.5 rounded-full bg-red-600" />
          {phase === 'starting'
            ? 'Starting the recording…'
            : isFinishing
              ? 'Finishing the upload of your recording — please keep this page open.'
              : 'Recording your camera and microphone'}
        </p>
        {phase === 'starting' ? null : (
          <>
            <progress
              className="mt-2 h-2 w-full accent-brand-600"
              aria-label="Recording uploaded"
              value={uploadedBytes}
              max={Math.max(recordedBytes, uploadedBytes, 1)}
            />
            <p className="mt-1 text-slate-600 text-sm tabular-nums">
              {formatMegabytes(uploadedBytes)} of {formatMegabytes(recordedBytes)} uploaded
            </p>
          </>
        )}
      </div>
    </section>
  )
}
