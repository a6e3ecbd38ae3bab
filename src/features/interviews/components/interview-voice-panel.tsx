import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { useVoiceReport } from '../api/get-voice-report'

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`)
const percent = (ratio: number | null) => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`)

/**
 * How a voice interview sounded: how fast the interviewer answered (response gap p50/p95), how
 * often the candidate spoke over it or went on after their turn ended, and the candidate's pace,
 * fillers, long pauses and share of the talking.
 */
export function InterviewVoicePanel({ interviewId }: { interviewId: string }) {
  const report = useVoiceReport(interviewId, { enabled: true })
  if (report.isPending) return <Spinner label="Loading the voice measures…" />
  if (report.isError) {
    return (
      <LoadError
        what="the voice measures"
        error={report.error}
        onRetry={report.refetch}
        isRetrying={report.isFetching}
      />
    )
  }
  const { responseGapMs, incidents, speech } = report.data
  const talkOvers = incidents.filter((incident) => incident.kind === 'talk_over').length
  const cutOffs = incidents.filter((incident) => incident.kind === 'cut_off').length
  const rows: [string, string][] = [
    ['Response gap (median)', seconds(responseGapMs.p50)],
    ['Response gap (95th percentile)', seconds(responseGapMs.p95)],
    ['Talk-overs', String(talkOvers)],
    ['Cut-offs', String(cutOffs)],
    ['Pace', speech?.wordsPerMinute == null ? '—' : `${Math.round(speech.wordsPerMinute)} words per minute`],
    ['Fillers', speech ? String(speech.fillerCount) : '—'],
    [
      'Long pauses',
      speech
        ? `${speech.longPauseCount}${speech.longestPauseSeconds === null ? '' : ` (longest ${speech.longestPauseSeconds.toFixed(1)} s)`}`
        : '—',
    ],
    ['Candidate’s share of the talking', percent(speech?.candidateTalkRatio ?? null)],
  ]
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
