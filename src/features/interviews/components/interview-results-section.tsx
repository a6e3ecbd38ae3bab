import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import { type TranscriptMessage, useInterviewResults } from '../api/get-interview-results'
import type { Interview } from '../api/list-interviews'
import { candidateLabel } from './interview-names'

/** Score, summary and transcript; the score and summary appear once the interview is evaluated. */
export function InterviewResultsSection({ interview }: { interview: Interview }) {
  const results = useInterviewResults(interview.id)

  if (results.isPending) return <Spinner label="Loading the results…" />
  if (results.isError) {
    return (
      <LoadError
        what="the results"
        error={results.error}
        onRetry={results.refetch}
        isRetrying={results.isFetching}
      />
    )
  }

  const { score, transcriptSummary, messages } = results.data
  // Instructions to the AI interviewer are not part of the conversation.
  const conversation = messages.filter((message) => message.role !== 'system')

  return (
    <div className="space-y-6">
      <dl className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <div className="rounded-xl bg-slate-50 p-4">
          <dt className="font-medium text-slate-600 text-sm">Score</dt>
          <dd className="mt-1 font-bold text-3xl text-slate-900">{score ?? '—'}</dd>
          {score === null ? <dd className="text-slate-600 text-xs">Not scored yet</dd> : null}
        </div>
        <div className="rounded-xl bg-slate-50 p-4">
          <dt className="font-medium text-slate-600 text-sm">Summary</dt>
          <dd className="mt-1 whitespace-pre-line text-slate-900 leading-7">
            {transcriptSummary ?? 'The AI interviewer writes a summary once the interview is complete.'}
          </dd>
        </div>
      </dl>

      <div>
        <h3 className="font-semibold text-slate-900">Transcript</h3>
        <div className="mt-3">
          {conversation.length === 0 ? (
            <EmptyState title="No transcript yet">
              The transcript appears here once the candidate has started.
            </EmptyState>
          ) : (
            <ol aria-label="Transcript" className="space-y-3">
              {conversation.map((message, index) => (
                <Message
                  // Messages have no id; their order never changes.
                  // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
                  key={index}
                  message={message}
                  candidate={candidateLabel(interview)}
                />
              ))}
            </ol>
          )}
        </div>
      </div>
    </div>
  )
}

function Message({ message, candidate }: { message: TranscriptMessage; candidate: string }) {
  const isCandidate = message.role === 'user'
  return (
    <li
      className={cn('max-w-[85%] rounded-xl px-4 py-3', isCandidate ? 'ml-auto bg-brand-50' : 'bg-slate-100')}
    >
      <p className="font-semibold text-slate-700 text-xs">
        {isCandidate ? candidate : 'AI interviewer'}
        <span className="font-normal text-slate-500">
          {' · '}
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
        </span>
      </p>
      <p className="mt-1 whitespace-pre-line break-words text-slate-900">{message.content}</p>
    </li>
  )
}
