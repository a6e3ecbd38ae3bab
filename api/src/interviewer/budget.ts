import type { ChatMessage } from '../providers/language-model.js'

/**
 * A cheap token estimate (about four characters a token for English, plus a little per message for
 * the chat format). It only has to keep a request safely under the model's window, not count exactly.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

const PER_MESSAGE_TOKENS = 4
export const messageTokens = (message: ChatMessage) => estimateTokens(message.content) + PER_MESSAGE_TOKENS

/** The latest messages are always sent whole (when they fit): they are what the next turn answers. */
const KEEP_LATEST = 4
const SUMMARY_EXCERPT_CHARS = 160

/**
 * Fits a conversation into `budgetTokens`: the system prompt always, the latest messages, and in
 * place of older ones a short excerpt of each (as user content: it quotes the candidate, so it must
 * never join the instructions). Messages still too long are cut in the middle.
 */
export function fitToBudget(input: {
  system: ChatMessage
  /** Sent after the system prompt whatever the budget (the résumé): the caller keeps them short. */
  pinned?: readonly ChatMessage[]
  history: readonly ChatMessage[]
  budgetTokens: number
  summarise: (dropped: readonly ChatMessage[], maxChars: number) => ChatMessage
}): ChatMessage[] {
  const { system, budgetTokens } = input
  const pinned = input.pinned ?? []
  const total = (messages: readonly ChatMessage[]) => messages.reduce((sum, m) => sum + messageTokens(m), 0)
  let kept = [...input.history]
  const dropped: ChatMessage[] = []
  while (kept.length > KEEP_LATEST && total([system, ...pinned, ...kept]) > budgetTokens) {
    dropped.push(kept.shift() as ChatMessage)
  }
  const messages: ChatMessage[] = [system, ...pinned]
  if (dropped.length > 0) {
    const room = Math.max(0, budgetTokens - total([system, ...pinned, ...kept]) - PER_MESSAGE_TOKENS)
    const maxChars = Math.min(room * 4, dropped.length * (SUMMARY_EXCERPT_CHARS + 20))
    if (maxChars >= 200) messages.push(input.summarise(dropped, maxChars))
  }
  // Still over: the oldest kept messages are shortened first; the latest last of all.
  const room = budgetTokens - total(messages)
  let over = total(kept) - room
  kept = kept.map((message) => {
    if (over <= 0) return message
    const excess = Math.min(over, messageTokens(message) - 50)
    if (excess <= 0) return message
    over -= excess
    return { ...message, content: cutMiddle(message.content, message.content.length - excess * 4) }
  })
  return [...messages, ...kept]
}

export function excerpt(text: string, maxChars = SUMMARY_EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`
}

function cutMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const half = Math.max(0, Math.floor((maxChars - 7) / 2))
  return `${text.slice(0, half)} […] ${text.slice(text.length - half)}`
}
