import { useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { EmptyState } from '../../../components/ui/empty-state'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { type InviteMessage, useInvites } from '../api/list-invites'
import { useResendInvite } from '../api/resend-invite'
import { InviteDialog } from './invite-dialog'
import { CHANNEL_NAMES, INVITE_STATUS_NAMES } from './invite-names'

/**
 * The interview's invites: a way to send one (email, WhatsApp or both) and every message sent, each
 * with its delivery status as the providers report it, live, and a way to send it again.
 */
export function InvitesSection(props: { interview: { id: string; candidateEmail: string; status: string } }) {
  const { interview } = props
  const invites = useInvites(interview.id)
  const resend = useResendInvite(interview.id)
  const [isInviting, setIsInviting] = useState(false)
  const isOpen = interview.status === 'PENDING' || interview.status === 'IN_PROGRESS'

  return (
    <div className="space-y-4">
      {isOpen ? (
        <Button size="sm" onClick={() => setIsInviting(true)}>
          Send invite
        </Button>
      ) : (
        <p className="text-slate-600 text-sm">
          The interview is over; there is nothing to invite the candidate to.
        </p>
      )}
      {resend.isError ? (
        <Alert title="The invite was not sent again">{describeError(resend.error)}</Alert>
      ) : null}
      {invites.isPending ? (
        <Spinner label="Loading the invites…" />
      ) : invites.isError ? (
        <LoadError
          what="the invites"
          error={invites.error}
          onRetry={invites.refetch}
          isRetrying={invites.isFetching}
        />
      ) : invites.data.length === 0 ? (
        <EmptyState title="No invites yet">
          Send one by email or WhatsApp; its delivery shows here.
        </EmptyState>
      ) : (
        <ul aria-label="Invites" className="space-y-3">
          {invites.data.map((message) => (
            <InviteItem
              key={message.id}
              message={message}
              canResend={isOpen}
              isResending={resend.isPending && resend.variables === message.id}
              onResend={() => resend.mutate(message.id)}
            />
          ))}
        </ul>
      )}
      <InviteDialog
        isOpen={isInviting}
        interviewId={interview.id}
        candidateEmail={interview.candidateEmail}
        onClose={() => setIsInviting(false)}
      />
    </div>
  )
}

function InviteItem(props: {
  message: InviteMessage
  canResend: boolean
  isResending: boolean
  onResend: () => void
}) {
  const { message, canResend, isResending, onResend } = props
  const status = INVITE_STATUS_NAMES[message.status]
  const channel = CHANNEL_NAMES[message.channel]
  const moments = [
    ['Sent', message.sentAt],
    ['Delivered', message.deliveredAt],
    ['Opened', message.openedAt],
    ['Read', message.readAt],
    ['Bounced', message.bouncedAt],
    ['Failed', message.failedAt],
  ] as const
  return (
    <li className="rounded-xl border border-slate-200 p-4" aria-label={`${channel} to ${message.recipient}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="break-all font-medium text-slate-900 text-sm">
          {channel} to {message.recipient}
        </p>
        <StatusBadge tone={status.tone}>
          <span className="sr-only">Delivery: </span>
          {status.label}
        </StatusBadge>
      </div>
      <p className="mt-1 text-slate-600 text-xs">
        Created {formatDateTime(message.createdAt)}
        {moments
          .filter(([, at]) => at !== null)
          .map(([label, at]) => ` · ${label} ${formatDateTime(at as string)}`)
          .join('')}
      </p>
      {message.transport === 'outbox' ? (
        <p className="mt-1 text-amber-900 text-xs">
          Kept in the outbox: no provider is configured, so it was not really sent.
        </p>
      ) : null}
      {message.status === 'pending' && message.errorMessage && message.nextAttemptAt ? (
        <p className="mt-1 text-amber-900 text-xs">
          Attempt {message.attempts} failed ({message.errorMessage}); trying again at{' '}
          {formatDateTime(message.nextAttemptAt)}.
        </p>
      ) : null}
      {(message.status === 'failed' || message.status === 'bounced') && message.errorMessage ? (
        <p className="mt-1 text-red-700 text-xs">{message.errorMessage}</p>
      ) : null}
      {canResend ? (
        <Button variant="ghost" size="sm" className="mt-2" onClick={onResend} disabled={isResending}>
          {isResending ? 'Sending again…' : 'Resend'}
          <span className="sr-only">
            {' '}
            {channel.toLowerCase()} to {message.recipient}
          </span>
        </Button>
      ) : null}
    </li>
  )
}
