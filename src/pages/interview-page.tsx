import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { Alert } from '../components/ui/alert'
import { Button, buttonClassName } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { ConfirmDialog } from '../components/ui/confirm-dialog'
import { LoadError } from '../components/ui/load-error'
import { Spinner } from '../components/ui/spinner'
import { StatusBadge } from '../components/ui/status-badge'
import { useDeleteInterview } from '../features/interviews/api/delete-interview'
import { useInterview } from '../features/interviews/api/get-interview'
import type { Interview } from '../features/interviews/api/list-interviews'
import { InterviewDetails } from '../features/interviews/components/interview-details'
import { InterviewLinksSection } from '../features/interviews/components/interview-links-section'
import { candidateLabel, INTERVIEW_STATUS_NAMES } from '../features/interviews/components/interview-names'
import { InterviewNotFound } from '../features/interviews/components/interview-not-found'
import { InterviewNotesEditor } from '../features/interviews/components/interview-notes-editor'
import { InterviewRecordingPanel } from '../features/interviews/components/interview-recording-panel'
import { InterviewResultsSection } from '../features/interviews/components/interview-results-section'
import { InterviewReviewMark } from '../features/interviews/components/interview-review-mark'
import { InterviewStatusActions } from '../features/interviews/components/interview-status-actions'
import { InvitesSection } from '../features/invites'
import { ApiError, describeError } from '../lib/api'

/** `/interviews/:id`: one interview, its candidate link, status, results and notes. Updates live. */
export function InterviewPage() {
  const { id = '' } = useParams()
  const interview = useInterview(id)

  return (
    <>
      <title>{`${interview.data ? `${candidateLabel(interview.data)}, ${interview.data.jobRole}` : 'Interview'} — VantaHire`}</title>
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-12">
        <Link
          to="/interviews"
          className="font-medium text-brand-700 text-sm underline-offset-4 hover:underline"
        >
          ← All interviews
        </Link>
        <div className="mt-3">
          {interview.isPending ? (
            <Spinner label="Loading the interview…" />
          ) : interview.isError ? (
            interview.error instanceof ApiError && interview.error.status === 404 ? (
              <>
                <h1 className="mb-6 font-bold text-3xl text-slate-900 tracking-tight">Interview not found</h1>
                <InterviewNotFound />
              </>
            ) : (
              <LoadError
                what="the interview"
                error={interview.error}
                onRetry={interview.refetch}
                isRetrying={interview.isFetching}
              />
            )
          ) : (
            <InterviewView interview={interview.data} />
          )}
        </div>
      </div>
    </>
  )
}

function InterviewView({ interview }: { interview: Interview }) {
  const location = useLocation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const isNew = (location.state as { isNew?: boolean } | null)?.isNew === true
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false)
  const deleteInterview = useDeleteInterview(interview.id)
  const status = INTERVIEW_STATUS_NAMES[interview.status]

  // Arriving from the create form, start reading at the new interview rather than the page top.
  useEffect(() => {
    if (isNew) headingRef.current?.focus()
  }, [isNew])

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1
            ref={headingRef}
            tabIndex={-1}
            className="break-words font-bold text-3xl text-slate-900 tracking-tight focus:outline-none"
          >
            {candidateLabel(interview)}
          </h1>
          <p className="mt-1 break-words text-lg text-slate-700">{interview.jobRole}</p>
          <div className="mt-3">
            <StatusBadge tone={status.tone}>
              <span className="sr-only">Status: </span>
              {status.label}
            </StatusBadge>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {interview.status === 'PENDING' ? (
            <Link
              to={`/interviews/${interview.id}/edit`}
              className={buttonClassName({ variant: 'secondary', size: 'sm' })}
            >
              Edit interview
            </Link>
          ) : null}
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:text-red-800"
            onClick={() => {
              deleteInterview.reset()
              setIsConfirmingDelete(true)
            }}
          >
            Delete
          </Button>
        </div>
      </div>

      {isNew ? (
        <Alert tone="success" className="mt-6" title="Interview created">
          Send {candidateLabel(interview)} an invite by email or WhatsApp below, or copy the candidate link.
        </Alert>
      ) : null}

      <div className="mt-8 space-y-6">
        <Section title="Candidate link">
          <InterviewLinksSection interview={interview} />
        </Section>
        <Section title="Invites">
          <InvitesSection interview={interview} />
        </Section>
        <Section title="Status">
          <InterviewStatusActions interview={interview} />
        </Section>
        {interview.status === 'COMPLETED' ? (
          <Section title="Review">
            <InterviewReviewMark interview={interview} />
          </Section>
        ) : null}
        <Section title="Results">
          <InterviewResultsSection interview={interview} />
        </Section>
        <Section title="Recording">
          <InterviewRecordingPanel interview={interview} />
        </Section>
        <Section title="Details">
          <InterviewDetails interview={interview} />
        </Section>
        <Section title="Your notes">
          <InterviewNotesEditor interview={interview} />
        </Section>
      </div>

      <ConfirmDialog
        isOpen={isConfirmingDelete}
        title="Delete this interview?"
        confirmLabel="Delete interview"
        pendingLabel="Deleting…"
        isPending={deleteInterview.isPending}
        errorMessage={deleteInterview.isError ? describeError(deleteInterview.error) : undefined}
        isDestructive
        onConfirm={() => deleteInterview.mutate()}
        onClose={() => setIsConfirmingDelete(false)}
      >
        Its links stop working, and its transcript, results and files are deleted too. This cannot be undone.
      </ConfirmDialog>
    </>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>{title}</CardTitle>
      <div className="mt-4">{children}</div>
    </Card>
  )
}
