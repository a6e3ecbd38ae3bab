/**
 * The job types people filter by. The API stores a job's type as free text and matches the filter
 * exactly (ignoring case), so recruiters' forms should offer these same values.
 */
export const JOB_TYPES = ['Full-time', 'Part-time', 'Contract', 'Temporary', 'Internship'] as const
