import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { FieldError } from '../../../components/ui/field'
import { useOnlineStatus } from '../../../hooks/use-online-status'
import { describeError } from '../../../lib/api'
import type { CandidateInterview } from '../api/get-candidate-interview'
import { useGiveConsent } from '../api/give-consent'
import { useStartInterview } from '../api/start-interview'

/** What this page needs from the browser: replies read as they stream, and ids made for answers. */
function browserSupportsInterview(): boolean {
  return (
    typeof ReadableStream === 'function' &&
    typeof TextDecoder === 'function' &&
    typeof AbortController === 'function' &&
    typeof crypto?.getRandomValues === 'function'
  )
}

type Check = { label: string; isOk: boolean; ok: string; problem: string }

/**
 * The step between the overview and the chat: a check that this device can take the interview, and
 * the candidate's consent, in plain words, to what is kept. Starting records the consent first.
 * Focus starts on its heading: it is only ever reached by the candidate's own step.
 */
export function PreCheckStep({
  token,
  interview,
  isVoice = false,
}: {
  token: string
  interview: CandidateInterview
  /** A spoken interview: the microphone is checked next, after consent. */
  isVoice?: boolean
}) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const aiConsentRef = useRef<HTMLInputElement>(null)
  const isOnline = useOnlineStatus()
  const [isSupported] = useState(browserSupportsInterview)
  const [aiConsent, setAiConsent] = useState(interview.state.consent.aiInterview)
  const [recording, setRecording] = useState(interview.state.consent.recording)
  const [consentError, setConsentError] = useState<string | null>(null)
  const consent = useGiveConsent(token)
  const start = useStartInterview(token)
  const ids = useId()
  const company = interview.company.name ?? 'the hiring company'

  useEffect(() => headingRef.current?.focus(), [])

  const checks: Check[] = [
    {
      label: 'Internet connection',
      isOk: isOnline,
      ok: 'Connected.',
      problem: 'You are offline. Connect to the internet; this check updates by itself.',
    },
    {
      label: 'Browser',
      isOk: isSupported,
      ok: 'This browser can show the interviewer’s replies as they are written.',
      problem:
        'This browser cannot show replies as they arrive. Open your link in a current version of Chrome, Edge, Firefox or Safari.',
    },
  ]
  const isReady = checks.every((check) => check.isOk)
  const isStarting = consent.isPending || start.isPending
  const failure = consent.error ?? start.error

  async function handleStart(event: FormEvent) {
    event.preventDefault()
    if (!aiConsent) {
      setConsentError('Tick this box to take the interview: it is conducted by an AI.')
      aiConsentRef.current?.focus()
      return
    }
    setConsentError(null)
    try {
      await consent.mutateAsync({ recording: interview.recording.available && recording })
      // Once started, the interview's status moves the page on to the chat.
      await start.mutateAsync()
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <section
      aria-labelledby={`${ids}-heading`}
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8"
    >
      <h1
        ref={headingRef}
        id={`${ids}-heading`}
        tabIndex={-1}
        className="font-bold text-2xl text-slate-900 tracking-tight focus:outline-none"
      >
        Check your device and give your consent
      </h1>
      <p className="mt-2 text-slate-700">
        {interview.jobRole}
        {interview.company.name ? ` at ${interview.company.name}` : ''} · {interview.timeLimitMinutes} minutes
      </p>

      <h2 className="mt-6 font-semibold text-lg text-slate-900">Device check</h2>
      <ul className="mt-3 space-y-3">
        {checks.map((check) => (
          <li key={check.label} className="flex gap-3">
            <span
              aria-hidden="true"
              className={
                check.isOk
                  ? 'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-emerald-100 font-bold text-emerald-800'
                  : 'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-red-100 font-bold text-red-800'
              }
            >
              {check.isOk ? '✓' : '!'}
            </span>
            <p className="text-slate-800">
              <span className="font-medium">{check.label}:</span>{' '}
              <span className="sr-only">{check.isOk ? 'passed.' : 'problem.'} </span>
              {check.isOk ? check.ok : check.problem}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-slate-600 text-sm">
        {isVoice
          ? 'This is a spoken interview: once you start, you allow the microphone and check that it works. What you say is saved turn by turn, so if your connection drops, the page reconnects, or open your link again and carry on.'
          : `This is a written interview: ${interview.recording.available ? 'no camera or microphone is used unless you agree to be recorded below' : 'no camera or microphone is used'}. Answers are saved as you send them, so if your connection drops, open your link again and carry on.`}
      </p>

      <form className="mt-8" onSubmit={handleStart} noValidate>
        <h2 className="font-semibold text-lg text-slate-900">What is kept, and who sees it</h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-slate-700">
          <li>Your answers and the interviewer’s messages, with the time of each.</li>
          <li>When you gave consent, and when the interview started and ended.</li>
          <li>
            Signals from this page: when you switch to another tab or window and come back, when you paste
            (how many characters, never what you pasted), and when your connection drops. They are flags for a
            person to look at; they never decide anything on their own.
          </li>
          <li>
            The AI writes a score and summary of your answers. The hiring team at {company} sees all of this,
            and you can ask for a person to review the result when you finish.
          </li>
        </ul>

        <fieldset className="mt-6 space-y-4">
          <legend className="font-semibold text-slate-900">Your consent</legend>
          <div>
            <div className="flex items-start gap-3">
              <input
                ref={aiConsentRef}
                id={`${ids}-ai`}
                type="checkbox"
                checked={aiConsent}
                onChange={(event) => {
                  setAiConsent(event.target.checked)
                  if (event.target.checked) setConsentError(null)
                }}
                aria-invalid={consentError ? true : undefined}
                aria-describedby={consentError ? `${ids}-ai-error` : undefined}
                className="mt-0.5 size-6 shrink-0 accent-brand-600"
              />
              <label htmlFor={`${ids}-ai`} className="text-slate-900">
                I agree to be interviewed by an AI interviewer, and to the records above.{' '}
                <span className="text-slate-600">(required)</span>
              </label>
            </div>
            {consentError ? (
              <div className="mt-2 pl-9">
                <FieldError id={`${ids}-ai-error`}>{consentError}</FieldError>
              </div>
            ) : null}
          </div>
          {interview.recording.available ? (
            <div className="flex items-start gap-3">
              <input
                id={`${ids}-recording`}
                type="checkbox"
                checked={recording}
                onChange={(event) => setRecording(event.target.checked)}
                aria-describedby={`${ids}-recording-hint`}
                className="mt-0.5 size-6 shrink-0 accent-brand-600"
              />
              <div>
                <label htmlFor={`${ids}-recording`} className="text-slate-900">
                  I agree to be recorded on camera and microphone during the interview.{' '}
                  <span className="text-slate-600">(optional)</span>
                </label>
                <p id={`${ids}-recording-hint`} className="mt-1 text-slate-600 text-sm">
                  Your browser asks to use your camera and microphone when the interview starts. The video is
                  uploaded as you go and kept for the hiring team at {company} to watch. Saying no changes
                  nothing about how your interview is run or judged.
                </p>
              </div>
            </div>
          ) : (
            <p className="text-slate-700">Recording is off: this site does not record interviews.</p>
          )}
        </fieldset>

        {failure ? (
          <Alert className="mt-6" title="The interview could not start">
            <p>{describeError(failure)}</p>
          </Alert>
        ) : null}

        <Button type="submit" size="lg" className="mt-6 w-full sm:w-auto" disabled={!isReady || isStarting}>
          {isStarting ? 'Starting…' : 'Start the interview'}
        </Button>
        {!isReady ? (
          <p className="mt-2 text-slate-600 text-sm">Fix the device check above to start.</p>
        ) : null}
      </form>
    </section>
  )
}
