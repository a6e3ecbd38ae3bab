import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { LoadMore, PagedQueryState } from '../../../components/paged-list'
import { Alert } from '../../../components/ui/alert'
import { buttonClassName } from '../../../components/ui/button'
import { usePendingJobs } from '../api/list-pending-jobs'
import { useAdminJobEvents } from '../hooks/use-admin-job-events'
import { PendingJobCard } from './pending-job-card'

/** What the admin last decided, said once the job has left the queue. */
type Decision = { title: string; outcome: 'approved' | 'rejected' }

/** The approval queue, oldest submission first; each decided job leaves it at once. */
export function PendingJobQueue() {
  const jobs = usePendingJobs()
  useAdminJobEvents()
  const listRef = useRef<HTMLUListElement>(null)
  const messageRef = useRef<HTMLDivElement>(null)
  const [lastDecision, setLastDecision] = useState<Decision | null>(null)
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? []

  function announce(decision: Decision) {
    setLastDecision(decision)
    // The decided job's card, and the button that had focus, are gone: focus the outcome instead.
    requestAnimationFrame(() => messageRef.current?.focus())
  }

  return (
    <div className="space-y-6">
      <div ref={messageRef} tabIndex={-1} className="focus:outline-none">
        {lastDecision ? (
          <Alert
            tone="success"
            title={
              lastDecision.outcome === 'approved'
                ? `Approved “${lastDecision.title}”`
                : `Rejected “${lastDecision.title}”`
            }
          >
            {lastDecision.outcome === 'approved'
              ? 'It is on the public job board now.'
              : 'The recruiter sees your reason, and can fix the job and submit it again.'}
          </Alert>
        ) : null}
      </div>

      <PagedQueryState
        query={jobs}
        what="jobs awaiting approval"
        isEmpty={items.length === 0}
        empty={{
          title: 'No jobs are waiting for approval',
          details: 'New submissions appear here as recruiters send them, oldest first.',
          action: (
            <Link to="/admin" className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
              Back to the overview
            </Link>
          ),
        }}
      >
        <ul ref={listRef} aria-label="Jobs awaiting approval" className="space-y-6">
          {items.map((job) => (
            <PendingJobCard
              key={job.id}
              job={job}
              onDecided={(outcome) => announce({ title: job.title, outcome })}
            />
          ))}
        </ul>
        <LoadMore
          query={jobs}
          what="jobs awaiting approval"
          one="job awaiting approval"
          listRef={listRef}
          shownCount={items.length}
        />
      </PagedQueryState>
    </div>
  )
}
