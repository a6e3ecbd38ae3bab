import { type ReactNode, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { type ApiKey, useApiKeys } from '../api/list-api-keys'
import { useRevokeApiKey } from '../api/revoke-api-key'
import { SCOPE_NAMES } from './scope-names'

const STATUS: Record<ApiKey['status'], { tone: StatusTone; label: string }> = {
  ACTIVE: { tone: 'ok', label: 'Active' },
  REVOKED: { tone: 'down', label: 'Revoked' },
  EXPIRED: { tone: 'warning', label: 'Expired' },
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const numberFormat = new Intl.NumberFormat()

/** The recruiter's keys with their usage, and a confirmed revoke for each active one. */
export function ApiKeyList() {
  const apiKeys = useApiKeys()
  const revokeKey = useRevokeApiKey()
  const [keyToRevoke, setKeyToRevoke] = useState<ApiKey | null>(null)

  if (apiKeys.isPending) return <Spinner label="Loading your API keys…" />
  if (apiKeys.isError) {
    return (
      <Alert
        title="We couldn't load your API keys"
        actions={
          <Button
            variant="secondary"
            size="sm"
            onClick={() => apiKeys.refetch()}
            disabled={apiKeys.isFetching}
          >
            {apiKeys.isFetching ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {describeError(apiKeys.error)}
      </Alert>
    )
  }
  if (apiKeys.data.length === 0) {
    return (
      <div className="rounded-xl border border-slate-300 border-dashed px-4 py-8 text-center">
        <p className="font-medium text-slate-900">No API keys yet</p>
        <p className="mt-1 text-slate-600 text-sm">
          Create one above to let another system, such as your applicant tracking system, use VantaHire.
        </p>
      </div>
    )
  }

  return (
    <>
      <ul aria-label="API keys" className="space-y-3">
        {apiKeys.data.map((apiKey) => (
          <ApiKeyItem
            key={apiKey.id}
            apiKey={apiKey}
            onRevoke={() => {
              revokeKey.reset()
              setKeyToRevoke(apiKey)
            }}
          />
        ))}
      </ul>
      <ConfirmDialog
        isOpen={keyToRevoke !== null}
        title={`Revoke “${keyToRevoke?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        isPending={revokeKey.isPending}
        errorMessage={revokeKey.isError ? describeError(revokeKey.error) : undefined}
        isDestructive
        onConfirm={() => {
          if (keyToRevoke) revokeKey.mutate(keyToRevoke.id, { onSuccess: () => setKeyToRevoke(null) })
        }}
        onClose={() => setKeyToRevoke(null)}
      >
        Anything using this key is refused from its next request on. This cannot be undone; to reconnect,
        create a new key.
      </ConfirmDialog>
    </>
  )
}

function ApiKeyItem({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  const status = STATUS[apiKey.status]
  return (
    <li className="rounded-xl border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 className="break-words font-semibold text-slate-900">{apiKey.name}</h3>
          <p className="mt-0.5 font-mono text-slate-600 text-sm">
            <span className="sr-only">Key starting with </span>
            {apiKey.keyPrefix}…
          </p>
        </div>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
      </div>

      <ul aria-label="Scopes" className="mt-3 flex flex-wrap gap-1.5">
        {apiKey.scopes.map((scope) => (
          <li
            key={scope}
            title={SCOPE_NAMES[scope].description}
            className="rounded-full bg-slate-100 px-2.5 py-1 font-medium text-slate-700 text-xs"
          >
            {SCOPE_NAMES[scope].label}
          </li>
        ))}
      </ul>

      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
        <Detail term="Created">
          <DateText value={apiKey.createdAt} />
        </Detail>
        <Detail term="Last used">
          {apiKey.lastRequestAt ? <DateText value={apiKey.lastRequestAt} withTime /> : 'Never'}
        </Detail>
        <Detail term="Requests today">
          {numberFormat.format(apiKey.requestsToday)} of {numberFormat.format(apiKey.rateLimitPerDay)}
        </Detail>
        <Detail
          term={apiKey.status === 'REVOKED' ? 'Revoked' : apiKey.status === 'EXPIRED' ? 'Expired' : 'Expires'}
        >
          {apiKey.status === 'REVOKED' && apiKey.revokedAt ? (
            <DateText value={apiKey.revokedAt} />
          ) : apiKey.expiresAt ? (
            <DateText value={apiKey.expiresAt} />
          ) : (
            'Never'
          )}
        </Detail>
      </dl>

      {apiKey.status === 'ACTIVE' ? (
        <div className="mt-4">
          <Button variant="secondary" size="sm" onClick={onRevoke}>
            Revoke<span className="sr-only"> “{apiKey.name}”</span>
          </Button>
        </div>
      ) : null}
    </li>
  )
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  )
}

function DateText({ value, withTime = false }: { value: string; withTime?: boolean }) {
  const date = new Date(value)
  return <time dateTime={value}>{(withTime ? dateTimeFormat : dateFormat).format(date)}</time>
}
