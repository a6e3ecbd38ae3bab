import { describeError } from '../../lib/api'
import type { FieldErrors } from '../../lib/form-errors'
import { Alert } from './alert'
import { Button } from './button'

type SaveBarProps = {
  saveLabel: string
  savedMessage: string
  mutation: { isPending: boolean; isSuccess: boolean; isError: boolean; error: unknown }
  fieldErrors: FieldErrors
}

/**
 * The end of a form: why saving failed, the save button, and a polite "saved" confirmation. The
 * confirmation's live region is always rendered, so screen readers announce the text when it appears.
 */
export function SaveBar({ saveLabel, savedMessage, mutation, fieldErrors }: SaveBarProps) {
  const hasFieldErrors = Object.keys(fieldErrors).length > 0
  return (
    <div className="space-y-4">
      {mutation.isError ? (
        hasFieldErrors ? (
          <Alert title="Some fields need attention">Fix the fields marked above, then save again.</Alert>
        ) : (
          <Alert title="Your changes were not saved">{describeError(mutation.error)}</Alert>
        )
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : saveLabel}
        </Button>
        <p role="status" className="flex items-center gap-1.5 font-medium text-emerald-800 text-sm">
          {mutation.isSuccess ? (
            <>
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
                className="size-5 shrink-0"
              >
                <path d="m5 13 4 4L19 7" />
              </svg>
              {savedMessage}
            </>
          ) : null}
        </p>
      </div>
    </div>
  )
}
