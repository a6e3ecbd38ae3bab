import { useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import { useChangeInterviewStatus } from '../api/change-interview-status'
import type { Interview, InterviewStatus } from '../api/list-interviews'
import { STATUS_ACTION_NAMES } from './interview-names'

/** Completed and expired are final, so moving there is confirmed first. */
const FINAL_STATUSES: readonly InterviewStatus[] = ['COMPLETED', 'EXPIRED']

/** The status changes the interview allows now, as buttons; a refused change shows the API's reason. */
export function InterviewStatusActions({ interview }: { interview: Interview }) {
  const changeStatus = useChangeInterviewStatus(interview.id)
  const [confirming, setConfirming] = useState<InterviewStatus | null>(null)
  // The moves the API names for this interview, from the same table it enforces.
  const nextStatuses = interview.nextStatuses

  if (nextStatuses.length === 0) {
    return (
      <p className="text-slate-600 text-sm">This interview is final; its status cannot change any more.</p>
    )
  }

  function change(status: InterviewStatus) {
    changeStatus.mutate(status, { onSuccess: () => setConfirming(null) })
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {nextStatuses.map((status) => (
          <Button
            key={status}
            variant={status === 'EXPIRED' ? 'secondary' : 'primary'}
            size="sm"
            disabled={changeStatus.isPending}
            onClick={() => {
              changeStatus.reset()
              if (FINAL_STATUSES.includes(status)) setConfirming(status)
              else change(status)
            }}
          >
            {changeStatus.isPending && changeStatus.variables === status && !confirming
              ? STATUS_ACTION_NAMES[status].pendingLabel
              : STATUS_ACTION_NAMES[status].label}
          </Button>
        ))}
      </div>
      {changeStatus.isError && !confirming ? (
        <Alert title="The status did not change">{describeError(changeStatus.error)}</Alert>
      ) : null}
      <ConfirmDialog
        isOpen={confirming !== null}
        title={confirming ? `${STATUS_ACTION_NAMES[confirming].label}?` : ''}
        confirmLabel={confirming ? STATUS_ACTION_NAMES[confirming].label : ''}
        pendingLabel={confirming ? STATUS_ACTION_NAMES[confirming].pendingLabel : ''}
        isPending={changeStatus.isPending}
        errorMessage={changeStatus.isError ? describeError(changeStatus.error) : undefined}
        isDestructive={confirming === 'EXPIRED'}
        onConfirm={() => confirming && change(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming ? STATUS_ACTION_NAMES[confirming].explanation : null}
      </ConfirmDialog>
    </div>
  )
}
