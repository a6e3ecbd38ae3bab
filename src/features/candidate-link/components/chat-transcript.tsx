import type { InterviewMessage } from '../api/list-interview-messages'
import type { OutgoingAnswer } from '../hooks/use-interview-chat'

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

function Bubble({
  from,
  children,
  time,
  note,
}: {
  from: 'candidate' | 'interviewer'
  children: string
  time?: string
  note?: string
}) {
  const isCandidate = from === 'candidate'
  return (
    <div className={isCandidate ? 'flex justify-end' : 'flex justify-start'}>
      <div
        className={
          isCandidate
            ? 'max-w-[85%] rounded-2xl rounded-br-md bg-brand-600 px-4 py-3 text-white'
            : 'max-w-[85%] rounded-2xl rounded-bl-md border border-slate-200 bg-white px-4 py-3 text-slate-900'
        }
      >
        <p className={isCandidate ? 'sr-only' : 'font-semibold text-slate-600 text-xs'}>
          {isCandidate ? 'You' : 'Interviewer'}
        </p>
        <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{children}</p>
        {time || note ? (
          <p
            className={isCandidate ? 'mt-1 text-right text-white/85 text-xs' : 'mt-1 text-slate-500 text-xs'}
          >
            {note ?? time}
          </p>
        ) : null}
      </div>
    </div>
  )
}

/**
 * The conversation. Stored messages form a `role="log"`: a screen reader reads each message added
 * to it once, complete. The answer being confirmed and the reply being written sit after the log,
 * outside it, so the reply is not read out word by word as it streams.
 */
export function ChatTranscript({
  transcript,
  unconfirmed,
  replyText,
}: {
  transcript: InterviewMessage[]
  unconfirmed: OutgoingAnswer | null
  replyText: string | null
}) {
  return (
    <div className="space-y-3">
      <div
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label="Conversation"
        className="space-y-3"
      >
        {transcript.map((message) => (
          <Bubble key={message.id} from={message.role} time={timeFormat.format(new Date(message.createdAt))}>
            {message.content}
          </Bubble>
        ))}
      </div>
      {unconfirmed ? (
        <Bubble from="candidate" note={unconfirmed.phase === 'sending' ? 'Sending…' : 'Not confirmed yet'}>
          {unconfirmed.content}
        </Bubble>
      ) : null}
      {replyText !== null ? (
        <section aria-label="The interviewer is replying" aria-busy="true">
          <div className="flex justify-start">
            <div className="max-w-[85%] rounded-2xl rounded-bl-md border border-slate-200 bg-white px-4 py-3 text-slate-900">
              <p className="font-semibold text-slate-600 text-xs">Interviewer</p>
              {replyText ? (
                <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">
                  {replyText}
                  <span aria-hidden="true" className="ml-0.5 inline-block motion-safe:animate-pulse">
                    ▍
                  </span>
                </p>
              ) : (
                <p className="text-slate-600">
                  <span aria-hidden="true" className="motion-safe:animate-pulse">
                    •••
                  </span>
                  <span className="sr-only">Writing a reply…</span>
                </p>
              )}
            </div>
          </div>
        </section>
      ) : null}
    </div>
  )
}
