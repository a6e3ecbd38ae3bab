import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { Field, Input } from '../../../components/ui/field'
import { describeError } from '../../../lib/api'
import type { AdminUser } from '../api/list-users'
import { useMergeAccounts } from '../api/merge-accounts'
import { type AccountMergePlan, previewAccountMerge } from '../api/preview-account-merge'

/** What moves, by kind: one, and more than one. */
const MOVE_NAMES: Record<string, [string, string]> = {
  interviewsAsRecruiter: ['interview they ran', 'interviews they ran'],
  interviewsAsCandidate: ['interview they took', 'interviews they took'],
  interviewsReviewed: ['interview they reviewed', 'interviews they reviewed'],
  jobs: ['job', 'jobs'],
  jobsApproved: ['job they approved', 'jobs they approved'],
  applications: ['application', 'applications'],
  apiKeys: ['API key', 'API keys'],
  files: ['file', 'files'],
  onboardingReminders: ['reminder', 'reminders'],
  inviteBatches: ['invite batch', 'invite batches'],
  outboxMessages: ['outbox message', 'outbox messages'],
  recruiterProfile: ['company profile', 'company profiles'],
  candidateProfile: ['candidate profile', 'candidate profiles'],
}

/**
 * For an account imported from the old platform: merge it into the same person's VantaHire account,
 * found by email. The admin sees what moves and what stays behind before anything changes.
 */
export function AccountMerge({ user }: { user: AdminUser }) {
  const [isOpen, setIsOpen] = useState(false)
  const [email, setEmail] = useState('')
  const preview = useMutation({ mutationFn: previewAccountMerge })
  const merge = useMergeAccounts()
  const plan = preview.data

  if (!isOpen) {
    return (
      <Button variant="secondary" onClick={() => setIsOpen(true)}>
        Merge into another account<span className="sr-only"> ({user.email})</span>
      </Button>
    )
  }
  return (
    <form
      className="flex w-full flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        merge.reset()
        preview.mutate({ sourceId: user.id, targetEmail: email })
      }}
    >
      <Field className="w-full sm:w-80" label="Email of the account to merge into">
        {(control) => (
          <Input
            {...control}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" disabled={preview.isPending}>
        {preview.isPending ? 'Checking…' : 'Preview merge'}
      </Button>
      {preview.isError ? (
        <p role="alert" className="w-full text-red-700 text-sm">
          {describeError(preview.error)}
        </p>
      ) : null}
      <ConfirmDialog
        isOpen={plan !== undefined}
        title={plan ? `Merge ${plan.source.email} into ${plan.target.email}?` : ''}
        confirmLabel="Merge accounts"
        pendingLabel="Merging…"
        isDestructive
        isPending={merge.isPending}
        errorMessage={merge.isError ? describeError(merge.error) : undefined}
        onConfirm={() => {
          if (plan)
            merge.mutate(
              { sourceId: plan.source.id, targetId: plan.target.id },
              { onSuccess: () => preview.reset() },
            )
        }}
        onClose={() => preview.reset()}
      >
        {plan ? <MergePlanSummary plan={plan} /> : null}
      </ConfirmDialog>
    </form>
  )
}

function MergePlanSummary({ plan }: { plan: AccountMergePlan }) {
  const moves = Object.entries(plan.moves).filter(([, count]) => count > 0)
  return (
    <>
      <p>
        Everything below moves to {plan.target.email} in one step, and the old account {plan.source.email} is
        deleted. The merge is recorded.
      </p>
      {moves.length > 0 ? (
        <ul aria-label="What moves" className="mt-2 list-disc pl-5">
          {moves.map(([kind, count]) => (
            <li key={kind}>
              {count} {MOVE_NAMES[kind]?.[count === 1 ? 0 : 1] ?? kind}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2">The old account holds nothing to move.</p>
      )}
      {plan.leftBehind.length > 0 ? (
        <>
          <p className="mt-2">Stays behind and is deleted with the old account:</p>
          <ul aria-label="What stays behind" className="mt-1 list-disc pl-5">
            {plan.leftBehind.map((item) => (
              <li key={item.id}>
                {item.kind}: {item.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
