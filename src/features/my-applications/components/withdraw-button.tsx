import { useState } from 'react'
import { canWithdrawApplication } from '../../../../api/src/domain/application-status'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import type { MyApplication } from '../api/list-my-applications'
import { useWithdrawApplication } from '../api/withdraw-application'

/** Withdraw, after a confirmation; offered only while the API allows it (until a decision is final). */
export function WithdrawButton({ application }: { application: MyApplication }) {
  const withdraw = useWithdrawApplication()
  const [isConfirming, setIsConfirming] = useState(false)
  if (!canWithdrawApplication(application.status)) return null
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="text-red-700 hover:text-red-800"
        onClick={() => {
          withdraw.reset()
          setIsConfirming(true)
        }}
      >
        Withdraw application<span className="sr-only"> to “{application.job.title}”</span>
      </Button>
      <ConfirmDialog
        isOpen={isConfirming}
        title={`Withdraw your application to “${application.job.title}”?`}
        confirmLabel="Withdraw"
        pendingLabel="Withdrawing…"
        isPending={withdraw.isPending}
        errorMessage={withdraw.isError ? describeError(withdraw.error) : undefined}
        isDestructive
        onConfirm={() => withdraw.mutate(application.id, { onSuccess: () => setIsConfirming(false) })}
        onClose={() => setIsConfirming(false)}
      >
        The recruiter will see that you withdrew it. You can apply again while the job is open.
      </ConfirmDialog>
    </>
  )
}
