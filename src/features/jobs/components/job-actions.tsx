import { useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import { useCloseJob } from '../api/close-job'
import { useDeleteJob } from '../api/delete-job'
import type { Job } from '../api/list-jobs'
import { useReopenJob } from '../api/reopen-job'
import { useSubmitJob } from '../api/submit-job'
import { canDeleteJob, canReopenJob, canSubmitJob } from './job-names'

/**
 * What can be done with a job now (`isCompact`: submitting and editing only, for summaries). Only
 * possible actions are offered: a job with applications cannot be deleted, so asking to delete it
 * offers closing instead, and a closed job can be reopened. When the API still refuses (a 409: the job
 * changed meanwhile) its reason is shown.
 */
export function JobActions({ job, isCompact = false }: { job: Job; isCompact?: boolean }) {
  const submitJob = useSubmitJob()
  const closeJob = useCloseJob()
  const deleteJob = useDeleteJob()
  const reopenJob = useReopenJob()
  const [confirming, setConfirming] = useState<'close' | 'delete' | null>(null)
  const isClosed = job.status === 'CLOSED'
  const isDeletable = canDeleteJob(job)
  const context = <span className="sr-only"> “{job.title}”</span>

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canSubmitJob(job) ? (
          <Button size="sm" onClick={() => submitJob.mutate(job.id)} disabled={submitJob.isPending}>
            {submitJob.isPending ? 'Submitting…' : 'Submit for approval'}
            {context}
          </Button>
        ) : null}
        {isCompact ? null : (
          <Link
            to={`/jobs/${job.id}/applications`}
            className={buttonClassName({ variant: 'secondary', size: 'sm' })}
          >
            Applications ({job.applicationCount}){context}
          </Link>
        )}
        {isClosed || isCompact ? null : (
          <Link
            to={`/jobs/${job.id}/invite`}
            className={buttonClassName({ variant: 'secondary', size: 'sm' })}
          >
            Invite candidates{context}
          </Link>
        )}
        {isClosed ? null : (
          <Link to={`/jobs/${job.id}/edit`} className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
            Edit{context}
          </Link>
        )}
        {isClosed || isCompact ? null : (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              closeJob.reset()
              setConfirming('close')
            }}
          >
            Close{context}
          </Button>
        )}
        {canReopenJob(job) && !isCompact ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={reopenJob.isPending}
            onClick={() => reopenJob.mutate(job.id)}
          >
            {reopenJob.isPending ? 'Reopening…' : 'Reopen'}
            {context}
          </Button>
        ) : null}
        {isCompact || (isClosed && !isDeletable) ? null : (
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:text-red-800"
            onClick={() => {
              deleteJob.reset()
              setConfirming('delete')
            }}
          >
            Delete{context}
          </Button>
        )}
      </div>
      {submitJob.isError ? (
        <Alert title="The job was not submitted">{describeError(submitJob.error)}</Alert>
      ) : null}
      {reopenJob.isError ? (
        <Alert title="The job was not reopened">{describeError(reopenJob.error)}</Alert>
      ) : null}

      <ConfirmDialog
        isOpen={confirming === 'close'}
        title={`Close “${job.title}”?`}
        confirmLabel="Close job"
        pendingLabel="Closing…"
        isPending={closeJob.isPending}
        errorMessage={closeJob.isError ? describeError(closeJob.error) : undefined}
        onConfirm={() => closeJob.mutate(job.id, { onSuccess: () => setConfirming(null) })}
        onClose={() => setConfirming(null)}
      >
        It leaves the job board and takes no more applications. The applications it has stay here. You can
        reopen it later.
      </ConfirmDialog>
      {isDeletable ? (
        <ConfirmDialog
          isOpen={confirming === 'delete'}
          title={`Delete “${job.title}”?`}
          confirmLabel="Delete job"
          pendingLabel="Deleting…"
          isPending={deleteJob.isPending}
          errorMessage={deleteJob.isError ? describeError(deleteJob.error) : undefined}
          isDestructive
          onConfirm={() => deleteJob.mutate(job.id, { onSuccess: () => setConfirming(null) })}
          onClose={() => setConfirming(null)}
        >
          The job is deleted for good. This cannot be undone.
        </ConfirmDialog>
      ) : (
        // Applications are the candidates' record and stay: such a job is closed instead, and can be reopened.
        <ConfirmDialog
          isOpen={confirming === 'delete'}
          title={`“${job.title}” cannot be deleted`}
          confirmLabel="Close job instead"
          pendingLabel="Closing…"
          isPending={closeJob.isPending}
          errorMessage={closeJob.isError ? describeError(closeJob.error) : undefined}
          onConfirm={() => closeJob.mutate(job.id, { onSuccess: () => setConfirming(null) })}
          onClose={() => setConfirming(null)}
        >
          It has {job.applicationCount} application{job.applicationCount === 1 ? '' : 's'}, which stay on
          record. Close it instead: it leaves the job board and takes no more applications, and you can reopen
          it later.
        </ConfirmDialog>
      )}
    </div>
  )
}
