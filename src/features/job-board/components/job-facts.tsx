import type { ReactNode } from 'react'
import { DateText } from '../../../components/date-text'
import { jobTypeLabel } from '../../../lib/job-type-names'
import type { PublicJob } from '../api/list-public-jobs'

/** Where, what kind, what it pays and when it was posted: the facts a job seeker scans for. */
export function JobFacts({ job, className }: { job: PublicJob; className?: string }) {
  return (
    <dl className={className ?? 'flex flex-wrap gap-x-5 gap-y-1 text-slate-700 text-sm'}>
      <Fact term="Location">{job.location}</Fact>
      <Fact term="Job type">{jobTypeLabel(job.jobType)}</Fact>
      <Fact term="Department">{job.department}</Fact>
      <Fact term="Salary">{job.salaryRange}</Fact>
      <Fact term="Posted">
        <DateText value={job.postedAt} />
      </Fact>
    </dl>
  )
}

/** A fact the recruiter gave; left out entirely when they did not. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null
  return (
    <div className="flex gap-1.5">
      <dt className="text-slate-500">{term}:</dt>
      <dd className="break-words font-medium text-slate-800">{children}</dd>
    </div>
  )
}
