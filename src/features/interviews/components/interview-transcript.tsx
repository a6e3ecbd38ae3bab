import { EmptyState } from '../../../components/ui/empty-state'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import type { TranscriptMessage } from '../api/get-interview-results'

/** A quoted stretch of one message: `content.slice(start, end)`. */
export type TranscriptHighlight = { messageId: string; start: number; end: number }

export const transcriptMessageElementId = (messageId: string) => `transcript-message-${messageId}`

/**
 * The conversation as it stands; while the interview runs it grows as messages arrive. A quote the
 * score points at is marked in its message.
 */
export function InterviewTranscript({
  messages,
  candidate,
  highlight,
  isLive,
}: {
  messages: TranscriptMessage[]
  candidate: string
  highlight: TranscriptHighlight | null
  isLive: boolean
}) {
  if (messages.length === 0) {
    return (
      <EmptyState title="No transcript yet">
        The conversation appears here, live, as soon as the candidate starts.
      </EmptyState>
    )
  }
  return (
    <ol
      aria-label="Transcript"
      // While the interview runs, screen readers hear new messages without losing their place.
      aria-live={isLive ? 'polite' : undefined}
      aria-relevant={isLive ? 'additions' : undefined}
      className="space-y-3"
    >
      {messages.map((message) => (
        <Message
          key={message.id}
          message={message}
          candidate={candidate}
          highlight={highlight?.messageId === message.id ? highlight : null}
        />
      ))}
    </ol>
  )
}

function Message({
  message,
  candidate,
  highlight,
}: {
  message: TranscriptMessage
  candidate: string
  highlight: TranscriptHighlight | null
}) {
  const isCandidate = message.role === 'user'
  return (
    <li
      id={transcriptMessageElementId(message.id)}
      // Focus lands here when a quote is followed, so keyboard and screen-reader users arrive too.
      tabIndex={-1}
      className={cn(
        'max-w-[85%] scroll-mt-24 rounded-xl px-4 py-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600',
        isCandidate ? 'ml-auto bg-brand-50' : 'bg-slate-100',
        highlight && 'ring-2 ring-amber-400',
      )}
    >
      <p className="font-semibold text-slate-700 text-xs">
        {isCandidate ? candidate : 'AI interviewer'}
        <span className="font-normal text-slate-600">
          {' · '}
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
        </span>
      </p>
      <p className="mt-1 whitespace-pre-line break-words text-slate-900">
        <MarkedContent content={message.content} highlight={highlight} />
      </p>
    </li>
  )
}

function MarkedContent({ content, highlight }: { content: string; highlight: TranscriptHighlight | null }) {
  if (
    !highlight ||
    highlight.start < 0 ||
    highlight.end > content.length ||
    highlight.start >= highlight.end
  ) {
    return <>{content}</>
  }
  return (
    <>
      {content.slice(0, highlight.start)}
      <mark className="rounded bg-amber-200 px-0.5 text-slate-900">
        {content.slice(highlight.start, highlight.end)}
      </mark>
      {content.slice(highlight.end)}
    </>
  )
}
