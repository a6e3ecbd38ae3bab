import { useEffect, useRef } from 'react'
import { Link, useLocation } from 'react-router'
import { Alert } from '../components/ui/alert'
import { buttonClassName } from '../components/ui/button'
import { JobList } from '../features/jobs/components/job-list'
import { type MaterialJobField, materialFieldList } from '../features/jobs/components/job-names'

/** Set by the job form on its way here, to confirm what was saved. */
export type JobsPageState = {
  savedJobTitle?: string
  wasCreated?: boolean
  /** What sent a live job back for approval, when an edit did. */
  sentBackForApproval?: MaterialJobField[]
}

/** `/jobs`: the recruiter's job postings, their approval, and their applications. */
export function JobsPage() {
  const location = useLocation()
  const saved = location.state as JobsPageState | null
  const noticeRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (saved?.savedJobTitle) noticeRef.current?.focus()
  }, [saved?.savedJobTitle])

  return (
    <>
      <title>Jobs — VantaHire</title>
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-12">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Jobs</h1>
            <p className="mt-2 text-slate-700">
              Your postings. Each one is reviewed by an admin before it appears on the job board.
            </p>
          </div>
          <Link to="/jobs/new" className={buttonClassName()}>
            New job
          </Link>
        </div>
        {saved?.savedJobTitle ? (
          <div ref={noticeRef} tabIndex={-1} className="mt-6 focus:outline-none">
            <Alert tone="success" title={`“${saved.savedJobTitle}” is saved`}>
              {saved.wasCreated
                ? 'It is a draft that only you can see. Submit it for approval when it is ready.'
                : saved.sentBackForApproval?.length
                  ? `You changed ${materialFieldList(saved.sentBackForApproval)}, so it is off the job board until an admin approves the change.`
                  : 'Your changes are saved.'}
            </Alert>
          </div>
        ) : null}
        <div className="mt-8">
          <JobList />
        </div>
      </div>
    </>
  )
}
