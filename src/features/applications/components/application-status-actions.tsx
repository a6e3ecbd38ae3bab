import { useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import { cn } from '../../../lib/cn'
import type { Application, ApplicationStatus } from '../api/list-job-applications'
import { useUpdateApplication } from '../api/update-application'
import { applicantName, isDestructiveApplicationMove, moveLabel } from './application-names'

/** What the board hears after a move: the application as it is now and where it came from. */
export type ApplicationMove = { application: Application; previousStatus: ApplicationStatus }

type ApplicationStatusActionsProps = {
  application: Application
  onMoved: (move: ApplicationMove) => void
  className?: string
}

/**
 * The moves the API says this application may make next (`nextStatuses`), one button each. A
 * rejection happens at once and the board offers to undo it for a few seconds; taking back a hire
 * asks first. Every other move is a step forward or a reopening, safe to make in one click.
 */
export function ApplicationStatusActions({ application, onMoved, className }: ApplicationStatusActionsProps) {
  const updateApplication = useUpdateApplication(application.id)
  const [toConfirm, setToConfirm] = useState<ApplicationStatus | null>(null)
  const name = applicantName(application)
  const from = application.status

  function move(status: ApplicationStatus) {
    // The promise rather than mutate's callbacks, which are dropped once this card unmounts: the
    // live update of the same move can re-render the card in its new column (a new component)
    // before the answer arrives, and the board must still hear of the move to offer its undo.
    // A failure shows from the mutation's own state.
    updateApplication.mutateAsync({ status }).then(
      (moved) => {
        setToConfirm(null)
        onMoved({ application: moved, previousStatus: from })
      },
      () => undefined,
    )
  }

  if (application.nextStatuses.length === 0) return null
  return (
    <div className={className}>
      <div className="flex flex-wrap gap-2">
        {application.nextStatuses.map((status) => {
          const isDestructive = isDestructiveApplicationMove(from, status)
          // Rejecting is undone from the board; other destructive moves ask first.
          const asksFirst = isDestructive && status !== 'REJECTED'
          return (
            <Button
              key={status}
              size="sm"
              variant={isDestructive ? 'ghost' : 'secondary'}
              className={cn(isDestructive && 'text-red-700 hover:text-red-800')}
              disabled={updateApplication.isPending}
              onClick={() => (asksFirst ? setToConfirm(status) : move(status))}
            >
              {updateApplication.isPending && updateApplication.variables?.status === status && !asksFirst
                ? 'Moving…'
                : moveLabel(from, status)}
              <span className="sr-only"> {name}</span>
            </Button>
          )
        })}
      </div>
      {updateApplication.isError && updateApplication.variables?.status && toConfirm === null ? (
        <Alert className="mt-2" title="The application did not move">
          {describeError(updateApplication.error)}
        </Alert>
      ) : null}
      {toConfirm !== null ? (
        <ConfirmDialog
          isOpen
          title={`Take back the hire of ${name}?`}
          confirmLabel="Take back the hire"
          pendingLabel="Moving…"
          isPending={updateApplication.isPending}
          errorMessage={updateApplication.isError ? describeError(updateApplication.error) : undefined}
          isDestructive
          onConfirm={() => toConfirm && move(toConfirm)}
          onClose={() => {
            setToConfirm(null)
            updateApplication.reset()
          }}
        >
          {name} goes back to the shortlist and sees the change on their applications page.
        </ConfirmDialog>
      ) : null}
    </div>
  )
}
