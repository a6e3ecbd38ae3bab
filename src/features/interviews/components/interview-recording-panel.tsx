import { useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { ApiError } from '../../../lib/api'
import { useInterviewRecordingPlayback } from '../api/get-interview-recording'
import type { Interview } from '../api/list-interviews'
import { candidateLabel } from './interview-names'

function reasonOf(error: unknown): string | undefined {
  return error instanceof ApiError ? (error.details as { reason?: string } | undefined)?.reason : undefined
}

/**
 * The candidate's camera-and-microphone recording, played from Cloud Storage through a short-lived
 * signed URL. When that URL has expired (a page left open), the player asks for a fresh one and
 * carries on from where it was.
 */
export function InterviewRecordingPanel({ interview }: { interview: Interview }) {
  const playback = useInterviewRecordingPlayback(interview.id)
  const videoRef = useRef<HTMLVideoElement>(null)
  const resumeAt = useRef(0)
  const [failedUrl, setFailedUrl] = useState<string | null>(null)

  if (playback.isPending) return <Spinner label="Loading the recording…" />
  if (playback.isError) {
    const reason = reasonOf(playback.error)
    if (reason === 'recording_not_configured')
      return (
        <EmptyState title="Recording is not configured">
          This site keeps no interview recordings, so candidates are not offered recording.
        </EmptyState>
      )
    if (reason === 'no_recording')
      return (
        <EmptyState title="No recording">
          {interview.status === 'IN_PROGRESS'
            ? 'A recording appears here once the interview ends and its upload is complete.'
            : `There is no recording of ${candidateLabel(interview)}: they did not agree to be recorded, their camera could not be used, or the interview has not taken place.`}
        </EmptyState>
      )
    return (
      <LoadError
        what="the recording"
        error={playback.error}
        onRetry={playback.refetch}
        isRetrying={playback.isFetching}
      />
    )
  }
  return (
    <figure>
      {/* biome-ignore lint/a11y/useMediaCaption: the recording has no caption track; the transcript above is its text. */}
      <video
        ref={videoRef}
        key={playback.data.url}
        src={playback.data.url}
        controls
        preload="metadata"
        playsInline
        className="aspect-video w-full rounded-xl bg-slate-900"
        onLoadedMetadata={() => {
          if (videoRef.current && resumeAt.current > 0) videoRef.current.currentTime = resumeAt.current
        }}
        onError={() => {
          // An expired URL (a page left open): fetch a fresh one and resume at the same moment.
          // Any other failure is shown, not retried in a loop.
          const isExpiring = Date.now() >= Date.parse(playback.data.expiresAt) - 30_000
          if (!isExpiring) {
            setFailedUrl(playback.data.url)
            return
          }
          resumeAt.current = videoRef.current?.currentTime ?? 0
          if (!playback.isFetching) void playback.refetch()
        }}
      />
      {failedUrl === playback.data.url ? (
        <Alert tone="warning" className="mt-3" title="The recording could not be played">
          <p>Its file may be damaged, or this browser cannot play WebM video. Try Chrome, Edge or Firefox.</p>
        </Alert>
      ) : null}
      <figcaption className="mt-2 text-slate-600 text-sm">
        Camera and microphone, recorded in the candidate’s browser during the interview. Its written record is
        the transcript under Results.
      </figcaption>
    </figure>
  )
}
