import { useEffect, useState } from 'react'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { useInterviewResults } from '../api/get-interview-results'
import type { QuoteEvidence } from '../api/list-interview-evaluations'
import type { Interview } from '../api/list-interviews'
import { InterviewIntegrity } from './interview-integrity'
import { candidateLabel } from './interview-names'
import { InterviewScore } from './interview-score'
import {
  InterviewTranscript,
  type TranscriptHighlight,
  transcriptMessageElementId,
} from './interview-transcript'
import { InterviewVoicePanel } from './interview-voice-panel'

/**
 * The score with its evidence, the integrity summary and the transcript. While the interview runs,
 * the transcript grows live; the score arrives once it has ended. Following a quote scrolls to the
 * words it cites and marks them.
 */
export function InterviewResultsSection({ interview }: { interview: Interview }) {
  const results = useInterviewResults(interview.id)
  const [highlight, setHighlight] = useState<TranscriptHighlight | null>(null)

  // After the mark is drawn, bring its message into view and move focus there.
  useEffect(() => {
    if (!highlight) return
    const element = document.getElementById(transcriptMessageElementId(highlight.messageId))
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    element?.focus({ preventScroll: true })
  }, [highlight])

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

  const { messages } = results.data
  const showQuote = (quote: QuoteEvidence) =>
    setHighlight({ messageId: quote.messageId, start: quote.start, end: quote.end })

  return (
    <div className="space-y-8">
      <div className={interview.type === 'VOICE' ? 'grid gap-8 lg:grid-cols-2' : undefined}>
        <section aria-labelledby="score-heading">
          <h3 id="score-heading" className="font-semibold text-slate-900">
            Score
          </h3>
          <div className="mt-3">
            <InterviewScore
              interview={interview}
              hasAnswers={messages.some((message) => message.role === 'user')}
              onQuote={showQuote}
            />
          </div>
        </section>
        {interview.type === 'VOICE' ? (
          <section aria-labelledby="voice-heading">
            <h3 id="voice-heading" className="font-semibold text-slate-900">
              Voice
            </h3>
            <div className="mt-3">
              <InterviewVoicePanel interviewId={interview.id} />
            </div>
          </section>
        ) : null}
      </div>
      <section aria-labelledby="integrity-heading">
        <h3 id="integrity-heading" className="font-semibold text-slate-900">
          Integrity
        </h3>
        <div className="mt-3">
          <InterviewIntegrity interviewId={interview.id} results={results.data} />
        </div>
      </section>
      <section aria-labelledby="transcript-heading">
        <h3 id="transcript-heading" className="font-semibold text-slate-900">
          Transcript
        </h3>
        <div className="mt-3">
          <InterviewTranscript
            messages={messages}
            candidate={candidateLabel(interview)}
            highlight={highlight}
            isLive={interview.status === 'IN_PROGRESS'}
          />
        </div>
      </section>
    </div>
  )
}
