import type { ReactNode } from 'react'
import { describeError } from '../../lib/api'
import { Alert } from './alert'
import { Button } from './button'

type FormFooterProps = {
  mutation: { isPending: boolean; isError: boolean; error: unknown }
  /** When the API marked fields, the message points at them instead of repeating their errors. */
  hasFieldErrors: boolean
  failureTitle: string
  submitLabel: string
  pendingLabel: string
  /** Further buttons beside the submit button, such as Cancel. */
  children?: ReactNode
}

/** The end of a create or edit form: why the last submit failed, then the submit button. */
export function FormFooter({
  mutation,
  hasFieldErrors,
  failureTitle,
  submitLabel,
  pendingLabel,
  children,
}: FormFooterProps) {
  return (
    <>
      {mutation.isError ? (
        <Alert title={failureTitle}>
          {hasFieldErrors ? 'Fix the fields marked above, then try again.' : describeError(mutation.error)}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? pendingLabel : submitLabel}
        </Button>
        {children}
      </div>
    </>
  )
}
