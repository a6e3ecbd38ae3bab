import { useId } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { type DependencyName, type Readiness, useReadiness } from '../api/get-readiness'

const DEPENDENCIES: Record<DependencyName, { label: string; role: string }> = {
  postgres: { label: 'Postgres', role: 'Interviews, candidates and results' },
  redis: { label: 'Redis', role: 'Sign-ins, live updates and rate limits' },
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })

/** Live readiness of the API and the services it depends on, with loading, outage and error states. */
export function ReadinessPanel() {
  const headingId = useId()
  const readiness = useReadiness()

  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardTitle id={headingId}>System status</CardTitle>
      <CardDescription>
        Live checks of the services VantaHire runs on, refreshed every 10 seconds.
      </CardDescription>

      <div className="mt-5">
        {readiness.isPending ? (
          <Spinner label="Checking VantaHire's systems…" />
        ) : readiness.isError && !readiness.data ? (
          <Alert
            title="We couldn't check the system status"
            actions={
              <Button
                variant="secondary"
                size="sm"
                onClick={() => readiness.refetch()}
                disabled={readiness.isFetching}
              >
                {readiness.isFetching ? 'Checking…' : 'Try again'}
              </Button>
            }
          >
            {describeError(readiness.error)}
          </Alert>
        ) : (
          <ReadinessDetails readiness={readiness.data} checkedAt={readiness.dataUpdatedAt} />
        )}
      </div>

      {readiness.isError && readiness.data ? (
        <p className="mt-4 text-slate-600 text-sm">
          The last refresh failed ({describeError(readiness.error)}); showing the result from{' '}
          {timeFormat.format(readiness.dataUpdatedAt)}.
        </p>
      ) : null}
    </Card>
  )
}

function ReadinessDetails({ readiness, checkedAt }: { readiness: Readiness; checkedAt: number }) {
  const checks = Object.entries(readiness.checks) as Array<[DependencyName, string]>
  const downLabels = checks.filter(([, state]) => state !== 'ok').map(([name]) => labelOf(name))

  return (
    <div className="space-y-4">
      {/* Polite, and rendered even when empty, so a recovery is announced without interrupting. */}
      <div aria-live="polite">
        {readiness.isReady ? (
          <p className="flex items-center gap-2 font-semibold text-emerald-800">
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
              className="size-5 shrink-0"
            >
              <path d="m9 12 2 2 4-4m7 2a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z" />
            </svg>
            All systems operational
          </p>
        ) : null}
      </div>

      {readiness.isReady ? null : (
        <Alert tone="warning" title={outageTitle(downLabels)}>
          <p>{readiness.message}</p>
          <p className="mt-1">
            Interviews may fail to start or save until this is fixed.
            {readiness.requestId ? (
              <>
                {' '}
                Reference: <code className="break-all font-mono text-xs">{readiness.requestId}</code>
              </>
            ) : null}
          </p>
        </Alert>
      )}

      {checks.length === 0 ? (
        <p className="text-slate-600 text-sm">The API did not report any individual checks.</p>
      ) : (
        <ul
          aria-label="Service checks"
          className="divide-y divide-slate-100 rounded-xl border border-slate-200"
        >
          {checks.map(([name, state]) => (
            <li key={name} className="flex items-center justify-between gap-4 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{labelOf(name)}</p>
                {DEPENDENCIES[name] ? (
                  <p className="text-slate-600 text-sm">{DEPENDENCIES[name].role}</p>
                ) : null}
              </div>
              <DependencyStateBadge state={state} />
            </li>
          ))}
        </ul>
      )}

      <p className="text-slate-500 text-xs">
        Last checked at{' '}
        <time dateTime={new Date(checkedAt).toISOString()}>{timeFormat.format(checkedAt)}</time>
      </p>
    </div>
  )
}

function DependencyStateBadge({ state }: { state: string }) {
  if (state === 'ok') return <StatusBadge tone="ok">OK</StatusBadge>
  if (state === 'unreachable') return <StatusBadge tone="down">Unreachable</StatusBadge>
  return <StatusBadge tone="warning">{state}</StatusBadge>
}

function labelOf(name: string): string {
  return DEPENDENCIES[name as DependencyName]?.label ?? name
}

function outageTitle(downLabels: string[]): string {
  if (downLabels.length === 0) return 'VantaHire is not ready'
  return `${new Intl.ListFormat('en', { type: 'conjunction' }).format(downLabels)} ${downLabels.length === 1 ? 'is' : 'are'} down`
}
