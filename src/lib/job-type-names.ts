import { JOB_TYPE_LABELS, JOB_TYPES, type JobType, jobTypeFromText } from '../../api/src/domain/job-types'

/** The job types people filter by: the one list the API stores. */
export { JOB_TYPE_LABELS, JOB_TYPES, type JobType }

/** How a job's type reads; nothing when the recruiter gave none. */
export function jobTypeLabel(type: JobType | null | undefined): string | null {
  return type ? JOB_TYPE_LABELS[type] : null
}

/** The type a link's `type` parameter names: a code, or the words of a link made before the list. */
export function jobTypeFromParam(value: string | null): JobType | undefined {
  if (!value) return undefined
  return (JOB_TYPES as readonly string[]).includes(value)
    ? (value as JobType)
    : (jobTypeFromText(value) ?? undefined)
}
