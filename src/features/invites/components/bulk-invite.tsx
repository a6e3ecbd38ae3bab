import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { Field } from '../../../components/ui/field'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { describeError } from '../../../lib/api'
import { type BulkChannel, type BulkInviteResult, useBulkInvite } from '../api/bulk-invite'
import { useInviteBatch } from '../api/get-invite-batch'

const COLUMNS = 'name,email,phone,notes'

/** Pasted rows become the same CSV a file would be; a missing header row is added. */
function pastedFile(text: string): File {
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0] ?? ''
  const withHeader = /(^|,)\s*email\s*(,|$)/i.test(firstLine) ? text : `${COLUMNS}\n${text}`
  return new File([withHeader], 'pasted.csv', { type: 'text/csv' })
}

/**
 * Inviting many candidates to a job: paste rows or choose a CSV (name, email, phone, notes), check
 * the list (what will be sent to whom, and each refused row with its reason), then send, watching
 * the sends' progress live.
 */
export function BulkInvite({ jobId }: { jobId: string }) {
  const [source, setSource] = useState<'paste' | 'file'>('paste')
  const [text, setText] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [channels, setChannels] = useState<BulkChannel[]>(['email'])
  const [checked, setChecked] = useState<BulkInviteResult | null>(null)
  const [batchId, setBatchId] = useState<string | null>(null)
  const bulk = useBulkInvite()
  const sourceName = useId()

  const chosenFile = source === 'file' ? file : text.trim() ? pastedFile(text) : null

  function run(isDryRun: boolean) {
    if (!chosenFile) return
    bulk.mutate(
      { jobId, file: chosenFile, channels, isDryRun },
      {
        onSuccess: (result) => {
          if (isDryRun) setChecked(result)
          else setBatchId(result.batchId)
        },
      },
    )
  }

  function changed() {
    setChecked(null)
    bulk.reset()
  }

  if (batchId) return <BatchProgress batchId={batchId} />

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        run(true)
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-900 text-sm">Candidates</legend>
        <label className="flex min-h-9 items-center gap-2 text-sm">
          <input
            type="radio"
            name={sourceName}
            checked={source === 'paste'}
            onChange={() => {
              setSource('paste')
              changed()
            }}
          />
          Paste rows
        </label>
        <label className="flex min-h-9 items-center gap-2 text-sm">
          <input
            type="radio"
            name={sourceName}
            checked={source === 'file'}
            onChange={() => {
              setSource('file')
              changed()
            }}
          />
          Choose a CSV file
        </label>
      </fieldset>
      {source === 'paste' ? (
        <Field
          label="Rows"
          hint={`One candidate per line: ${COLUMNS} (phone in international form, such as +14155550123). Up to 1000 rows.`}
        >
          {(control) => (
            <textarea
              {...control}
              rows={8}
              className="block w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
              placeholder={`${COLUMNS}\nAda Lovelace,ada@example.com,+447700900123,Referred by Sam`}
              value={text}
              onChange={(event) => {
                setText(event.target.value)
                changed()
              }}
            />
          )}
        </Field>
      ) : (
        <Field
          label="CSV file"
          hint={`A header row naming the columns (${COLUMNS}), then one candidate per row.`}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              className="block text-sm"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null)
                changed()
              }}
            />
          )}
        </Field>
      )}
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-900 text-sm">Send by</legend>
        {(['email', 'whatsapp'] as const).map((channel) => (
          <label key={channel} className="flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={channels.includes(channel)}
              onChange={(event) => {
                setChannels((current) =>
                  event.target.checked ? [...current, channel] : current.filter((known) => known !== channel),
                )
                changed()
              }}
            />
            {channel === 'email' ? 'Email' : 'WhatsApp (rows with a phone number)'}
          </label>
        ))}
      </fieldset>

      {bulk.isError ? <Alert title="The list could not be used">{describeError(bulk.error)}</Alert> : null}

      {checked ? <CheckedList result={checked} /> : null}

      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="secondary"
          disabled={!chosenFile || channels.length === 0 || bulk.isPending}
        >
          {bulk.isPending && !checked ? 'Checking…' : 'Check the list'}
        </Button>
        {checked && checked.validRows > 0 ? (
          <Button onClick={() => run(false)} disabled={bulk.isPending}>
            {bulk.isPending
              ? 'Sending…'
              : `Send ${checked.validRows} ${checked.validRows === 1 ? 'invite' : 'invites'}`}
          </Button>
        ) : null}
      </div>
    </form>
  )
}

function CheckedList({ result }: { result: BulkInviteResult }) {
  const isOutbox = result.delivery.email === 'outbox' || result.delivery.whatsapp === 'outbox'
  return (
    <section aria-label="Check of the list" className="space-y-4">
      <p role="status" className="font-medium text-slate-900">
        {result.validRows} of {result.totalRows} rows will be invited
        {result.rejected.length > 0 ? `; ${result.rejected.length} cannot be` : ''}.
      </p>
      {isOutbox ? (
        <Alert tone="info" title="Not really sent">
          No provider is configured for {result.delivery.email === 'outbox' ? 'email' : 'WhatsApp'}: those
          invites go to the outbox, where you can read them, and candidates get nothing.
        </Alert>
      ) : null}
      {result.rejected.length > 0 ? (
        <table className="w-full text-left text-sm">
          <caption className="text-left font-medium text-slate-900">Rows that cannot be invited</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3">
                Row
              </th>
              <th scope="col" className="py-1 pr-3">
                Email
              </th>
              <th scope="col" className="py-1">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((row) => (
              <tr key={row.row} className="border-slate-100 border-t">
                <td className="py-1 pr-3">{row.row}</td>
                <td className="break-all py-1 pr-3">{row.email ?? '—'}</td>
                <td className="py-1">{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.preview?.email ? (
        <div className="rounded-xl border border-slate-200 p-3">
          <p className="font-medium text-sm">
            First email, to {result.preview.email.to}: {result.preview.email.subject}
          </p>
          <pre className="mt-2 max-h-56 overflow-auto whitespace-pre-wrap font-sans text-slate-700 text-sm">
            {result.preview.email.textContent}
          </pre>
        </div>
      ) : null}
      {result.preview?.whatsapp ? (
        <div className="rounded-xl border border-slate-200 p-3">
          <p className="font-medium text-sm">First WhatsApp message</p>
          <p className="mt-2 text-slate-700 text-sm">{result.preview.whatsapp.textContent}</p>
        </div>
      ) : null}
    </section>
  )
}

function BatchProgress({ batchId }: { batchId: string }) {
  const batch = useInviteBatch(batchId)
  if (batch.isPending) return <Spinner label="Starting the sends…" />
  if (batch.isError)
    return (
      <LoadError
        what="the progress"
        error={batch.error}
        onRetry={batch.refetch}
        isRetrying={batch.isFetching}
      />
    )
  const { counts, isComplete, interviewCount } = batch.data
  const done = counts.total - counts.pending
  return (
    <section aria-label="Sending" className="space-y-3">
      <p role="status" className="font-medium text-slate-900">
        {isComplete
          ? `Done: ${interviewCount} interviews created, ${counts.total - counts.failed} invites sent${counts.failed > 0 ? `, ${counts.failed} failed` : ''}.`
          : `Sending: ${done} of ${counts.total}`}
      </p>
      <progress className="w-full" max={counts.total} value={done} aria-label="Invites sent" />
      <p className="text-slate-600 text-sm">
        {counts.sent} sent · {counts.delivered} delivered · {counts.opened} opened · {counts.failed} failed
      </p>
      {isComplete ? (
        <Link to="/interviews" className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
          See the interviews
        </Link>
      ) : null}
    </section>
  )
}
