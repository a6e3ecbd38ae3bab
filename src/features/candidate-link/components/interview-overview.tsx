import type { ReactNode } from 'react'
import type { CandidateInterview } from '../api/get-candidate-interview'
import { BrandStripe } from './brand-stripe'
import { CompanyLogo } from './company-logo'

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

/**
 * The interview a candidate's link opens: who is hiring, for what, and how the interview works.
 * `children` is the next step (the call to continue, or why there is none yet).
 */
export function InterviewOverview({
  interview,
  children,
}: {
  interview: CandidateInterview
  children?: ReactNode
}) {
  const company = interview.company.name
  return (
    <article
      aria-labelledby="interview-heading"
      className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <BrandStripe color={interview.company.brandColor} />
      <div className="p-5 sm:p-8">
        <div className="flex items-start gap-4">
          {interview.company.logoFileId && company ? (
            <CompanyLogo fileId={interview.company.logoFileId} company={company} />
          ) : null}
          <div className="min-w-0">
            <p className="font-medium text-slate-600 text-sm">{company ?? 'Your interview'}</p>
            <h1
              id="interview-heading"
              className="mt-1 break-words font-bold text-2xl text-slate-900 tracking-tight sm:text-3xl"
            >
              {interview.jobRole}
            </h1>
          </div>
        </div>
        {interview.candidateName && (
          <p className="mt-4 text-slate-700">Welcome, {interview.candidateName}.</p>
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
        {children ? <div className="mt-6">{children}</div> : null}
      </div>
    </article>
  )
}
