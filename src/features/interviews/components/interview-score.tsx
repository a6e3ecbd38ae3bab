import type { Recommendation } from '../../../../api/src/domain/evaluation'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { useEvaluateInterview } from '../api/evaluate-interview'
import {
  type Evaluation,
  type QuoteEvidence,
  useInterviewEvaluations,
} from '../api/list-interview-evaluations'
import type { Interview } from '../api/list-interviews'

const RECOMMENDATION_NAMES: Record<Recommendation, { label: string; tone: StatusTone }> = {
  strong_hire: { label: 'Strong hire', tone: 'ok' },
  hire: { label: 'Hire', tone: 'ok' },
  maybe: { label: 'Maybe', tone: 'warning' },
  no_hire: { label: 'No hire', tone: 'down' },
  strong_no_hire: { label: 'Strong no hire', tone: 'down' },
}

/**
 * The newest evaluation: the score, what it recommends and why, each criterion with the quotes it
 * rests on (each one leads to its place in the transcript), and the earlier evaluations below.
 */
export function InterviewScore({
  interview,
  hasAnswers,
  onQuote,
}: {
  interview: Interview
  hasAnswers: boolean
  onQuote: (quote: QuoteEvidence) => void
}) {
  const evaluations = useInterviewEvaluations(interview.id)
  const evaluate = useEvaluateInterview(interview.id)

  if (evaluations.isPending) return <Spinner label="Loading the score…" />
  if (evaluations.isError) {
    return (
      <Alert title="The score could not be loaded">
        {describeError(evaluations.error)}{' '}
        <Button variant="ghost" size="sm" onClick={() => evaluations.refetch()}>
          Try again
        </Button>
      </Alert>
    )
  }

  const { items, isModelConfigured } = evaluations.data
  const [latest, ...earlier] = items
  const hasEnded = interview.status === 'COMPLETED' || interview.status === 'EXPIRED'
  const canScore = hasEnded && hasAnswers

  return (
    <div className="space-y-4">
      {!latest ? (
        <NotScoredYet interview={interview} hasAnswers={hasAnswers} isModelConfigured={isModelConfigured} />
      ) : latest.status === 'PENDING' ? (
        <Alert tone="info" title="Scoring is waiting">
          {isModelConfigured
            ? 'A language model is configured now; this interview is scored within a minute.'
            : 'No language model is configured for VantaHire yet, so this interview has not been scored. It is scored as soon as one is (ask your administrator to set GROQ_API_KEY).'}
        </Alert>
      ) : (
        <EvaluationView evaluation={latest} onQuote={onQuote} />
      )}

      {canScore ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={evaluate.isPending}
            onClick={() => evaluate.mutate()}
          >
            {evaluate.isPending ? 'Scoring…' : latest ? 'Score again' : 'Score now'}
          </Button>
          <p className="text-slate-600 text-xs">Scoring again keeps every earlier evaluation.</p>
        </div>
      ) : null}
      {evaluate.isError ? <Alert title="Scoring failed">{describeError(evaluate.error)}</Alert> : null}

      {earlier.length > 0 ? (
        <details className="rounded-xl border border-slate-200 p-4">
          <summary className="cursor-pointer font-medium text-slate-800 text-sm">
            Earlier evaluations ({earlier.length})
          </summary>
          <ul className="mt-3 space-y-2 text-slate-700 text-sm">
            {earlier.map((evaluation) => (
              <li key={evaluation.id}>
                <time dateTime={evaluation.createdAt}>{formatDateTime(evaluation.createdAt)}</time>
                {': '}
                {evaluation.status === 'PENDING'
                  ? 'waiting for a model'
                  : `${evaluation.score} / 100${evaluation.model ? ` (${evaluation.model})` : ''}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  )
}

function NotScoredYet({
  interview,
  hasAnswers,
  isModelConfigured,
}: {
  interview: Interview
  hasAnswers: boolean
  isModelConfigured: boolean
}) {
  if (interview.status === 'PENDING' || interview.status === 'IN_PROGRESS') {
    return <p className="text-slate-700">The interview is scored once it ends.</p>
  }
  if (!hasAnswers) {
    return <p className="text-slate-700">The candidate answered nothing, so there is nothing to score.</p>
  }
  if (!isModelConfigured) {
    return (
      <Alert tone="info" title="Scoring is waiting">
        No language model is configured for VantaHire yet; this interview is scored as soon as one is.
      </Alert>
    )
  }
  return (
    <div role="status">
      <Spinner label="The AI is scoring this interview; the score appears here in a moment." />
    </div>
  )
}

function EvaluationView({
  evaluation,
  onQuote,
}: {
  evaluation: Evaluation
  onQuote: (quote: QuoteEvidence) => void
}) {
  const recommendation = evaluation.recommendation ? RECOMMENDATION_NAMES[evaluation.recommendation] : null
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-4">
        <p className="font-bold text-4xl text-slate-900">
          {evaluation.score}
          <span className="font-normal text-base text-slate-600"> / 100</span>
        </p>
        {recommendation ? (
          <StatusBadge tone={recommendation.tone}>
            <span className="sr-only">Recommendation: </span>
            {recommendation.label}
          </StatusBadge>
        ) : null}
      </div>
      {evaluation.transcriptSummary ? (
        <p className="whitespace-pre-line text-slate-900 leading-7">{evaluation.transcriptSummary}</p>
      ) : null}

      {evaluation.criteria && evaluation.criteria.length > 0 ? (
        <div>
          <h4 className="font-semibold text-slate-900">Criteria</h4>
          <ul className="mt-2 space-y-4">
            {evaluation.criteria.map((criterion) => (
              <li key={criterion.name} className="rounded-xl bg-slate-50 p-4">
                <div className="flex items-baseline justify-between gap-3">
                  <p className="font-medium text-slate-900">{criterion.name}</p>
                  <p className="font-semibold text-slate-900">{criterion.score}</p>
                </div>
                <div className="mt-2 h-2 rounded-full bg-slate-200" aria-hidden="true">
                  <div className="h-2 rounded-full bg-brand-600" style={{ width: `${criterion.score}%` }} />
                </div>
                {criterion.evidence.length > 0 ? (
                  <ul className="mt-3 space-y-2" aria-label={`Evidence for ${criterion.name}`}>
                    {criterion.evidence.map((quote) => (
                      <li key={`${quote.messageId}:${quote.start}`}>
                        <button
                          type="button"
                          onClick={() => onQuote(quote)}
                          className="w-full rounded-lg border-amber-400 border-l-4 bg-white px-3 py-2 text-left text-slate-800 text-sm hover:bg-amber-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                        >
                          <span className="sr-only">Show in the transcript: </span>“{quote.quote}”
                          <span className="mt-1 block text-slate-500 text-xs">
                            {quote.role === 'user' ? 'The candidate' : 'The interviewer'} · show in transcript
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <Points title="Strengths" points={evaluation.strengths} />
        <Points title="Concerns" points={evaluation.concerns} />
      </div>
      <p className="text-slate-500 text-xs">
        Scored <time dateTime={evaluation.createdAt}>{formatDateTime(evaluation.createdAt)}</time>
        {evaluation.model ? ` by ${evaluation.model}` : ''} · {evaluation.promptVersion} ·{' '}
        {evaluation.rubric.criteria.length} criteria. A score is a starting point for your judgement, not a
        decision.
      </p>
    </div>
  )
}

function Points({ title, points }: { title: string; points: string[] }) {
  return (
    <div>
      <h4 className="font-semibold text-slate-900">{title}</h4>
      {points.length === 0 ? (
        <p className="mt-1 text-slate-600 text-sm">None noted.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800 text-sm">
          {points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
