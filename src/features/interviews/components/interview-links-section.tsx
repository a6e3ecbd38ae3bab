import { useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { CopyButton } from '../../../components/ui/copy-button'
import { EmptyState } from '../../../components/ui/empty-state'
import { Input } from '../../../components/ui/field'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { useCreateInterviewLink } from '../api/create-interview-link'
import { type InterviewLink, useInterviewLinks } from '../api/list-interview-links'
import type { Interview } from '../api/list-interviews'
import { useRevokeAllInterviewLinks } from '../api/revoke-all-interview-links'
import { useRevokeInterviewLink } from '../api/revoke-interview-link'

const LINK_STATUS: Record<InterviewLink['status'], { label: string; tone: StatusTone }> = {
  ACTIVE: { label: 'Active', tone: 'ok' },
  REVOKED: { label: 'Revoked', tone: 'down' },
  EXPIRED: { label: 'Expired', tone: 'neutral' },
}

/**
 * The candidate's current link, ready to copy, and every link the interview has had: when each was
 * used, and a way to revoke one, all, or issue a new one (which becomes the current link).
 */
export function InterviewLinksSection({ interview }: { interview: Interview }) {
  const links = useInterviewLinks(interview.id)
  const createLink = useCreateInterviewLink(interview.id)
  const revokeLink = useRevokeInterviewLink(interview.id)
  const revokeAll = useRevokeAllInterviewLinks(interview.id)
  const [linkToRevoke, setLinkToRevoke] = useState<InterviewLink | null>(null)
  const [isRevokingAll, setIsRevokingAll] = useState(false)
  const activeCount = links.data?.filter((link) => link.status === 'ACTIVE').length ?? 0

  return (
    <div className="space-y-6">
      <CurrentLink url={interview.interviewUrl} />

      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => createLink.mutate()}
          disabled={createLink.isPending}
        >
          {createLink.isPending ? 'Creating a link…' : 'Create new link'}
        </Button>
        {activeCount > 0 ? (
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:text-red-800"
            onClick={() => {
              revokeAll.reset()
              setIsRevokingAll(true)
            }}
          >
            Revoke all links
          </Button>
        ) : null}
      </div>
      {createLink.isError ? (
        <Alert title="No new link was created">{describeError(createLink.error)}</Alert>
      ) : null}

      <div>
        <h3 className="font-semibold text-slate-900">All links</h3>
        <div className="mt-3">
          {links.isPending ? (
            <Spinner label="Loading the links…" />
          ) : links.isError ? (
            <LoadError
              what="the links"
              error={links.error}
              onRetry={links.refetch}
              isRetrying={links.isFetching}
            />
          ) : links.data.length === 0 ? (
            <EmptyState title="No links">Create one to invite the candidate.</EmptyState>
          ) : (
            <ul aria-label="All links" className="space-y-3">
              {links.data.map((link, index) => (
                <LinkItem
                  key={link.id}
                  link={link}
                  name={`link ${links.data.length - index}`}
                  onRevoke={() => {
                    revokeLink.reset()
                    setLinkToRevoke(link)
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      </div>

      <ConfirmDialog
        isOpen={linkToRevoke !== null}
        title="Revoke this link?"
        confirmLabel="Revoke link"
        pendingLabel="Revoking…"
        isPending={revokeLink.isPending}
        errorMessage={revokeLink.isError ? describeError(revokeLink.error) : undefined}
        isDestructive
        onConfirm={() =>
          linkToRevoke && revokeLink.mutate(linkToRevoke.id, { onSuccess: () => setLinkToRevoke(null) })
        }
        onClose={() => setLinkToRevoke(null)}
      >
        The link stops working at once: a candidate who opens it is told it was withdrawn. To invite them
        again, create a new link.
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={isRevokingAll}
        title="Revoke all links?"
        confirmLabel="Revoke all links"
        pendingLabel="Revoking…"
        isPending={revokeAll.isPending}
        errorMessage={revokeAll.isError ? describeError(revokeAll.error) : undefined}
        isDestructive
        onConfirm={() => revokeAll.mutate(undefined, { onSuccess: () => setIsRevokingAll(false) })}
        onClose={() => setIsRevokingAll(false)}
      >
        Every link of this interview stops working at once ({activeCount} active). Create a new link to invite
        the candidate again.
      </ConfirmDialog>
    </div>
  )
}

function CurrentLink({ url }: { url: string | null }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const id = useId()
  const hintId = useId()
  if (!url) {
    return (
      <Alert tone="info" title="No current link">
        The candidate has no working link. Create a new link to invite them again.
      </Alert>
    )
  }
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block font-medium text-slate-900 text-sm">
        Candidate link
      </label>
      <p id={hintId} className="text-slate-600 text-sm">
        Send this to the candidate. It is personal: anyone with it can take the interview.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          ref={inputRef}
          id={id}
          aria-describedby={hintId}
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="font-mono"
        />
        <CopyButton text={url} label="Copy link" size="md" fallbackRef={inputRef} className="shrink-0" />
      </div>
    </div>
  )
}

function LinkItem({ link, name, onRevoke }: { link: InterviewLink; name: string; onRevoke: () => void }) {
  const status = LINK_STATUS[link.status]
  return (
    <li className="rounded-xl border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 break-all font-mono text-slate-700 text-xs">{link.url}</p>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">Created</dt>
          <dd className="text-slate-900">{formatDateTime(link.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{link.status === 'REVOKED' ? 'Revoked' : 'Expires'}</dt>
          <dd className="text-slate-900">
            {formatDateTime(link.status === 'REVOKED' && link.revokedAt ? link.revokedAt : link.expiresAt)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Opened</dt>
          <dd className="text-slate-900">
            {link.accessCount} time{link.accessCount === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Last opened</dt>
          <dd className="text-slate-900">
            {link.lastAccessedAt ? formatDateTime(link.lastAccessedAt) : 'Never'}
          </dd>
        </div>
      </dl>
      {link.status === 'ACTIVE' ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <CopyButton text={link.url} label="Copy" srContext={name} />
          <Button variant="ghost" size="sm" className="text-red-700 hover:text-red-800" onClick={onRevoke}>
            Revoke<span className="sr-only"> {name}</span>
          </Button>
        </div>
      ) : null}
    </li>
  )
}
