import { Link } from 'react-router'
import { StatusBadge } from '../../../components/ui/status-badge'
import { formatDate } from '../../../lib/format'
import type { Application } from '../api/list-job-applications'
import { APPLICATION_STATUS_NAMES, applicantName } from './application-names'
import { type ApplicationMove, ApplicationStatusActions } from './application-status-actions'
import { EmailText } from './email-text'

type ApplicationsTableProps = {
  applications: Application[]
  onMoved: (move: ApplicationMove) => void
}

/**
 * The applications as rows, in the order the filters chose: many at a glance on a laptop. Fixed
 * column widths and addresses that wrap at their dots keep it inside the page's width; on a phone it
 * scrolls sideways within its own box.
 */
export function ApplicationsTable({ applications, onMoved }: ApplicationsTableProps) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[48rem] table-fixed text-left text-sm">
        <caption className="sr-only">Applications</caption>
        <colgroup>
          <col className="w-[26%]" />
          <col className="w-[11%]" />
          <col className="w-[11%]" />
          <col className="w-[9%]" />
          <col className="w-[9%]" />
          <col />
        </colgroup>
        <thead className="border-slate-200 border-b bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Candidate
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Applied
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Interview score
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Résumé
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Actions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {applications.map((application) => {
            const name = applicantName(application)
            const names = APPLICATION_STATUS_NAMES[application.status]
            return (
              <tr key={application.id} className="align-top">
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="block break-words font-medium text-slate-900">
                    {application.candidate.fullName ?? <EmailText email={application.candidate.email} />}
                  </span>
                  {application.candidate.fullName ? (
                    <span className="block break-words text-slate-600">
                      <EmailText email={application.candidate.email} />
                    </span>
                  ) : null}
                </th>
                <td className="px-3 py-2">
                  <StatusBadge tone={names.tone}>{names.label}</StatusBadge>
                </td>
                <td className="px-3 py-2 text-slate-700">
                  <time dateTime={application.appliedAt}>{formatDate(application.appliedAt)}</time>
                </td>
                <td className="px-3 py-2 text-slate-900 tabular-nums">
                  {application.interviewScore ?? <span className="text-slate-500">—</span>}
                </td>
                <td className="px-3 py-2">
                  {application.resumeFileId ? (
                    <Link
                      to={`/files/${application.resumeFileId}/view`}
                      className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
                    >
                      View<span className="sr-only"> resume of {name}</span>
                    </Link>
                  ) : (
                    <span className="text-slate-500">None</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <ApplicationStatusActions application={application} onMoved={onMoved} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
