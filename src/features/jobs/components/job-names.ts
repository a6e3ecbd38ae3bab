import {
  canDeleteJob,
  canReopenJob,
  canSubmitJob,
  changedMaterialFields,
  type JobState,
  jobStateOf,
  MATERIAL_JOB_FIELD_LABELS,
  MATERIAL_JOB_FIELDS,
  type MaterialJobField,
} from '../../../../api/src/domain/job-status'
import type { StatusTone } from '../../../components/ui/status-badge'

export type { JobState }

/** Where a job stands, from its status and its approval together (the API's own rule). */
export const jobState = jobStateOf

export const JOB_STATE_NAMES: Record<JobState, { label: string; tone: StatusTone; description: string }> = {
  DRAFT: {
    label: 'Draft',
    tone: 'neutral',
    description: 'Only you can see it. Submit it for approval when it is ready.',
  },
  WAITING: {
    label: 'Waiting for approval',
    tone: 'warning',
    description: 'An admin reviews it before it appears on the job board.',
  },
  LIVE: { label: 'Live on the job board', tone: 'ok', description: 'Candidates can find it and apply.' },
  REJECTED: {
    label: 'Rejected',
    tone: 'down',
    description: 'Fix what the admin asked for, then submit it again.',
  },
  CLOSED: {
    label: 'Closed',
    tone: 'neutral',
    description: 'Off the job board; it takes no more applications until you reopen it.',
  },
}

export {
  canDeleteJob,
  canReopenJob,
  canSubmitJob,
  changedMaterialFields,
  MATERIAL_JOB_FIELD_LABELS,
  MATERIAL_JOB_FIELDS,
  type MaterialJobField,
}

/** "the title and pay": the fields, as a recruiter reads them, in a sentence. */
export function materialFieldList(fields: readonly MaterialJobField[]): string {
  const names = fields.map((field) => MATERIAL_JOB_FIELD_LABELS[field])
  if (names.length <= 1) return `the ${names.join('')}`
  return `the ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
