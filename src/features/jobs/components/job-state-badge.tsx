import { StatusBadge } from '../../../components/ui/status-badge'
import type { Job } from '../api/list-jobs'
import { JOB_STATE_NAMES, jobState } from './job-names'

/** Where the job stands, in words, with what that means underneath. */
export function JobStateBadge({ job, hasDescription = false }: { job: Job; hasDescription?: boolean }) {
  const state = JOB_STATE_NAMES[jobState(job)]
  return (
    <div>
      <StatusBadge tone={state.tone}>{state.label}</StatusBadge>
      {hasDescription ? <p className="mt-1 text-slate-600 text-xs">{state.description}</p> : null}
    </div>
  )
}

/** The admin's reason for rejecting the job, which the recruiter needs to fix it. */
export function RejectionReason({ job }: { job: Job }) {
  if (jobState(job) !== 'REJECTED') return null
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-900 text-sm">
      <p className="font-semibold">Why it was rejected</p>
      <p className="mt-0.5 whitespace-pre-line break-words">
        {job.rejectionReason ?? 'The admin gave no reason.'}
      </p>
    </div>
  )
}
