import { useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { Button, buttonClassName } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import { useCloseJob } from '../api/close-job'
import { useDeleteJob } from '../api/delete-job'
import type { Job } from '../api/list-jobs'
import { useSubmitJob } from '../api/submit-job'
import { canSubmitJob } from './job-names'

/**
 * What can be done with a job now (`isCompact`: submitting and editing only, for summaries). Only possible actions are offered; when the API still refuses
 * (a 409: the job changed meanwhile, or has applications and cannot be deleted) its reason is shown.
 */
export function JobActions({ job, isCompact = false }: { job: Job; isCompact?: boolean }) {
  const submitJob = useSubmitJob()
  const closeJob = useCloseJob()
  const deleteJob = useDeleteJob()
  const [confirming, setConfirming] = useState<'close' | 'delete' | null>(null)
  const isClosed = job.status === 'CLOSED'
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
        {isCompact ? null : (
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
        It leaves the job board and takes no more applications. The applications it has stay here. A closed
        job cannot be reopened.
      </ConfirmDialog>
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
        {job.applicationCount > 0
          ? `This job has ${job.applicationCount} application${job.applicationCount === 1 ? '' : 's'}, so it can only be closed, not deleted.`
          : 'The job is deleted for good. This cannot be undone.'}
      </ConfirmDialog>
    </div>
  )
}
