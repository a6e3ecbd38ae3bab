import type { PublicJob } from '../api/list-public-jobs'

/** The hiring company's name; some recruiters have not named theirs yet. */
export function companyNameOf(job: PublicJob): string {
  return job.company.name?.trim() || 'A company hiring on VantaHire'
}
