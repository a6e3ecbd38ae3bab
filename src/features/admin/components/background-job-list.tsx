import { useId } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Card, CardDescription, CardTitle } from '../../../components/ui/card'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge'
import { describeError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { type BackgroundJob, type BackgroundJobRun, useBackgroundJobs } from '../api/list-background-jobs'
import { useRunBackgroundJob } from '../api/run-background-job'

const STATUS: Record<BackgroundJobRun['status'], { tone: StatusTone; label: string }> = {
  RUNNING: { tone: 'neutral', label: 'Running' },
  SUCCEEDED: { tone: 'ok', label: 'Succeeded' },
  FAILED: { tone: 'down', label: 'Failed' },
  INTERRUPTED: { tone: 'warning', label: 'Interrupted' },
}

/** The schedules the jobs use, in words; anything else is shown as its expression. */
export function describeSchedule(expression: string): string {
  const [second, minute, hour, ...rest] = expression.split(' ')
  const isEveryDay = rest.every((field) => field === '*')
  if (!isEveryDay || rest.length !== 3) return expression
  const every = /^\*\/(\d+)$/.exec(second ?? '')
  if (every && minute === '*' && hour === '*') return `Every ${every[1]} seconds`
  if (second === '0' && minute === '*' && hour === '*') return 'Every minute'
  if (second === '0' && /^\d+$/.test(minute ?? '') && hour === '*')
    return `Hourly, at ${minute?.padStart(2, '0')} past`
  if (second === '0' && /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? ''))
    return `Daily at ${hour?.padStart(2, '0')}:${minute?.padStart(2, '0')} UTC`
  return expression
}

/** `linksRevoked: 2` → "2 links revoked". */
function describeCounts(result: BackgroundJobRun['result']): string {
  if (!result || Object.keys(result).length === 0) return 'No counts reported'
  // Postgres keeps JSON keys in its own order; what went wrong reads best last.
  return Object.entries(result)
    .sort(([a], [b]) => Number(a === 'failed') - Number(b === 'failed'))
    .map(([name, count]) => `${count} ${name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}`)
    .join(', ')
}

function RunStatus({ run }: { run: BackgroundJobRun }) {
  const status = STATUS[run.status]
  return <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
}

/** The scheduled background jobs, each with its last runs and a way to run it now. */
export function BackgroundJobList() {
  const jobs = useBackgroundJobs()
  if (jobs.isPending) return <Spinner label="Loading the background jobs…" />
  if (jobs.isError) {
    return (
      <LoadError
        what="the background jobs"
        error={jobs.error}
        isRetrying={jobs.isFetching}
        onRetry={() => jobs.refetch()}
      />
    )
  }
  return (
    <ul aria-label="Background jobs" className="space-y-4">
      {jobs.data.jobs.map((job) => (
        <BackgroundJobCard key={job.name} job={job} />
      ))}
    </ul>
  )
}

function BackgroundJobCard({ job }: { job: BackgroundJob }) {
  const titleId = useId()
  const run = useRunBackgroundJob()
  const last = job.lastRuns[0]
  const isRunning = run.isPending || job.isRunning
  return (
    <Card as="li" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle level={2} id={titleId} className="break-words font-mono text-base">
            {job.name}
          </CardTitle>
          <CardDescription>{job.description}</CardDescription>
        </div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => run.mutate(job.name)}
          disabled={isRunning}
          aria-busy={run.isPending}
        >
          {run.isPending ? 'Running…' : job.isRunning ? 'Running elsewhere' : 'Run now'}
          <span className="sr-only"> {job.name}</span>
        </Button>
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Schedule</dt>
          <dd className="mt-0.5 text-slate-900">
            {describeSchedule(job.schedule)} <code className="text-slate-500 text-xs">{job.schedule}</code>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Next run</dt>
          <dd className="mt-0.5 text-slate-900">
            {job.nextRunAt ? (
              <time dateTime={job.nextRunAt}>{formatDateTime(job.nextRunAt)}</time>
            ) : (
              'Not scheduled'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Last run</dt>
          <dd className="mt-0.5 text-slate-900">
            {last ? (
              <span className="flex flex-wrap items-center gap-2">
                <time dateTime={last.startedAt}>{formatDateTime(last.startedAt)}</time>
                <RunStatus run={last} />
              </span>
            ) : (
              'Not run yet'
            )}
          </dd>
        </div>
      </dl>
      {last ? (
        <p className="mt-2 text-slate-700 text-sm">
          {last.error ? <span className="text-red-800">{last.error}</span> : describeCounts(last.result)}
        </p>
      ) : null}

      <div aria-live="polite">
        {run.isError ? (
          <Alert className="mt-4" title={`${job.name} did not run`}>
            {describeError(run.error)}
          </Alert>
        ) : run.data ? (
          run.data.status === 'FAILED' ? (
            <Alert className="mt-4" title={`${job.name} failed`}>
              {run.data.error ?? 'It stopped with an error.'}
            </Alert>
          ) : (
            <Alert className="mt-4" tone="success" title={`${job.name} ran`}>
              {describeCounts(run.data.result)}.
            </Alert>
          )
        ) : null}
      </div>

      {job.lastRuns.length > 0 ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-brand-700 text-sm">
            {job.lastRuns.length === 1 ? 'The last run' : `The last ${job.lastRuns.length} runs`}
          </summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Last runs of {job.name}, newest first</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Started
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Trigger
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Outcome
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    What it did
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Instance
                  </th>
                </tr>
              </thead>
              <tbody>
                {job.lastRuns.map((entry) => (
                  <tr key={entry.id} className="border-slate-100 border-t align-top">
                    <td className="py-1.5 pr-4">
                      <time dateTime={entry.startedAt}>{formatDateTime(entry.startedAt)}</time>
                    </td>
                    <td className="py-1.5 pr-4">{entry.trigger === 'manual' ? 'By an admin' : 'Schedule'}</td>
                    <td className="py-1.5 pr-4">
                      <RunStatus run={entry} />
                    </td>
                    <td className="py-1.5 pr-4">{entry.error ?? describeCounts(entry.result)}</td>
                    <td className="break-all py-1.5 font-mono text-xs">{entry.instanceId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </Card>
  )
}
