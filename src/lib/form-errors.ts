import { ApiError, isRecord } from './api'

/** Field name → message, for the fields of one form. */
export type FieldErrors = Partial<Record<string, string>>

/**
 * The per-field messages of a 400 VALIDATION_FAILED answer (`details.issues: [{ path, message }]`),
 * keyed by the body field: `skills.2` counts as `skills`, so an item's problem shows on its list.
 * The API's messages are lower-case fragments ("must be at most 200 characters"), so each is given
 * a capital to read as a sentence under its field.
 */
export function readFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of readIssues(error)) {
    const field = issue.path.split('.')[0] ?? ''
    errors[field] ??= capitalize(issue.message)
  }
  return errors
}

/**
 * Like `readFieldErrors`, keyed by the whole path instead (`questions.2`), for forms that mark the
 * item of a list at fault. A 404 that names the field it could not find (`details.field`, as for a
 * job that is not the recruiter's) counts as that field's error too.
 */
export function readPathErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of readIssues(error)) errors[issue.path] ??= capitalize(issue.message)
  if (error instanceof ApiError && error.code === 'NOT_FOUND' && isRecord(error.details)) {
    const { field } = error.details
    if (typeof field === 'string') errors[field] ??= error.message
  }
  return errors
}

function readIssues(error: unknown): Array<{ path: string; message: string }> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return []
  const issues = isRecord(error.details) ? error.details.issues : undefined
  if (!Array.isArray(issues)) return []
  return issues.flatMap((issue) =>
    isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string'
      ? [{ path: issue.path, message: issue.message }]
      : [],
  )
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Frames to wait for React to render the errors; a render is seldom more than one or two away. */
const FOCUS_WAIT_FRAMES = 30

/**
 * Moves focus to the first control marked invalid in `form` once React has rendered the errors, so
 * keyboard and screen-reader users land on what needs fixing. A mutation's `onError` runs before that
 * render, and React may commit it after the next frame, so this looks again on each frame until the
 * marked control is there.
 */
export function focusFirstInvalidField(form: HTMLFormElement | null, framesLeft = FOCUS_WAIT_FRAMES): void {
  requestAnimationFrame(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (invalid) invalid.focus()
    else if (framesLeft > 0) focusFirstInvalidField(form, framesLeft - 1)
  })
}
