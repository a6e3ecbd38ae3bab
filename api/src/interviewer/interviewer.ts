import type { ChatMessage, LanguageModel } from '../providers/language-model.js'
import { fitToBudget } from './budget.js'
import type { InterviewPlan } from './plan.js'
import { buildSystemPrompt, resumeMessage, summariseEarlierTurns, toChatHistory } from './prompt.js'
import { decideNextTurn, fixedReply, type TranscriptEntry, type TurnDirective } from './turns.js'

/** With a model each question may be followed up once; without one, the recruiter's questions are asked as written. */
export const FOLLOW_UPS_PER_QUESTION = 1
const MAX_REPLY_TOKENS = 400

export type InterviewerTurn = {
  directive: TurnDirective
  /** True when this message ends the interview: the caller completes it once the message is stored. */
  isClosing: boolean
  /** Exactly what the model was sent; empty in fixed-question mode. */
  messages: ChatMessage[]
  /** The reply as it is generated. Ends the model request when the signal aborts. */
  stream(signal: AbortSignal): AsyncGenerator<string, string>
}

/**
 * The interviewer's next message after the candidate's latest answer. Without a configured model
 * it is the recruiter's next question (fixed-question mode) and no request is made.
 */
export function prepareInterviewerTurn(input: {
  model: LanguageModel
  plan: InterviewPlan
  transcript: readonly TranscriptEntry[]
  remainingSeconds: number
  tokenBudget: number
}): InterviewerTurn {
  const { model, plan, transcript, remainingSeconds } = input
  const isModelled = model.isConfigured
  const directive = decideNextTurn({
    plan,
    transcript,
    remainingSeconds,
    followUpsPerQuestion: isModelled ? FOLLOW_UPS_PER_QUESTION : 0,
  })
  const isClosing = directive.kind === 'closing'
  const fallback = fixedReply(plan, directive)
  if (!isModelled) {
    return {
      directive,
      isClosing,
      messages: [],
      async *stream() {
        yield fallback
        return fallback
      },
    }
  }
  const messages = fitToBudget({
    system: { role: 'system', content: buildSystemPrompt(plan, directive, remainingSeconds) },
    pinned: [resumeMessage(plan)].filter((message) => message !== null),
    history: toChatHistory(transcript),
    budgetTokens: input.tokenBudget,
    summarise: summariseEarlierTurns,
  })
  return {
    directive,
    isClosing,
    messages,
    async *stream(signal) {
      const reply = model.stream(messages, {
        signal,
        maxTokens: MAX_REPLY_TOKENS,
        temperature: 0.4,
        reasoningEffort: 'low',
      })
      let text = ''
      for await (const piece of reply) {
        text += piece
        yield piece
      }
      // An empty reply would leave the candidate with nothing to answer.
      if (text.trim() === '') {
        yield fallback
        return fallback
      }
      return text
    },
  }
}
