import { useEffect, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { describeError } from '../../../lib/api'
import { useEndInterview } from '../api/end-interview'
import type { CandidateInterview } from '../api/get-candidate-interview'
import { useIntegritySignals } from '../hooks/use-integrity-signals'
import { useInterviewChat } from '../hooks/use-interview-chat'
import { AnswerComposer } from './answer-composer'
import { ChatTranscript } from './chat-transcript'
import { InterviewTimer } from './interview-timer'

/** Within this distance of the bottom, new text keeps the page scrolled to the end. */
const FOLLOW_SCROLL_PX = 160

/**
 * The interview in progress: the conversation, the field for answers, the clock and a way to end
 * early. `shouldFocusInput` puts focus in the answer field, for a candidate who has just pressed Start.
 */
export function InterviewChat({
  token,
  interview,
  secondsLeft,
  shouldFocusInput,
}: {
  token: string
  interview: CandidateInterview
  secondsLeft: number
  shouldFocusInput: boolean
}) {
  const chat = useInterviewChat(token)
  const end = useEndInterview(token)
  const [isEnding, setIsEnding] = useState(false)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const endRef = useRef<HTMLDivElement>(null)
  const isNearBottom = useRef(true)
  useIntegritySignals(token, true)

  const isLoaded = chat.messages.isSuccess
  useEffect(() => {
    if (shouldFocusInput && isLoaded) inputRef.current?.focus()
  }, [shouldFocusInput, isLoaded])

  useEffect(() => {
    const onScroll = () => {
      isNearBottom.current =
        window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - FOLLOW_SCROLL_PX
    }
    window.addEventListener('scroll', onScroll, { passive: true })
    return () => window.removeEventListener('scroll', onScroll)
  }, [])
  const contentSize = chat.transcript.length + (chat.replyText?.length ?? 0) + (chat.unconfirmed ? 1 : 0)
  useEffect(() => {
    if (contentSize > 0 && isNearBottom.current) endRef.current?.scrollIntoView({ block: 'end' })
  }, [contentSize])

  const { questionsAsked, questionsTotal } = interview.state.progress
  const failure = chat.outgoing?.phase === 'failed' ? chat.outgoing.problem : undefined

  return (
    <section aria-labelledby="chat-heading" className="flex flex-col gap-4">
      <header className="sticky top-0 z-10 -mx-4 border-slate-200 border-b bg-slate-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:bg-white sm:px-4 sm:py-3">
        <h1 id="chat-heading" className="truncate font-semibold text-slate-900 text-sm sm:text-base">
          {interview.jobRole} interview
          {interview.company.name ? (
            <span className="font-normal text-slate-600"> · {interview.company.name}</span>
          ) : null}
        </h1>
        <div className="mt-1 flex items-center justify-between gap-3">
          <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <InterviewTimer secondsLeft={secondsLeft} />
            {questionsTotal > 0 ? (
              <p className="text-slate-600 text-xs">
                Question {Math.max(1, questionsAsked)} of {questionsTotal}
              </p>
            ) : null}
          </div>
          <Button variant="secondary" className="shrink-0" onClick={() => setIsEnding(true)}>
            End interview
          </Button>
        </div>
      </header>

      {chat.messages.isPending ? (
        <Spinner label="Loading the conversation…" />
      ) : chat.messages.isError ? (
        <LoadError
          what="the conversation"
          error={chat.messages.error}
          onRetry={() => chat.messages.refetch()}
          isRetrying={chat.messages.isFetching}
        />
      ) : (
        <ChatTranscript
          transcript={chat.transcript}
          unconfirmed={chat.unconfirmed}
          replyText={chat.replyText}
        />
      )}

      <p className="sr-only" role="status">
        {chat.isReplying ? 'Answer sent. The interviewer is replying.' : ''}
      </p>

      {failure ? (
        <Alert
          title={failure.isConnection ? 'Connection lost' : 'No reply yet'}
          actions={
            <Button onClick={chat.retry} size="md">
              Send again
            </Button>
          }
        >
          <p>{failure.message}</p>
          {failure.isConnection ? <p>It is sent again by itself when your connection comes back.</p> : null}
        </Alert>
      ) : null}

      <div className="sticky bottom-0 -mx-4 border-slate-200 border-t bg-slate-50/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:bg-white sm:p-4">
        <AnswerComposer
          textareaRef={inputRef}
          value={chat.draft}
          onChange={chat.setDraft}
          onSubmit={chat.submit}
          isBusy={chat.outgoing !== null || !isLoaded}
        />
      </div>
      <div ref={endRef} />

      <ConfirmDialog
        isOpen={isEnding}
        title="End the interview now?"
        confirmLabel="End interview"
        pendingLabel="Ending…"
        isPending={end.isPending}
        isDestructive
        errorMessage={end.error ? describeError(end.error) : undefined}
        onConfirm={() =>
          end.mutate('The candidate ended the interview.', { onSuccess: () => setIsEnding(false) })
        }
        onClose={() => {
          setIsEnding(false)
          end.reset()
        }}
      >
        <p>
          Everything you have sent so far is kept and goes to the hiring team. You cannot come back to this
          interview after ending it.
        </p>
      </ConfirmDialog>
    </section>
  )
}
