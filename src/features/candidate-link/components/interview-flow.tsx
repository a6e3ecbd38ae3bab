import { useQueryClient } from '@tanstack/react-query'
import { type ComponentType, type CSSProperties, lazy, Suspense, useEffect, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { darken, readableAccent } from '../../../lib/color'
import { type CandidateInterview, candidateInterviewQueryKey } from '../api/get-candidate-interview'
import { interviewMessagesQueryKey } from '../api/list-interview-messages'
import { useAnswerMode } from '../hooks/use-answer-mode'
import { useCountdown } from '../hooks/use-countdown'
import { useInterviewRecording } from '../hooks/use-interview-recording'
import { InterviewOverview } from './interview-overview'
import { RecordingStatus } from './recording-status'

/** A step's view as a chunk of its own, and a way to fetch that chunk before the step is reached. */
function lazyStep<Props>(load: () => Promise<ComponentType<Props>>) {
  return { Component: lazy(async () => ({ default: await load() })), preload: load }
}

// The candidate's first page is the overview (or, after a reload, the step they were on). Every
// other step is fetched as soon as it shows, so a phone reaches the overview with the least to
// download, and a text interview never downloads the spoken one (audio capture, playback, its socket).
const PreCheckStep = lazyStep(async () => (await import('./pre-check-step')).PreCheckStep)
const InterviewChat = lazyStep(async () => (await import('./interview-chat')).InterviewChat)
const VoiceInterview = lazyStep(async () => (await import('./voice-interview')).VoiceInterview)
const FinishedView = lazyStep(async () => (await import('./finished-view')).FinishedView)

type View = 'overview' | 'check' | 'chat' | 'voice' | 'finished'

/** How often to ask again once the page's clock has run out but the server has not yet ended the interview. */
const TIME_UP_RECHECK_MS = 2_000

/**
 * The candidate's whole interview, step by step: overview → device check and consent → chat (or,
 * for a voice interview, the microphone check and the spoken conversation) → finished. The server's status decides the step after a reload; focus moves with each step the
 * candidate takes. The company's colour themes buttons and links when white text on it is readable.
 */
export function InterviewFlow({
  token,
  interview,
  receivedAt,
}: {
  token: string
  interview: CandidateInterview
  /** When this copy of the interview arrived (`Date.now()`), which the clock counts from. */
  receivedAt: number
}) {
  const queryClient = useQueryClient()
  const [isChecking, setIsChecking] = useState(false)
  const answerMode = useAnswerMode(interview.id)
  const isText = interview.type === 'TEXT' || answerMode.mode === 'text'
  const view: View =
    interview.status === 'COMPLETED'
      ? 'finished'
      : interview.status === 'IN_PROGRESS'
        ? isText
          ? 'chat'
          : 'voice'
        : interview.status === 'PENDING' && isChecking
          ? 'check'
          : 'overview'
  const switchToText = () => {
    answerMode.switchToText()
    // The voice session stored its turns; the chat reads the transcript afresh.
    void queryClient.invalidateQueries({ queryKey: interviewMessagesQueryKey(token) })
  }
  // Focus follows the candidate's own steps, not a reload: a reloaded chat does not pop up a phone's keyboard.
  const firstView = useRef(view)
  const hasMoved = view !== firstView.current

  const isVoice = interview.type !== 'TEXT'
  useEffect(() => {
    const steps = isVoice
      ? [PreCheckStep, VoiceInterview, InterviewChat, FinishedView]
      : [PreCheckStep, InterviewChat, FinishedView]
    // A failed fetch here costs nothing: the step fetches its chunk again when it is shown.
    for (const step of steps) step.preload().catch(() => undefined)
  }, [isVoice])

  // Here rather than in the chat or voice view, so the upload can finish once the page shows the end.
  const recording = useInterviewRecording({
    token,
    shouldRecord: interview.recording.available && interview.state.consent.recording,
    isRunning: view === 'chat' || view === 'voice',
    isFinished: interview.status === 'COMPLETED',
  })

  const secondsLeft = useCountdown(interview.state.remainingSeconds, receivedAt)
  const isTimeUp = (view === 'chat' || view === 'voice') && secondsLeft === 0
  useEffect(() => {
    if (!isTimeUp) return
    // The server ends an interview past its limit on the next request; ask until it has.
    const refresh = () => queryClient.invalidateQueries({ queryKey: candidateInterviewQueryKey(token) })
    void refresh()
    const timer = window.setInterval(refresh, TIME_UP_RECHECK_MS)
    return () => window.clearInterval(timer)
  }, [isTimeUp, queryClient, token])

  const accent = readableAccent(interview.company.brandColor)
  const theme = {
    '--color-brand-600': accent,
    '--color-brand-700': darken(accent, 0.15),
  } as CSSProperties

  return (
    <div style={theme}>
      <RecordingStatus recording={recording} />
      {view === 'overview' ? (
        <InterviewOverview interview={interview}>
          {interview.status !== 'PENDING' ? null : !isText && !interview.voice.available ? (
            <Alert
              tone="info"
              title="Voice is not available"
              actions={
                <Button
                  onClick={() => {
                    switchToText()
                    setIsChecking(true)
                  }}
                >
                  Take the interview in text
                </Button>
              }
            >
              <p>
                This interview is a spoken conversation, but spoken interviews are not available on this site
                right now. You can take the same interview by typing your answers instead.
              </p>
            </Alert>
          ) : (
            <Button size="lg" className="w-full sm:w-auto" onClick={() => setIsChecking(true)}>
              Continue to the device check
            </Button>
          )}
        </InterviewOverview>
      ) : (
        <Suspense fallback={<Spinner label="Loading the next step…" />}>
          {view === 'finished' ? (
            <FinishedView.Component token={token} interview={interview} shouldFocusHeading={hasMoved} />
          ) : view === 'chat' ? (
            <InterviewChat.Component
              token={token}
              interview={interview}
              secondsLeft={secondsLeft}
              shouldFocusInput={hasMoved}
            />
          ) : view === 'voice' ? (
            <VoiceInterview.Component
              token={token}
              interview={interview}
              secondsLeft={secondsLeft}
              onSwitchToText={switchToText}
            />
          ) : (
            <PreCheckStep.Component token={token} interview={interview} isVoice={!isText} />
          )}
        </Suspense>
      )}
    </div>
  )
}
