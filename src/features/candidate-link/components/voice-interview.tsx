import { useEffect, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { cn } from '../../../lib/cn'
import type { CandidateInterview } from '../api/get-candidate-interview'
import { useInterviewMessages } from '../api/list-interview-messages'
import { useVoiceSession } from '../hooks/use-voice-session'
import { MicrophoneCapture, MicrophoneError, type MicrophoneProblem } from '../hooks/voice-audio'
import { InterviewTimer } from './interview-timer'

const MICROPHONE_PROBLEMS: Record<MicrophoneProblem, { title: string; text: string }> = {
  denied: {
    title: 'Microphone access is blocked',
    text: 'Allow this site to use your microphone (the icon in the address bar), then check again.',
  },
  missing: {
    title: 'No microphone found',
    text: 'Connect a microphone or headset, then check again.',
  },
  unsupported: {
    title: 'This browser cannot record audio',
    text: 'Open your link in a current version of Chrome, Edge, Firefox or Safari.',
  },
  failed: {
    title: 'The microphone could not be started',
    text: 'Close other apps that may be using it, then check again.',
  },
}

/**
 * The spoken interview: a microphone check (permission and a level meter), then the live
 * conversation. Text is offered whenever voice cannot work.
 */
export function VoiceInterview({
  token,
  interview,
  secondsLeft,
  onSwitchToText,
}: {
  token: string
  interview: CandidateInterview
  secondsLeft: number
  onSwitchToText(): void
}) {
  const [capture, setCapture] = useState<MicrophoneCapture | null>(null)
  const [isLive, setIsLive] = useState(false)
  useEffect(() => () => capture?.close(), [capture])

  if (!interview.voice.available) {
    return (
      <VoiceUnavailable onSwitchToText={onSwitchToText}>
        Spoken interviews are not available on this site right now.
      </VoiceUnavailable>
    )
  }
  return capture && isLive ? (
    <LiveVoice
      token={token}
      interview={interview}
      capture={capture}
      secondsLeft={secondsLeft}
      onSwitchToText={onSwitchToText}
    />
  ) : (
    <MicrophoneCheck
      interview={interview}
      capture={capture}
      onCapture={setCapture}
      onBegin={() => setIsLive(true)}
      onSwitchToText={onSwitchToText}
    />
  )
}

function VoiceUnavailable({ children, onSwitchToText }: { children: string; onSwitchToText(): void }) {
  return (
    <Alert
      tone="info"
      title="Voice is not available"
      actions={<Button onClick={onSwitchToText}>Continue in text</Button>}
    >
      <p>{children} You can take the same interview by typing your answers instead.</p>
    </Alert>
  )
}

function MicrophoneCheck({
  interview,
  capture,
  onCapture,
  onBegin,
  onSwitchToText,
}: {
  interview: CandidateInterview
  capture: MicrophoneCapture | null
  onCapture(capture: MicrophoneCapture): void
  onBegin(): void
  onSwitchToText(): void
}) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [problem, setProblem] = useState<MicrophoneProblem | null>(null)
  const [isOpening, setIsOpening] = useState(false)
  const [level, setLevel] = useState(0)
  const [hasHeardSound, setHasHeardSound] = useState(false)
  useEffect(() => headingRef.current?.focus(), [])
  useEffect(() => {
    if (!capture) return
    const timer = window.setInterval(() => {
      setLevel(capture.level)
      if (capture.level > 0.02) setHasHeardSound(true)
    }, 100)
    return () => window.clearInterval(timer)
  }, [capture])

  async function check() {
    setIsOpening(true)
    setProblem(null)
    try {
      onCapture(await MicrophoneCapture.open())
    } catch (error) {
      setProblem(error instanceof MicrophoneError ? error.problem : 'failed')
    } finally {
      setIsOpening(false)
    }
  }

  const percent = Math.min(100, Math.round(Math.sqrt(level) * 200))
  const trouble = problem ? MICROPHONE_PROBLEMS[problem] : null
  return (
    <section
      aria-labelledby="mic-heading"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8"
    >
      <h1
        ref={headingRef}
        id="mic-heading"
        tabIndex={-1}
        className="font-bold text-2xl text-slate-900 tracking-tight focus:outline-none"
      >
        Check your microphone
      </h1>
      <p className="mt-2 text-slate-700">
        {interview.jobRole}
        {interview.company.name ? ` at ${interview.company.name}` : ''}: a spoken conversation. Use headphones
        if you can, so the interviewer’s voice does not reach your microphone.
      </p>
      {capture ? (
        <div className="mt-6">
          <p className="font-medium text-slate-900" id="mic-level-label">
            Microphone level
          </p>
          <meter
            aria-labelledby="mic-level-label"
            min={0}
            max={100}
            low={5}
            value={percent}
            className="mt-2 h-4 w-full"
          />
          <p className="mt-2 text-slate-700" role="status">
            {hasHeardSound ? 'We can hear you.' : 'Say something to test your microphone.'}
          </p>
          <Button size="lg" className="mt-6 w-full sm:w-auto" onClick={onBegin}>
            Begin the voice interview
          </Button>
        </div>
      ) : (
        <div className="mt-6">
          {trouble ? (
            <Alert
              title={trouble.title}
              actions={
                <Button variant="secondary" onClick={onSwitchToText}>
                  Continue in text instead
                </Button>
              }
            >
              <p>{trouble.text}</p>
            </Alert>
          ) : null}
          <Button size="lg" className="mt-4 w-full sm:w-auto" onClick={check} disabled={isOpening}>
            {isOpening ? 'Asking for the microphone…' : trouble ? 'Check again' : 'Allow the microphone'}
          </Button>
        </div>
      )}
    </section>
  )
}

function SpeakingIndicator({ label, isSpeaking }: { label: string; isSpeaking: boolean }) {
  return (
    <p className="flex items-center gap-2 text-sm">
      <span
        aria-hidden="true"
        className={cn('size-3 rounded-full', isSpeaking ? 'animate-pulse bg-emerald-600' : 'bg-slate-300')}
      />
      <span className="text-slate-800">
        {label}: {isSpeaking ? 'speaking' : 'quiet'}
      </span>
    </p>
  )
}

const PHASE_MESSAGES = {
  connecting: 'Connecting…',
  live: '',
  reconnecting: 'Connection lost. Reconnecting…',
  ended: 'The voice session has ended.',
  failed: '',
  unavailable: '',
} as const

function LiveVoice({
  token,
  interview,
  capture,
  secondsLeft,
  onSwitchToText,
}: {
  token: string
  interview: CandidateInterview
  capture: MicrophoneCapture
  secondsLeft: number
  onSwitchToText(): void
}) {
  const voice = useVoiceSession(token, capture, { onSwitchedToText: onSwitchToText })
  const messages = useInterviewMessages(token)
  const [isEnding, setIsEnding] = useState(false)
  const ids = useId()

  if (voice.phase === 'unavailable') {
    return (
      <VoiceUnavailable onSwitchToText={onSwitchToText}>
        Spoken interviews are not available on this site right now.
      </VoiceUnavailable>
    )
  }
  const candidateLabel = interview.candidateName ?? 'You'
  return (
    <section
      aria-labelledby={`${ids}-heading`}
      className="flex flex-col gap-4"
      data-audio-bytes-received={voice.audioBytesReceived}
      data-frames-sent={voice.framesSent}
    >
      <header className="sticky top-0 z-10 -mx-4 border-slate-200 border-b bg-slate-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:bg-white sm:px-4 sm:py-3">
        <h1 id={`${ids}-heading`} className="truncate font-semibold text-slate-900 text-sm sm:text-base">
          {interview.jobRole} voice interview
          {interview.company.name ? (
            <span className="font-normal text-slate-600"> · {interview.company.name}</span>
          ) : null}
        </h1>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <InterviewTimer secondsLeft={secondsLeft} />
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              aria-pressed={voice.isMuted}
              onClick={() => voice.setMuted(!voice.isMuted)}
            >
              {voice.isMuted ? 'Unmute' : 'Mute'}
            </Button>
            <Button variant="secondary" onClick={voice.switchToText}>
              Switch to text
            </Button>
            <Button variant="secondary" onClick={() => setIsEnding(true)}>
              End interview
            </Button>
          </div>
        </div>
      </header>

      <div className="flex flex-wrap gap-x-6 gap-y-1 rounded-xl border border-slate-200 bg-white px-4 py-3">
        <SpeakingIndicator label="Interviewer" isSpeaking={voice.isInterviewerSpeaking} />
        <SpeakingIndicator label={candidateLabel} isSpeaking={voice.isCandidateSpeaking && !voice.isMuted} />
        {voice.isMuted ? (
          <p className="font-medium text-amber-800 text-sm">Your microphone is muted.</p>
        ) : null}
      </div>

      <p className="sr-only" role="status">
        {PHASE_MESSAGES[voice.phase]}
      </p>
      {voice.phase === 'connecting' || voice.phase === 'reconnecting' ? (
        <p className="text-slate-700">{PHASE_MESSAGES[voice.phase]}</p>
      ) : null}
      {voice.problem ? (
        <Alert
          title="Voice problem"
          actions={
            <Button variant="secondary" onClick={onSwitchToText}>
              Continue in text
            </Button>
          }
        >
          <p>{voice.problem}</p>
        </Alert>
      ) : null}

      <div
        role="log"
        aria-label="Captions"
        aria-live="polite"
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        {(messages.data ?? []).map((message) => (
          <p key={message.id} className="text-slate-900">
            <span className="font-semibold">
              {message.role === 'interviewer' ? 'Interviewer' : candidateLabel}:{' '}
            </span>
            {message.content}
          </p>
        ))}
        {voice.textReply && !voice.live.interviewer ? (
          <p className="text-slate-900">
            <span className="font-semibold">Interviewer (written): </span>
            {voice.textReply}
          </p>
        ) : null}
        {(['interviewer', 'candidate'] as const).map((role) =>
          voice.live[role] ? (
            <p key={role} className="text-slate-600 italic">
              <span className="font-semibold">
                {role === 'interviewer' ? 'Interviewer' : candidateLabel}:{' '}
              </span>
              {voice.live[role]}
            </p>
          ) : null,
        )}
      </div>

      <ConfirmDialog
        isOpen={isEnding}
        title="End the interview now?"
        confirmLabel="End interview"
        pendingLabel="Ending…"
        isPending={false}
        isDestructive
        onConfirm={() => {
          voice.end()
          setIsEnding(false)
        }}
        onClose={() => setIsEnding(false)}
      >
        <p>
          Everything you have said so far is kept and goes to the hiring team. You cannot come back to this
          interview after ending it.
        </p>
      </ConfirmDialog>
    </section>
  )
}
