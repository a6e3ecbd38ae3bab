import { type ComponentProps, type ReactNode, useId } from 'react'
import { cn } from '../../lib/cn'

/** The props a form control needs to be tied to its label, hint and error. */
export type FieldControlProps = {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
  required?: boolean
}

type FieldProps = {
  label: ReactNode
  /** Help shown under the label, read by screen readers with the control. */
  hint?: ReactNode
  /** A problem with the current value; marks the control invalid and is read with it. */
  error?: string
  isRequired?: boolean
  /** Shows "(optional)" after the label, for forms where most fields are required. */
  isOptional?: boolean
  className?: string
  children: (control: FieldControlProps) => ReactNode
}

/**
 * A labelled form control with its hint and error. The control is rendered by `children`, which
 * receives the id and ARIA attributes that connect it to the label and messages.
 */
export function Field({ label, hint, error, isRequired, isOptional, className, children }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ')

  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className="block font-medium text-slate-900 text-sm">
        {label}
        {isOptional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-slate-600 text-sm">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
        required: isRequired || undefined,
      })}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  )
}

/** A field's error message, for controls (such as checkbox groups) that lay out their own label. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1.5 font-medium text-red-700 text-sm">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        className="mt-0.5 size-4 shrink-0"
      >
        <path d="M12 8v5m0 3h.01M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z" />
      </svg>
      <span>{children}</span>
    </p>
  )
}

const CONTROL_CLASSES =
  'block w-full min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm ' +
  'placeholder:text-slate-400 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 ' +
  'aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500 border-slate-300'

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(CONTROL_CLASSES, 'read-only:bg-slate-50', className)} {...props} />
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(CONTROL_CLASSES, 'min-h-24 read-only:bg-slate-50', className)} {...props} />
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(CONTROL_CLASSES, 'pr-8', className)} {...props} />
}
