/**
 * A job's standing is two fields: its lifecycle `status` and, beside it, the admins' `approvalStatus`.
 * Neither alone says where a job is (a draft's approval reads PENDING before anyone was asked), so
 * every rule here reads both. The API enforces these rules; the SPA uses the same ones to offer only
 * what the API will accept.
 */

export const JOB_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number]

export type JobStanding = { status: JobStatus; approvalStatus: ApprovalStatus }

/** Where a job stands, in the words recruiters see: both fields read together. */
export type JobState = 'DRAFT' | 'WAITING' | 'LIVE' | 'REJECTED' | 'CLOSED'

export function jobStateOf(job: JobStanding): JobState {
  if (job.status === 'DRAFT') return 'DRAFT'
  if (job.status === 'CLOSED') return 'CLOSED'
  if (job.approvalStatus === 'APPROVED') return 'LIVE'
  if (job.approvalStatus === 'REJECTED') return 'REJECTED'
  return 'WAITING'
}

/** On the public job board, taking applications. */
export const LIVE_JOB = { status: 'ACTIVE', approvalStatus: 'APPROVED' } as const satisfies JobStanding

/** Submitted and in the admins' queue; also where a submission leads. */
export const AWAITING_APPROVAL = {
  status: 'ACTIVE',
  approvalStatus: 'PENDING',
} as const satisfies JobStanding

export function isLiveJob(job: JobStanding): boolean {
  return jobStateOf(job) === 'LIVE'
}

export function isAwaitingApproval(job: JobStanding): boolean {
  return jobStateOf(job) === 'WAITING'
}

/** A closed job does not change; its recruiter reopens it first. */
export function canEditJob(job: JobStanding): boolean {
  return job.status !== 'CLOSED'
}

/**
 * Editing what candidates decide on (`MATERIAL_JOB_FIELDS`) in a live job sends it back to the
 * admins' queue, so nothing that matters reaches candidates unreviewed; other edits keep it live. A
 * rejected job stays rejected while it is fixed; the recruiter resubmits it when ready.
 */
export function isSentBackForApprovalByEdit(
  job: JobStanding,
  changedMaterial: readonly MaterialJobField[],
): boolean {
  return isLiveJob(job) && changedMaterial.length > 0
}

/** Drafts, and rejected jobs once fixed, may be submitted; a submission leads to `AWAITING_APPROVAL`. */
export function canSubmitJob(job: JobStanding): boolean {
  const state = jobStateOf(job)
  return state === 'DRAFT' || state === 'REJECTED'
}

export function canCloseJob(job: JobStanding): boolean {
  return job.status !== 'CLOSED'
}

/** Only a job nobody has applied to may be deleted; one with applications is closed instead. */
export function canDeleteJob(job: { applicationCount: number }): boolean {
  return job.applicationCount === 0
}

/** Admins approve or reject only what was submitted and is still waiting. */
export function canDecideOnJob(job: JobStanding): boolean {
  return isAwaitingApproval(job)
}

/**
 * The fields candidates decide on. Changing one of these on a live job sends it back to the admins'
 * queue; anything else (a typo in the department, the location's spelling, the job type) is saved
 * and the job stays live.
 */
export const MATERIAL_JOB_FIELDS = ['title', 'description', 'requirements', 'salaryRange'] as const
export type MaterialJobField = (typeof MATERIAL_JOB_FIELDS)[number]

export const MATERIAL_JOB_FIELD_LABELS: Readonly<Record<MaterialJobField, string>> = {
  title: 'title',
  description: 'description',
  requirements: 'requirements',
  salaryRange: 'pay',
}

type MaterialValues = Partial<Record<MaterialJobField, string | null | undefined>>

/** Which material fields `changes` would change on `current` (a field left out is unchanged). */
export function changedMaterialFields(current: MaterialValues, changes: MaterialValues): MaterialJobField[] {
  const normalize = (value: string | null | undefined) => (value ?? '').trim()
  return MATERIAL_JOB_FIELDS.filter(
    (field) => changes[field] !== undefined && normalize(changes[field]) !== normalize(current[field]),
  )
}

/** A closed job goes back to where it would stand had it never closed: see `reopenedStanding`. */
export function canReopenJob(job: JobStanding): boolean {
  return job.status === 'CLOSED'
}

/**
 * Where a reopened job stands. Closing kept its approval, and a closed job cannot be edited, so an
 * approved job is live again at once and a rejected one is still rejected. A job closed before an
 * admin approved it returns as a draft: the recruiter submits it again when they choose.
 */
export function reopenedStanding(job: JobStanding): JobStanding {
  if (job.approvalStatus === 'PENDING') return { status: 'DRAFT', approvalStatus: 'PENDING' }
  return { status: 'ACTIVE', approvalStatus: job.approvalStatus }
}
