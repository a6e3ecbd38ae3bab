import type { CandidateInterview } from '../api/get-candidate-interview'

const TYPE_LABELS: Record<CandidateInterview['type'], string> = {
  TEXT: 'Text chat with the AI interviewer',
  VOICE: 'Spoken conversation with the AI interviewer',
}

const STATUS_MESSAGES: Record<CandidateInterview['status'], string> = {
  PENDING: 'Your interview is ready for you.',
  IN_PROGRESS: 'You have started this interview; you can pick up where you left off.',
  COMPLETED: 'You have completed this interview. Thank you — the recruiter will be in touch.',
  EXPIRED: 'This interview has expired.',
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })

/** The interview a candidate's link opens: who is hiring, for what, and how the interview works. */
export function InterviewOverview({ interview }: { interview: CandidateInterview }) {
  const accent = interview.company.brandColor ?? '#4f46e5'
  return (
    <article
      aria-labelledby="interview-heading"
      className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="h-2" style={{ backgroundColor: accent }} aria-hidden="true" />
      <div className="p-6 sm:p-8">
        <p className="font-medium text-slate-600 text-sm">{interview.company.name ?? 'Your interview'}</p>
        <h1
          id="interview-heading"
          className="mt-1 font-bold text-2xl text-slate-900 tracking-tight sm:text-3xl"
        >
          {interview.jobRole}
        </h1>
        {interview.candidateName && (
          <p className="mt-2 text-slate-700">Welcome, {interview.candidateName}.</p>
        )}
        <p className="mt-4 text-slate-800" role="status">
          {STATUS_MESSAGES[interview.status]}
        </p>
        <dl className="mt-6 grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-600 text-sm">Format</dt>
            <dd className="mt-1 text-slate-900">{TYPE_LABELS[interview.type]}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600 text-sm">Time limit</dt>
            <dd className="mt-1 text-slate-900">{interview.timeLimitMinutes} minutes</dd>
          </div>
          {interview.expiresAt && (
            <div className="sm:col-span-2">
              <dt className="font-medium text-slate-600 text-sm">Complete it before</dt>
              <dd className="mt-1 text-slate-900">{dateFormat.format(new Date(interview.expiresAt))}</dd>
            </div>
          )}
        </dl>
        {interview.status === 'PENDING' && (
          <section aria-labelledby="prepare-heading" className="mt-8 rounded-xl bg-slate-50 p-4">
            <h2 id="prepare-heading" className="font-semibold text-slate-900">
              Before you start
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
              <li>
                Find a quiet place where you will not be interrupted for {interview.timeLimitMinutes} minutes.
              </li>
              {interview.type === 'VOICE' && (
                <li>Use headphones and allow this site to use your microphone.</li>
              )}
              <li>Keep this tab open: your answers are saved as you go.</li>
            </ul>
          </section>
        )}
      </div>
    </article>
  )
}
