import { useRef } from 'react'
import { Link } from 'react-router'
import { DateText } from '../../../components/date-text'
import { LoadMore, PagedQueryState } from '../../../components/paged-list'
import { buttonClassName } from '../../../components/ui/button'
import { StatusBadge } from '../../../components/ui/status-badge'
import { api } from '../../../lib/api'
import { type MyApplication, useMyApplications } from '../api/list-my-applications'
import { useMyApplicationEvents } from '../hooks/use-my-application-events'
import { APPLICATION_STATUS_NAMES } from './application-status-names'
import { WithdrawButton } from './withdraw-button'

/** The candidate's applications, newest first, each with its status and what they sent. */
export function ApplicationList() {
  const applications = useMyApplications()
  useMyApplicationEvents()
  const listRef = useRef<HTMLUListElement>(null)
  const items = applications.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <PagedQueryState
      query={applications}
      what="applications"
      isEmpty={items.length === 0}
      empty={{
        title: "You haven't applied for any jobs yet",
        details: 'Find a job that suits you on the job board and apply in a minute.',
        action: (
          <Link to="/careers" className={buttonClassName()}>
            Browse open jobs
          </Link>
        ),
      }}
    >
      <ul ref={listRef} aria-label="Your applications" className="space-y-4">
        {items.map((application) => (
          <ApplicationItem key={application.id} application={application} />
        ))}
      </ul>
      <LoadMore
        query={applications}
        what="applications"
        one="application"
        listRef={listRef}
        shownCount={items.length}
        totalCount={applications.data?.pages.at(-1)?.total}
      />
    </PagedQueryState>
  )
}

function ApplicationItem({ application }: { application: MyApplication }) {
  const status = APPLICATION_STATUS_NAMES[application.status]
  const resumeUrl = application.resumeFileId
    ? api.api.files[':id'].$url({ param: { id: application.resumeFileId } })
    : null

  return (
    <li className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 className="break-words font-semibold text-lg text-slate-900">
            <Link to={`/careers/${application.jobId}`} className="hover:text-brand-700">
              {application.job.title}
            </Link>
          </h2>
          <p className="text-slate-700">{application.job.companyName ?? 'A company hiring on VantaHire'}</p>
        </div>
        <StatusBadge tone={status.tone}>
          <span className="sr-only">Status: </span>
          {status.label}
        </StatusBadge>
      </div>
      <p className="mt-2 text-slate-600 text-sm">{status.meaning}</p>
      <p className="mt-2 text-slate-600 text-sm">
        Applied <DateText value={application.appliedAt} />
        {application.withdrawnAt ? (
          <>
            {' '}
            · withdrawn <DateText value={application.withdrawnAt} />
          </>
        ) : null}
        {application.reviewedAt ? (
          <>
            {' '}
            · last reviewed <DateText value={application.reviewedAt} />
          </>
        ) : null}
      </p>

      {application.coverLetter || resumeUrl ? (
        <div className="mt-4 flex flex-wrap items-center gap-x-5 gap-y-3 border-slate-100 border-t pt-4">
          {application.coverLetter ? (
            <details className="w-full text-sm">
              <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">
                Your cover letter
              </summary>
              <p className="mt-2 whitespace-pre-line break-words rounded-lg bg-slate-50 p-4 text-slate-800 leading-6">
                {application.coverLetter}
              </p>
            </details>
          ) : null}
          {resumeUrl ? (
            <a
              href={`${resumeUrl.pathname}${resumeUrl.search}`}
              className="inline-flex min-h-11 items-center font-medium text-brand-700 text-sm underline underline-offset-4"
            >
              Download the resume you sent
            </a>
          ) : null}
        </div>
      ) : null}
      <div className="mt-3">
        <WithdrawButton application={application} />
      </div>
    </li>
  )
}
