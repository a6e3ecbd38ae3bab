/**
 * What the interview will cover, decided before the first message: the recruiter's own questions,
 * all of them and in their order, or (when they wrote none) a short plan drawn from the role; and
 * what the interviewer may draw on for follow-ups (the job, the recruiter's notes, the résumé).
 */

export type PlannedQuestion = { text: string; source: 'recruiter' | 'planned' }

export type InterviewPlan = {
  jobRole: string
  companyName: string | null
  jobDescription: string | null
  candidateName: string | null
  candidateNotes: string | null
  /** The résumé's text: the candidate's own words, so never part of the instructions. */
  candidateResume: string | null
  questions: PlannedQuestion[]
}

// Long recruiter texts are cut so that the plan alone never crowds the conversation out of the budget.
const MAX_DESCRIPTION_CHARS = 3_000
const MAX_NOTES_CHARS = 1_500
const MAX_RESUME_CHARS = 4_000

export function planInterview(input: {
  jobRole: string
  companyName?: string | null
  jobDescription?: string | null
  candidateName?: string | null
  candidateNotes?: string | null
  candidateResume?: string | null
  questions: readonly string[]
}): InterviewPlan {
  const own = input.questions.map((text) => text.trim()).filter((text) => text !== '')
  const questions: PlannedQuestion[] =
    own.length > 0
      ? own.map((text) => ({ text, source: 'recruiter' }))
      : defaultQuestions(input.jobRole).map((text) => ({ text, source: 'planned' }))
  return {
    jobRole: input.jobRole,
    companyName: input.companyName ?? null,
    jobDescription: clip(input.jobDescription, MAX_DESCRIPTION_CHARS),
    candidateName: input.candidateName ?? null,
    candidateNotes: clip(input.candidateNotes, MAX_NOTES_CHARS),
    candidateResume: clip(input.candidateResume, MAX_RESUME_CHARS),
    questions,
  }
}

function defaultQuestions(jobRole: string): string[] {
  return [
    `Could you walk me through your background and what draws you to the ${jobRole} role?`,
    'Tell me about a recent project you are proud of: what was your part in it, and what made it hard?',
    'Describe a difficult problem you solved at work. How did you approach it, and what would you do differently now?',
    'How do you work with others when you disagree on a technical or product decision?',
  ]
}

function clip(text: string | null | undefined, maxChars: number): string | null {
  const trimmed = text?.trim()
  if (!trimmed) return null
  return trimmed.length <= maxChars ? trimmed : `${trimmed.slice(0, maxChars)}…`
}
