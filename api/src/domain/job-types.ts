/**
 * Job types: one fixed list, so the board's filter finds every job of a type. The API stores and
 * answers with the codes; people read the labels. The SPA uses both from here.
 */
export const JOB_TYPES = ['FULL_TIME', 'PART_TIME', 'CONTRACT', 'TEMPORARY', 'INTERNSHIP', 'OTHER'] as const
export type JobType = (typeof JOB_TYPES)[number]

export const JOB_TYPE_LABELS: Readonly<Record<JobType, string>> = {
  FULL_TIME: 'Full-time',
  PART_TIME: 'Part-time',
  CONTRACT: 'Contract',
  TEMPORARY: 'Temporary',
  INTERNSHIP: 'Internship',
  OTHER: 'Other',
}

/** The words (letters only, lower case) each type was written as before the list existed. */
const FREE_TEXT_SPELLINGS: Readonly<Record<Exclude<JobType, 'OTHER'>, readonly string[]>> = {
  FULL_TIME: ['fulltime', 'ft', 'permanent', 'fulltimepermanent', 'permanentfulltime'],
  PART_TIME: ['parttime', 'pt'],
  CONTRACT: ['contract', 'contractor', 'freelance', 'freelancer', 'contracttohire'],
  TEMPORARY: ['temporary', 'temp', 'seasonal'],
  INTERNSHIP: ['internship', 'intern', 'traineeship', 'apprenticeship'],
}

/**
 * The type a free-text job type stands for, by its letters alone ("Full time", "full-time" and
 * "FULL_TIME" are one type). Blank is no type; text naming none of them is OTHER. The migration that
 * introduced the list applied this same rule, in SQL, to the jobs that existed then.
 */
export function jobTypeFromText(text: string | null | undefined): JobType | null {
  if (text == null || text.trim() === '') return null
  const letters = text.replace(/[^a-zA-Z]/g, '').toLowerCase()
  for (const [type, spellings] of Object.entries(FREE_TEXT_SPELLINGS)) {
    if (spellings.includes(letters)) return type as JobType
  }
  return 'OTHER'
}
