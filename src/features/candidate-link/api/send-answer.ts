import { ApiError, api, isRecord, unwrap } from '../../../lib/api'
import { readServerSentEvents } from '../../../lib/server-sent-events'
import { linkHeaders } from './link-token'
import type { InterviewMessage } from './list-interview-messages'

export type ReplyListener = {
  /** The answer as stored (also when it had been stored by an earlier attempt with the same id). */
  onAnswer(message: InterviewMessage): void
  /** More of the interviewer's reply. */
  onToken(text: string): void
  /** The reply so far is void: it starts over. */
  onReset(): void
}

export type ReplyOutcome =
  | { kind: 'done'; message: InterviewMessage; interviewStatus: string }
  /** The server could not produce the reply; sending the same answer again is safe. */
  | { kind: 'error'; code: string; message: string }

/** The connection broke before the reply ended: the answer may or may not be stored; send it again. */
export class ReplyInterruptedError extends Error {
  override readonly name = 'ReplyInterruptedError'
}

/**
 * Sends an answer and follows the interviewer's reply as it streams (`text/event-stream`). `id` is
 * the page's own for this answer: sending it again never stores a second answer — the server returns
 * the stored reply or follows the one being written — so a retry after any failure is safe, and so
 * is a reload that re-sends the answer still waiting for its reply.
 *
 * Throws `ApiError` when the answer is refused (409 when the interview has ended or another answer
 * awaits its reply), `ReplyInterruptedError` or a `TypeError` when the connection fails.
 */
export async function sendAnswer(
  token: string,
  answer: { id: string; content: string },
  listener: ReplyListener,
  options: { signal?: AbortSignal } = {},
): Promise<ReplyOutcome> {
  const res = await api.api.candidate.interview.messages.$post(
    { json: { id: answer.id, content: answer.content } },
    { headers: linkHeaders(token), init: { signal: options.signal } },
  )
  if (!res.ok) {
    await unwrap(res)
    throw new ApiError({ status: res.status, code: 'UNEXPECTED_RESPONSE', message: 'Unexpected answer.' })
  }
  if (!res.body) throw new ReplyInterruptedError('The reply did not arrive.')
  for await (const { event, data } of readServerSentEvents(res.body)) {
    const payload: unknown = JSON.parse(data)
    if (!isRecord(payload)) continue
    switch (event) {
      case 'answer':
        listener.onAnswer(payload.message as InterviewMessage)
        break
      case 'token':
        if (typeof payload.text === 'string') listener.onToken(payload.text)
        break
      case 'reset':
        listener.onReset()
        break
      case 'done':
        return {
          kind: 'done',
          message: payload.message as InterviewMessage,
          interviewStatus: String(payload.interviewStatus),
        }
      case 'error':
        return { kind: 'error', code: String(payload.code), message: String(payload.message) }
    }
  }
  throw new ReplyInterruptedError('The connection closed before the reply ended.')
}
