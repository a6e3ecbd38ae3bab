import { type ReactNode, useEffect, useId, useRef } from 'react'
import { Alert } from './alert'
import { Button } from './button'

type ConfirmDialogProps = {
  isOpen: boolean
  title: string
  /** What will happen, in plain words; read by screen readers as the dialog's description. */
  children: ReactNode
  confirmLabel: string
  /** Shown on the confirm button while the action runs. */
  pendingLabel: string
  isPending?: boolean
  /** Why the last attempt failed, shown inside the dialog so the person can retry or cancel. */
  errorMessage?: string
  /** Destructive actions get a red confirm button. */
  isDestructive?: boolean
  onConfirm: () => void
  /** Called however the dialog closes: Cancel or Escape. */
  onClose: () => void
}

/**
 * A modal confirmation built on the native `<dialog>`: `showModal()` makes the rest of the page inert,
 * keeps focus inside and closes on Escape, with no focus-trap code of our own. Cancel gets the focus,
 * so a stray Enter never confirms a destructive action.
 */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  pendingLabel,
  isPending = false,
  errorMessage,
  isDestructive = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (isOpen && !dialog.open) {
      dialog.showModal()
      cancelRef.current?.focus()
    } else if (!isOpen && dialog.open) {
      dialog.close()
    }
  }, [isOpen])

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onCancel={(event) => {
        // Escape must not abandon a request halfway; the outcome is shown when it ends.
        if (isPending) event.preventDefault()
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-5 sm:p-6">
        <h2 id={titleId} className="font-semibold text-lg text-slate-900">
          {title}
        </h2>
        <div id={descriptionId} className="mt-2 text-slate-700 text-sm leading-6">
          {children}
        </div>
        {errorMessage ? (
          <Alert className="mt-4" title="That didn't work">
            {errorMessage}
          </Alert>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button
            ref={cancelRef}
            variant="secondary"
            onClick={() => dialogRef.current?.close()}
            disabled={isPending}
          >
            Cancel
          </Button>
          <Button variant={isDestructive ? 'danger' : 'primary'} onClick={onConfirm} disabled={isPending}>
            {isPending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  )
}
