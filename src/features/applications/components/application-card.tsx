import { memo, type ReactNode, useId, useState } from 'react'
import { Link } from 'react-router'
import { excerpt, formatDate } from '../../../lib/format'
import type { Application } from '../api/list-job-applications'
import { applicantName } from './application-names'
import { ApplicationNotesEditor } from './application-notes-editor'
import { type ApplicationMove, ApplicationStatusActions } from './application-status-actions'
import { EmailText } from './email-text'
import { InviteToInterviewForm } from './invite-to-interview-form'

const COVER_LETTER_EXCERPT_LENGTH = 180

/** The element id of a card's heading, which takes focus when the card moves to another column. */
export const applicationHeadingId = (applicationId: string) => `application-${applicationId}`

type ApplicationCardProps = {
  application: Application
  /** Called once the application has moved, so the board can follow it to its new column. */
  onMoved: (move: ApplicationMove) => void
}

/**
 * One applicant: who, when, their letter and resume, and what the recruiter can do next. Memoised:
 * a board of hundreds re-renders only the cards whose application changed.
 */
export const ApplicationCard = memo(function ApplicationCard({ application, onMoved }: ApplicationCardProps) {
  const name = applicantName(application)

  return (
    <article
      aria-labelledby={applicationHeadingId(application.id)}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div>
        <h3
          id={applicationHeadingId(application.id)}
          tabIndex={-1}
          className="break-words font-semibold text-slate-900 focus:outline-2 focus:outline-brand-600 focus:outline-offset-2"
        >
          {name}
        </h3>
        {application.candidate.fullName ? (
          <p className="break-words text-slate-600 text-sm">
            <EmailText email={application.candidate.email} />
          </p>
        ) : null}
        <p className="mt-1 text-slate-600 text-xs">
          Applied <time dateTime={application.appliedAt}>{formatDate(application.appliedAt)}</time>
          {application.interviewScore !== null ? (
            <span className="font-medium text-slate-800">
              {' '}
              · Interview score {application.interviewScore}
            </span>
          ) : null}
        </p>
      </div>

      {application.coverLetter ? (
        <CoverLetter text={application.coverLetter} />
      ) : (
        <p className="text-slate-500 text-sm italic">No cover letter.</p>
      )}

      {application.resumeFileId ? (
        <Link
          to={`/files/${application.resumeFileId}/view`}
          className="inline-flex min-h-9 items-center font-medium text-brand-700 text-sm underline underline-offset-4 hover:text-brand-900"
        >
          View resume<span className="sr-only"> of {name}</span>
        </Link>
      ) : (
        <p className="text-slate-500 text-sm">No resume.</p>
      )}

      <ApplicationStatusActions application={application} onMoved={onMoved} />

      <Disclosure summary="Private notes" hasContent={Boolean(application.notes)} name={name}>
        <ApplicationNotesEditor application={application} />
      </Disclosure>
      <Disclosure summary="Invite to AI interview" name={name}>
        <InviteToInterviewForm application={application} />
      </Disclosure>
    </article>
  )
})

function CoverLetter({ text }: { text: string }) {
  const short = excerpt(text, COVER_LETTER_EXCERPT_LENGTH)
  if (short.length >= text.trim().length) {
    return <p className="whitespace-pre-line break-words text-slate-700 text-sm">{text.trim()}</p>
  }
  return (
    <details className="group text-slate-700 text-sm">
      <summary className="cursor-pointer list-none">
        <span className="break-words group-open:hidden">{short} </span>
        <span className="font-medium text-brand-700 underline underline-offset-4">
          <span className="group-open:hidden">Read the whole letter</span>
          <span className="hidden group-open:inline">Hide the letter</span>
        </span>
      </summary>
      <p className="mt-2 whitespace-pre-line break-words">{text.trim()}</p>
    </details>
  )
}

/** A native disclosure: keyboard-usable and announced as expanded or collapsed with no script. */
function Disclosure({
  summary,
  name,
  hasContent = false,
  children,
}: {
  summary: string
  name: string
  hasContent?: boolean
  children: ReactNode
}) {
  const id = useId()
  // The form inside is built only once opened: a board of hundreds of cards stays light.
  const [isOpen, setIsOpen] = useState(false)
  return (
    <details
      className="group rounded-lg border border-slate-200"
      onToggle={(event) => setIsOpen(event.currentTarget.open)}
    >
      <summary
        aria-describedby={id}
        className="flex min-h-10 cursor-pointer items-center justify-between gap-2 rounded-lg px-3 font-medium text-slate-800 text-sm hover:bg-slate-50"
      >
        <span>
          {summary}
          {hasContent ? <span className="font-normal text-slate-500"> · has notes</span> : null}
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-180"
        >
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
        <span id={id} className="sr-only">
          {name}
        </span>
      </summary>
      {isOpen ? <div className="border-slate-200 border-t p-3">{children}</div> : null}
    </details>
  )
}
