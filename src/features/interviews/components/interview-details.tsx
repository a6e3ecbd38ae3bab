import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { formatDateTime } from '../../../lib/format'
import type { Interview } from '../api/list-interviews'
import { INTERVIEW_TYPE_NAMES } from './interview-names'

/** What the interview is and who it is for, as a description list. */
export function InterviewDetails({ interview }: { interview: Interview }) {
  return (
    <div className="space-y-6">
      <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
        <Detail term="Candidate">{interview.candidateName ?? 'No name given'}</Detail>
        <Detail term="Email">
          <span className="break-all">{interview.candidateEmail}</span>
        </Detail>
        <Detail term="Format">{INTERVIEW_TYPE_NAMES[interview.type].label}</Detail>
        <Detail term="Time limit">{interview.timeLimitMinutes} minutes</Detail>
        <Detail term="Complete by">
          {interview.expiresAt ? <DateTime value={interview.expiresAt} /> : 'No deadline'}
        </Detail>
        <Detail term="Job">
          {interview.job ? (
            <Link
              to={`/jobs/${interview.job.id}/applications`}
              className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
            >
              {interview.job.title}
            </Link>
          ) : (
            'None'
          )}
        </Detail>
        <Detail term="Created">
          <DateTime value={interview.createdAt} />
        </Detail>
        {interview.startedAt ? (
          <Detail term="Started">
            <DateTime value={interview.startedAt} />
          </Detail>
        ) : null}
        {interview.completedAt ? (
          <Detail term="Completed">
            <DateTime value={interview.completedAt} />
          </Detail>
        ) : null}
        <Detail term="Resume">
          {interview.candidateResumeFileId ? (
            <Link
              to={`/files/${interview.candidateResumeFileId}/view`}
              className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
            >
              View resume
            </Link>
          ) : (
            'None attached'
          )}
        </Detail>
      </dl>
      <div>
        <h3 className="font-semibold text-slate-900">Questions</h3>
        {interview.questions.length === 0 ? (
          <p className="mt-2 text-slate-600 text-sm">
            None: the AI interviewer asks general questions about the role.
          </p>
        ) : (
          <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-slate-900 text-sm leading-6">
            {interview.questions.map((question, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: questions may repeat; their position is their identity
              <li key={index} className="break-words">
                {question}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  )
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  )
}

function DateTime({ value }: { value: string }) {
  return <time dateTime={value}>{formatDateTime(value)}</time>
}
