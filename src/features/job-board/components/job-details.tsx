import { useId, useState } from 'react'
import { JobDescription } from '../../../components/job-description'
import { Card, CardTitle } from '../../../components/ui/card'
import { api } from '../../../lib/api'
import type { PublicJob } from '../api/list-public-jobs'
import { companyNameOf } from './company-name'
import { JobFacts } from './job-facts'

/** A job's full posting: company, facts and description. */
export function JobDetails({ job }: { job: PublicJob }) {
  const descriptionHeadingId = useId()
  const requirementsHeadingId = useId()
  const company = companyNameOf(job)
  return (
    <>
      <div className="flex items-start gap-4">
        {job.company.logoFileId ? <CompanyLogo fileId={job.company.logoFileId} company={company} /> : null}
        <div className="min-w-0">
          <h1 className="break-words font-bold text-3xl text-slate-900 tracking-tight">{job.title}</h1>
          <p className="mt-1 font-medium text-lg text-slate-700">{company}</p>
        </div>
      </div>
      <JobFacts
        job={job}
        className="mt-6 grid grid-cols-1 gap-x-6 gap-y-2 rounded-2xl border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2"
      />
      <Card as="section" aria-labelledby={descriptionHeadingId} className="mt-6">
        <CardTitle id={descriptionHeadingId}>About the job</CardTitle>
        <div className="mt-4">
          <JobDescription text={job.description} />
        </div>
      </Card>
      {job.requirements ? (
        <Card as="section" aria-labelledby={requirementsHeadingId} className="mt-6">
          <CardTitle id={requirementsHeadingId}>Requirements</CardTitle>
          <div className="mt-4">
            <JobDescription text={job.requirements} />
          </div>
        </Card>
      ) : null}
    </>
  )
}

/** Logos are public files; one that fails to load is left out rather than shown broken. */
function CompanyLogo({ fileId, company }: { fileId: string; company: string }) {
  const [hasFailed, setHasFailed] = useState(false)
  if (hasFailed) return null
  const url = api.api.files[':id'].$url({ param: { id: fileId } })
  return (
    <img
      src={`${url.pathname}${url.search}`}
      alt={`${company} logo`}
      onError={() => setHasFailed(true)}
      className="size-14 shrink-0 rounded-xl border border-slate-200 bg-white object-contain p-1"
    />
  )
}
