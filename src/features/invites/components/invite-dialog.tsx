import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { Field, Input } from '../../../components/ui/field'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { describeError } from '../../../lib/api'
import { readFieldErrors } from '../../../lib/form-errors'
import { formatDateTime } from '../../../lib/format'
import { useInvitePreview } from '../api/preview-invite'
import { useSendInvites } from '../api/send-invites'

type Channel = 'email' | 'whatsapp'

/**
 * Sending an invite: the channels (email, WhatsApp with a phone number, or both) and a preview of
 * each message as the candidate will get it. A native `<dialog>`: modal, Escape closes it.
 */
export function InviteDialog(props: {
  isOpen: boolean
  interviewId: string
  candidateEmail: string
  onClose: () => void
}) {
  const { isOpen, interviewId, candidateEmail, onClose } = props
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [channels, setChannels] = useState<Channel[]>(['email'])
  const [phone, setPhone] = useState('')
  const preview = useInvitePreview(interviewId, { isEnabled: isOpen })
  const send = useSendInvites(interviewId)
  const fieldErrors = readFieldErrors(send.error)
  const hasWhatsApp = channels.includes('whatsapp')

  const resetSend = send.reset
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (isOpen && !dialog.open) {
      // A new invite starts clean: the last attempt's error belongs to the last opening.
      resetSend()
      dialog.showModal()
    } else if (!isOpen && dialog.open) dialog.close()
  }, [isOpen, resetSend])

  function toggle(channel: Channel, isChecked: boolean) {
    setChannels((current) =>
      isChecked ? [...new Set([...current, channel])] : current.filter((known) => known !== channel),
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    send.mutate(
      { channels, ...(hasWhatsApp ? { phone } : {}) },
      {
        onSuccess: () => {
          setPhone('')
          onClose()
        },
      },
    )
  }

  const outboxChannels = preview.data
    ? channels.filter((channel) => preview.data.delivery[channel] === 'outbox')
    : []

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        if (send.isPending) event.preventDefault()
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-2xl rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <form onSubmit={submit} className="space-y-5 p-5 sm:p-6" noValidate>
        <h2 id={titleId} className="font-semibold text-lg text-slate-900">
          Invite the candidate
        </h2>
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-900 text-sm">Send by</legend>
          <label className="flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={channels.includes('email')}
              onChange={(event) => toggle('email', event.target.checked)}
            />
            Email to {candidateEmail}
          </label>
          <label className="flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={hasWhatsApp}
              onChange={(event) => toggle('whatsapp', event.target.checked)}
            />
            WhatsApp
          </label>
          {fieldErrors.channels ? <p className="text-red-700 text-sm">{fieldErrors.channels}</p> : null}
        </fieldset>
        {hasWhatsApp ? (
          <Field
            label="Candidate’s WhatsApp number"
            hint="With the country code, for example +14155550123."
            error={fieldErrors.phone}
            isRequired
          >
            {(control) => (
              <Input
                {...control}
                type="tel"
                autoComplete="tel"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
              />
            )}
          </Field>
        ) : null}

        {outboxChannels.length > 0 ? (
          <Alert tone="info" title="Not really sent">
            No {outboxChannels.map((channel) => (channel === 'email' ? 'email' : 'WhatsApp')).join(' or ')}{' '}
            provider is configured, so the message goes to the outbox, where you can read it; the candidate
            gets nothing.
          </Alert>
        ) : null}

        <section aria-label="Preview" className="space-y-3">
          <h3 className="font-semibold text-slate-900">Preview</h3>
          {preview.isPending ? (
            <Spinner label="Preparing the preview…" />
          ) : preview.isError ? (
            <LoadError
              what="the preview"
              error={preview.error}
              onRetry={preview.refetch}
              isRetrying={preview.isFetching}
            />
          ) : (
            <>
              {preview.data.link.url ? null : (
                <p className="text-slate-600 text-sm">
                  The interview has no active link; sending creates one (shown here as a placeholder).
                </p>
              )}
              <p className="text-slate-600 text-sm">
                The link expires on {formatDateTime(preview.data.link.expiresAt)}.
              </p>
              {channels.includes('email') ? (
                <div className="rounded-xl border border-slate-200 p-3">
                  <p className="font-medium text-sm">Subject: {preview.data.email.subject}</p>
                  <pre className="mt-2 max-h-56 overflow-auto whitespace-pre-wrap font-sans text-slate-700 text-sm">
                    {preview.data.email.textContent}
                  </pre>
                </div>
              ) : null}
              {hasWhatsApp ? (
                <div className="rounded-xl border border-slate-200 p-3">
                  <p className="font-medium text-sm">
                    WhatsApp template “{preview.data.whatsapp.templateName}”
                  </p>
                  <p className="mt-2 text-slate-700 text-sm">{preview.data.whatsapp.textContent}</p>
                </div>
              ) : null}
            </>
          )}
        </section>

        {send.isError && Object.keys(fieldErrors).length === 0 ? (
          <Alert title="The invite was not sent">{describeError(send.error)}</Alert>
        ) : null}

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onClose} disabled={send.isPending}>
            Cancel
          </Button>
          <Button type="submit" disabled={send.isPending || channels.length === 0}>
            {send.isPending ? 'Sending…' : 'Send invite'}
          </Button>
        </div>
      </form>
    </dialog>
  )
}
