import { useQueryClient } from '@tanstack/react-query'
import { useRealtimeEvent } from '../../../hooks/use-realtime-event'
import { type InviteBatch, inviteBatchQueryKey } from '../api/get-invite-batch'
import { type InviteMessage, invitesQueryKey } from '../api/list-invites'
import { outboxQueryKey } from '../api/list-outbox'

/**
 * Keeps invites current from live events: each status event carries the whole message, which
 * replaces its row in the interview's list (or joins it); a batch's progress replaces its counts.
 */
export function useInviteEvents(): void {
  const queryClient = useQueryClient()

  const storeMessage = (message: InviteMessage) => {
    queryClient.setQueryData<InviteMessage[]>(invitesQueryKey(message.interviewId), (messages) => {
      if (!messages) return messages
      const isKnown = messages.some((known) => known.id === message.id)
      return isKnown
        ? messages.map((known) => (known.id === message.id ? message : known))
        : [message, ...messages]
    })
    if (message.transport === 'outbox') void queryClient.invalidateQueries({ queryKey: outboxQueryKey })
  }

  useRealtimeEvent('email:status', ({ payload }) => storeMessage(payload.message))
  useRealtimeEvent('whatsapp:status', ({ payload }) => storeMessage(payload.message))
  useRealtimeEvent('invite:batch', ({ payload }) => {
    queryClient.setQueryData<InviteBatch>(inviteBatchQueryKey(payload.batchId), (batch) =>
      batch ? { ...batch, counts: payload.counts, isComplete: payload.isComplete } : batch,
    )
  })
}
