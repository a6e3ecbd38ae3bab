import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { describeError } from '../../../lib/api'
import type { InterviewResults } from '../api/get-interview-results'
import { interviewEvidenceExportUrl, useVerifyInterviewEvidence } from '../api/verify-interview-evidence'

const END_REASONS: Record<string, string> = {
  candidate_ended: 'The candidate ended the interview.',
  interviewer_closed: 'The AI interviewer closed the interview after its questions.',
  time_limit: 'The time limit ran out.',
}

/**
 * What the candidate's page reported (flags for a person to weigh, never a verdict), how the
 * interview ended, and a check that its record has not been altered since.
 */
export function InterviewIntegrity({
  interviewId,
  results,
}: {
  interviewId: string
  results: InterviewResults
}) {
  const verify = useVerifyInterviewEvidence(interviewId)
  const { integrity, endReason } = results
  return (
    <div className="space-y-4">
      {endReason ? (
        <p className="text-slate-800">
          {END_REASONS[endReason] ?? `The candidate ended the interview: “${endReason}”`}
        </p>
      ) : null}
      {integrity.flags.length === 0 ? (
        <p className="text-slate-700">
          {integrity.total === 0
            ? 'The candidate’s page reported nothing unusual.'
            : 'Nothing stood out in what the candidate’s page reported.'}
        </p>
      ) : (
        <div>
          <p className="text-slate-700 text-sm">
            Worth a look — these are signals, not proof: switching tabs to reread a question looks the same as
            looking something up.
          </p>
          <ul aria-label="Integrity signals" className="mt-2 list-disc space-y-1 pl-5 text-slate-900">
            {integrity.flags.map((flag) => (
              <li key={flag.type}>{flag.message}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" size="sm" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? 'Checking the record…' : 'Check the record'}
        </Button>
        <a
          href={interviewEvidenceExportUrl(interviewId)}
          download={`interview-${interviewId}-evidence.json`}
          className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline"
        >
          Download the record (JSON)
        </a>
      </div>
      <div aria-live="polite">
        {verify.isError ? (
          <Alert title="The record could not be checked">{describeError(verify.error)}</Alert>
        ) : null}
        {verify.data ? (
          verify.data.valid ? (
            <Alert tone="success" title="The record is intact">
              All {verify.data.checked} entries — messages, consent, signals and scores — are as they were
              written.
            </Alert>
          ) : (
            <Alert title="The record has been altered">
              Entry {verify.data.brokenAt?.sequence} does not match what was written (
              {verify.data.brokenAt?.reason.replaceAll('_', ' ')}); the {verify.data.checked} entries before
              it are intact.
            </Alert>
          )
        ) : null}
      </div>
    </div>
  )
}
