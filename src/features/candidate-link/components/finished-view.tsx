import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { MAX_REVIEW_REASON_CHARS } from '../../../../api/src/domain/candidate-input'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { describeError } from '../../../lib/api'
import type { CandidateInterview } from '../api/get-candidate-interview'
import { useRequestReview } from '../api/request-review'
import { BrandStripe } from './brand-stripe'
import { CompanyLogo } from './company-logo'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' })

function endingFor(endReason: string | null): string {
  switch (endReason) {
    case 'time_limit':
      return 'The time for this interview ran out. Everything you sent before then was saved.'
    case 'interviewer_closed':
      return 'You have answered all of the questions.'
    default:
      return 'The interview has ended. Everything you sent was saved.'
  }
}

/**
 * After the interview: thanks, what happens next, and a way to ask for a person to review the
 * result. `shouldFocusHeading` moves focus to the heading, for a candidate arriving from the chat.
 */
export function FinishedView({
  token,
  interview,
  shouldFocusHeading,
}: {
  token: string
  interview: CandidateInterview
  shouldFocusHeading: boolean
}) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const confirmationRef = useRef<HTMLDivElement>(null)
  const [reason, setReason] = useState('')
  const review = useRequestReview(token)
  const ids = useId()
  const company = interview.company.name ?? 'the hiring company'
  const requestedAt = interview.state.humanReviewRequestedAt

  useEffect(() => {
    if (shouldFocusHeading) headingRef.current?.focus()
  }, [shouldFocusHeading])

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    review.mutate(reason, {
      // The form is replaced by its confirmation: focus follows, so it is not lost to the page.
      onSuccess: () => requestAnimationFrame(() => confirmationRef.current?.focus()),
    })
  }

  return (
    <article
      aria-labelledby={`${ids}-heading`}
      className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <BrandStripe color={interview.company.brandColor} />
      <div className="p-5 sm:p-8">
        <div className="flex items-start gap-4">
          {interview.company.logoFileId && interview.company.name ? (
            <CompanyLogo fileId={interview.company.logoFileId} company={interview.company.name} />
          ) : null}
          <div className="min-w-0">
            <p className="font-medium text-slate-600 text-sm">
              {interview.jobRole}
              {interview.company.name ? ` · ${interview.company.name}` : ''}
            </p>
            <h1
              ref={headingRef}
              id={`${ids}-heading`}
              tabIndex={-1}
              className="mt-1 font-bold text-2xl text-slate-900 tracking-tight focus:outline-none sm:text-3xl"
            >
              Thank you{interview.candidateName ? `, ${interview.candidateName}` : ''}
            </h1>
          </div>
        </div>
        <p className="mt-4 text-slate-800">{endingFor(interview.state.endReason)}</p>

        <h2 className="mt-8 font-semibold text-lg text-slate-900">What happens next</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          <li>
            The hiring team at {company} reads your interview, with a summary and score the AI prepares.
          </li>
          <li>They will contact you about the next steps. You do not need to do anything else.</li>
          <li>You can close this page now.</li>
        </ul>

        <section aria-labelledby={`${ids}-review`} className="mt-8 rounded-xl bg-slate-50 p-4 sm:p-5">
          <h2 id={`${ids}-review`} className="font-semibold text-lg text-slate-900">
            Ask for a human review
          </h2>
          {requestedAt ? (
            <div ref={confirmationRef} tabIndex={-1} className="mt-3 focus:outline-none">
              <Alert tone="success" title="Your request for a human review was sent">
                <p>
                  You asked on {dateFormat.format(new Date(requestedAt))}. A person at {company} will review
                  your interview rather than relying on the AI’s assessment alone.
                </p>
              </Alert>
            </div>
          ) : (
            <form onSubmit={handleSubmit} className="mt-2 space-y-3">
              <p className="text-slate-700">
                If something went wrong — a technical problem, a question you misunderstood — or you would
                simply like a person to judge your answers, ask here. It is sent to the hiring team with your
                interview.
              </p>
              <div className="space-y-1.5">
                <label htmlFor={`${ids}-reason`} className="block font-medium text-slate-900 text-sm">
                  What should the reviewer know?{' '}
                  <span className="font-normal text-slate-600">(optional)</span>
                </label>
                <textarea
                  id={`${ids}-reason`}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  maxLength={MAX_REVIEW_REASON_CHARS}
                  rows={3}
                  className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm"
                />
              </div>
              {review.error ? (
                <Alert title="Your request was not sent">
                  <p>{describeError(review.error)}</p>
                </Alert>
              ) : null}
              <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={review.isPending}>
                {review.isPending ? 'Sending…' : 'Ask for a human review'}
              </Button>
            </form>
          )}
        </section>
      </div>
    </article>
  )
}
