import { JOB_TYPE_SUGGESTIONS } from '../../../../api/src/domain/job-status'

/**
 * The job types people filter by. The API stores a job's type as free text and matches the filter
 * exactly (ignoring case), so recruiters' forms should offer these same values.
 */
export const JOB_TYPES = JOB_TYPE_SUGGESTIONS
