import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, describeError, isRecord } from '../../../lib/api'
import { candidateInterviewQueryKey } from '../api/get-candidate-interview'
import {
  type InterviewMessage,
  interviewMessagesQueryKey,
  useInterviewMessages,
} from '../api/list-interview-messages'
import { ReplyInterruptedError, sendAnswer } from '../api/send-answer'

/** The candidate's answer in flight, or the one whose reply failed and can be sent again as it was. */
export type OutgoingAnswer = {
  id: string
  content: string
  phase: 'sending' | 'failed'
  /** Why it failed, in words for the candidate; `isConnection` when the network, not the server, failed. */
  problem?: { message: string; isConnection: boolean }
}

/** A uuid for a new answer. `crypto.randomUUID` exists only in secure contexts; the fallback is RFC 4122 v4 too. */
export function newAnswerId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The conversation: the stored transcript, the answer being sent, and the interviewer's reply as it
 * streams. An answer keeps its id until its reply has arrived, so sending it again (after an error,
 * a lost connection or a reload) never stores it twice. After a reload, an answer still waiting for
 * its reply is sent again at once, which follows the reply being written.
 */
export function useInterviewChat(token: string) {
  const queryClient = useQueryClient()
  const messages = useInterviewMessages(token)
  const [outgoing, setOutgoing] = useState<OutgoingAnswer | null>(null)
  /** The interviewer's reply so far; null when no reply is streaming. */
  const [replyText, setReplyText] = useState<string | null>(null)
  const [draft, setDraft] = useState('')
  const inFlight = useRef<AbortController | null>(null)

  const addMessage = useCallback(
    (message: InterviewMessage) =>
      queryClient.setQueryData<InterviewMessage[]>(interviewMessagesQueryKey(token), (list = []) =>
        list.some((existing) => existing.id === message.id) ? list : [...list, message],
      ),
    [queryClient, token],
  )
  const refreshInterview = useCallback(
    () => queryClient.invalidateQueries({ queryKey: candidateInterviewQueryKey(token) }),
    [queryClient, token],
  )

  const send = useCallback(
    async (answer: { id: string; content: string }) => {
      if (inFlight.current) return
      const controller = new AbortController()
      inFlight.current = controller
      setOutgoing({ ...answer, phase: 'sending' })
      setReplyText('')
      const fail = (problem: OutgoingAnswer['problem']) => {
        setReplyText(null)
        setOutgoing({ ...answer, phase: 'failed', problem })
      }
      try {
        const outcome = await sendAnswer(
          token,
          answer,
          {
            onAnswer: addMessage,
            onToken: (text) => setReplyText((sofar) => (sofar ?? '') + text),
            onReset: () => setReplyText(''),
          },
          { signal: controller.signal },
        )
        if (outcome.kind === 'error') {
          fail({ message: outcome.message, isConnection: false })
          // The error may be that the interview has ended (its time ran out): the page then moves on.
          void refreshInterview()
          return
        }
        addMessage(outcome.message)
        setReplyText(null)
        setOutgoing(null)
        // Progress and the clock move on with each reply; a closing reply ends the interview.
        void refreshInterview()
      } catch (error) {
        if (controller.signal.aborted) return
        if (error instanceof ApiError && error.status === 409) {
          setReplyText(null)
          setOutgoing(null)
          const pendingId = isRecord(error.details) ? error.details.pendingAnswerId : undefined
          if (typeof pendingId === 'string' && pendingId !== answer.id) {
            // Another answer (from another tab) awaits its reply: this one was not stored. Give its
            // text back, and let the transcript show (and this page follow) the other.
            setDraft((current) => current || answer.content)
            void queryClient.invalidateQueries({ queryKey: interviewMessagesQueryKey(token) })
          } else {
            void refreshInterview()
          }
          return
        }
        if (error instanceof ApiError && (error.status === 401 || error.status === 410)) {
          // The link stopped working; the page explains why.
          setReplyText(null)
          setOutgoing(null)
          void refreshInterview()
          return
        }
        const isConnection = error instanceof TypeError || error instanceof ReplyInterruptedError
        fail({
          message: isConnection
            ? 'The connection was lost before the reply arrived. Your answer is safe to send again.'
            : describeError(error),
          isConnection,
        })
      } finally {
        if (inFlight.current === controller) inFlight.current = null
      }
    },
    [token, addMessage, refreshInterview, queryClient],
  )

  useEffect(() => () => inFlight.current?.abort(), [])

  // After a reload (or another tab's answer), follow the reply to an answer still waiting for one.
  const last = messages.data?.at(-1)
  const pendingId = last?.role === 'candidate' ? last.clientMessageId : null
  const pendingContent = last?.content ?? ''
  useEffect(() => {
    if (pendingId && !outgoing && !inFlight.current) void send({ id: pendingId, content: pendingContent })
  }, [pendingId, pendingContent, outgoing, send])

  // A connection that comes back retries the answer it interrupted.
  useEffect(() => {
    if (outgoing?.phase !== 'failed' || !outgoing.problem?.isConnection) return
    const retry = () => void send({ id: outgoing.id, content: outgoing.content })
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [outgoing, send])

  const submit = useCallback(() => {
    const content = draft.trim()
    if (!content || outgoing || inFlight.current) return false
    setDraft('')
    void send({ id: newAnswerId(), content })
    return true
  }, [draft, outgoing, send])

  const retry = useCallback(() => {
    if (outgoing?.phase === 'failed') void send({ id: outgoing.id, content: outgoing.content })
  }, [outgoing, send])

  const transcript = messages.data ?? []
  return {
    messages,
    transcript,
    /** The answer not yet in the transcript, shown as sent while the server confirms it. */
    unconfirmed:
      outgoing && !transcript.some((message) => message.clientMessageId === outgoing.id) ? outgoing : null,
    outgoing,
    replyText,
    isReplying: outgoing?.phase === 'sending',
    draft,
    setDraft,
    submit,
    retry,
  }
}
