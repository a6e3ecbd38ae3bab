import { useRef } from 'react'
import { Link } from 'react-router'
import { LoadMore, PagedQueryState } from '../../../components/paged-list'
import { Alert } from '../../../components/ui/alert'
import { formatDateTime } from '../../../lib/format'
import { useOutbox } from '../api/list-outbox'
import { CHANNEL_NAMES } from './invite-names'

/** The messages kept instead of sent, newest first, each readable as the candidate would have got it. */
export function OutboxList() {
  const outbox = useOutbox()
  const listRef = useRef<HTMLUListElement>(null)
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? []
  const delivery = outbox.data?.pages[0]?.delivery
  const isAllOutbox = delivery?.email === 'outbox' && delivery.whatsapp === 'outbox'

  return (
    <div className="space-y-6">
      {delivery ? (
        <Alert tone="info" title={isAllOutbox ? 'Messages are not really being sent' : 'About this outbox'}>
          {isAllOutbox
            ? 'No email or WhatsApp provider is configured, so invites are kept here instead of going to candidates.'
            : `Email ${delivery.email === 'outbox' ? 'is not configured and lands here' : 'goes out through Brevo'}; WhatsApp ${delivery.whatsapp === 'outbox' ? 'is not configured and lands here' : 'goes out through the WhatsApp Cloud API'}.`}
        </Alert>
      ) : null}
      <PagedQueryState
        query={outbox}
        what="outbox messages"
        isEmpty={items.length === 0}
        empty={{
          title: 'The outbox is empty',
          details: 'Invites and reminders sent without a provider appear here.',
        }}
      >
        <ul ref={listRef} aria-label="Outbox" className="space-y-4">
          {items.map((message) => (
            <li key={message.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <h2 className="font-medium text-slate-900">
                {CHANNEL_NAMES[message.channel]} to <span className="break-all">{message.recipient}</span>
              </h2>
              <p className="mt-1 text-slate-600 text-sm">
                {message.interviewId ? (
                  <Link
                    to={`/interviews/${message.interviewId}`}
                    className="text-brand-700 underline-offset-4 hover:underline"
                  >
                    {message.candidateName ?? message.recipient}, {message.jobRole}
                  </Link>
                ) : (
                  'Account reminder'
                )}{' '}
                · {formatDateTime(message.createdAt)}
              </p>
              {message.subject ? (
                <p className="mt-2 font-medium text-sm">Subject: {message.subject}</p>
              ) : null}
              <details className="mt-2">
                <summary className="cursor-pointer text-brand-700 text-sm">Read the message</summary>
                <pre className="mt-2 whitespace-pre-wrap font-sans text-slate-700 text-sm">
                  {message.textContent}
                </pre>
              </details>
            </li>
          ))}
        </ul>
        <LoadMore query={outbox} what="messages" one="message" listRef={listRef} shownCount={items.length} />
      </PagedQueryState>
    </div>
  )
}
