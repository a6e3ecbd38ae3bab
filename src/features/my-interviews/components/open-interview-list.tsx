import { DateText } from '../../../components/date-text'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { type MyOpenInterview, useMyOpenInterviews } from '../api/list-my-open-interviews'

const TYPE_NAMES: Record<MyOpenInterview['type'], string> = {
  TEXT: 'Text interview',
  VOICE: 'Voice interview',
}

/** The interviews a candidate can still take, with how long each stays open. */
export function OpenInterviewList() {
  const interviews = useMyOpenInterviews()

  if (interviews.isPending) return <Spinner label="Loading your interviews…" />
  if (interviews.isError)
    return (
      <LoadError
        what="your interviews"
        error={interviews.error}
        onRetry={interviews.refetch}
        isRetrying={interviews.isFetching}
      />
    )
  if (interviews.data.items.length === 0)
    return (
      <EmptyState title="No interviews waiting for you">
        When a recruiter invites you to an interview, it appears here until you have taken it.
      </EmptyState>
    )
  return (
    <>
      <ul aria-label="Interviews to take" className="space-y-3">
        {interviews.data.items.map((interview) => (
          <li key={interview.id} className="rounded-xl border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="break-words font-semibold text-slate-900">{interview.jobRole}</h3>
                <p className="text-slate-700 text-sm">
                  {interview.companyName ?? 'A company hiring on VantaHire'} · {TYPE_NAMES[interview.type]}
                </p>
              </div>
              <StatusBadge tone={interview.status === 'IN_PROGRESS' ? 'warning' : 'neutral'}>
                <span className="sr-only">Status: </span>
                {interview.status === 'IN_PROGRESS' ? 'Started' : 'Not started'}
              </StatusBadge>
            </div>
            <p className="mt-2 text-slate-600 text-sm">
              Invited <DateText value={interview.invitedAt} />
              {interview.expiresAt ? (
                <>
                  {' '}
                  · open until <DateText value={interview.expiresAt} />
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-slate-600 text-sm leading-6">
        To take or resume an interview, open the personal link in the invitation we sent you by email or
        WhatsApp.
      </p>
    </>
  )
}
