import type { InterviewPlan } from './plan.js'

export const TURN_KINDS = ['opening', 'question', 'follow_up', 'closing'] as const
export type TurnKind = (typeof TURN_KINDS)[number]

/** One message of the conversation, as the interviewer reads it back from the transcript. */
export type TranscriptEntry =
  | { role: 'candidate'; content: string }
  | { role: 'interviewer'; content: string; turnKind: TurnKind | null; questionIndex: number | null }

/** What the interviewer's next message must do; the server decides it, never the model or the candidate. */
export type TurnDirective =
  | { kind: 'question'; questionIndex: number }
  | { kind: 'follow_up'; questionIndex: number }
  | { kind: 'closing'; questionIndex: number; reason: 'questions_done' | 'time_nearly_up' }

/** Below this, the interviewer closes instead of asking anything new. */
export const CLOSING_THRESHOLD_SECONDS = 90

/**
 * The next turn after a candidate's answer: a follow-up on the current question until it has had
 * `followUpsPerQuestion`, then the next planned question, then the closing. Time running out closes
 * early. Pure, so the order of questions is certain whatever the model writes.
 */
export function decideNextTurn(input: {
  plan: InterviewPlan
  transcript: readonly TranscriptEntry[]
  remainingSeconds: number
  followUpsPerQuestion: number
}): TurnDirective {
  const { plan, transcript } = input
  const interviewerTurns = transcript.filter(
    (entry): entry is Extract<TranscriptEntry, { role: 'interviewer' }> => entry.role === 'interviewer',
  )
  const current = interviewerTurns.at(-1)?.questionIndex ?? 0
  if (input.remainingSeconds <= CLOSING_THRESHOLD_SECONDS)
    return { kind: 'closing', questionIndex: current, reason: 'time_nearly_up' }
  const followUps = interviewerTurns.filter(
    (turn) => turn.turnKind === 'follow_up' && turn.questionIndex === current,
  ).length
  if (followUps < input.followUpsPerQuestion) return { kind: 'follow_up', questionIndex: current }
  if (current + 1 < plan.questions.length) return { kind: 'question', questionIndex: current + 1 }
  return { kind: 'closing', questionIndex: current, reason: 'questions_done' }
}

/** How far along the plan the interview is: questions asked out of all planned. */
export function progressOf(plan: InterviewPlan, transcript: readonly TranscriptEntry[]) {
  const asked = new Set<number>()
  let isClosed = false
  for (const entry of transcript) {
    if (entry.role !== 'interviewer') continue
    if (entry.turnKind === 'closing') isClosed = true
    else if (entry.questionIndex !== null) asked.add(entry.questionIndex)
  }
  return { questionsTotal: plan.questions.length, questionsAsked: asked.size, isClosed }
}

/** The first message: a greeting and the first planned question. Written, not generated, so starting never waits on a model. */
export function openingMessage(plan: InterviewPlan): string {
  const name = plan.candidateName ? `, ${plan.candidateName}` : ''
  const company = plan.companyName ? ` at ${plan.companyName}` : ''
  const first = plan.questions[0]?.text ?? 'Could you tell me about yourself?'
  return `Hello${name}, and thank you for joining this interview for the ${plan.jobRole} role${company}. I will ask you ${plan.questions.length === 1 ? 'one question' : `${plan.questions.length} questions`}, perhaps with a follow-up or two. Take your time with each answer.\n\n${first}`
}

/** The reply when no model is configured: the next question as the recruiter wrote it, or the closing. */
export function fixedReply(plan: InterviewPlan, directive: TurnDirective): string {
  if (directive.kind === 'closing') return closingMessage(plan, directive.reason)
  const question = plan.questions[directive.questionIndex]?.text ?? ''
  return `Thank you. ${question}`
}

export function closingMessage(plan: InterviewPlan, reason: 'questions_done' | 'time_nearly_up'): string {
  const name = plan.candidateName ? `, ${plan.candidateName}` : ''
  const opening =
    reason === 'time_nearly_up'
      ? 'We have reached the end of the time for this interview.'
      : 'That was my last question.'
  return `${opening} Thank you for your time and your answers${name}. The hiring team will review the interview and be in touch about next steps.`
}
