import { type FormEvent, type KeyboardEvent, type Ref, useId } from 'react'
import { MAX_ANSWER_CHARS } from '../../../../api/src/domain/candidate-input'
import { Button } from '../../../components/ui/button'
import { cn } from '../../../lib/cn'

const countFormat = new Intl.NumberFormat()

/**
 * Where the candidate writes. Enter sends and Shift+Enter starts a new line (except while an input
 * method is composing). While a reply streams the field is read-only rather than disabled, so
 * keyboard and screen-reader focus stays in it.
 */
export function AnswerComposer({
  value,
  onChange,
  onSubmit,
  isBusy,
  textareaRef,
}: {
  value: string
  onChange: (value: string) => void
  onSubmit: () => void
  isBusy: boolean
  textareaRef: Ref<HTMLTextAreaElement>
}) {
  const id = useId()
  const isEmpty = value.trim() === ''

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    if (!isBusy && !isEmpty) onSubmit()
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (!isBusy && !isEmpty) onSubmit()
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Your answer" className="space-y-2">
      <label htmlFor={id} className="sr-only">
        Your answer
      </label>
      <textarea
        ref={textareaRef}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={handleKeyDown}
        readOnly={isBusy}
        maxLength={MAX_ANSWER_CHARS}
        rows={3}
        placeholder={isBusy ? 'Waiting for the interviewer…' : 'Write your answer…'}
        aria-describedby={`${id}-hint ${id}-count`}
        className={cn(
          'block max-h-48 min-h-24 w-full resize-none rounded-xl border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm [field-sizing:content]',
          'placeholder:text-slate-500',
          isBusy && 'bg-slate-100 text-slate-600',
        )}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-slate-600 text-xs">
          <span id={`${id}-hint`} className="hidden sm:inline">
            Enter to send, Shift+Enter for a new line.{' '}
          </span>
          <span
            id={`${id}-count`}
            className={value.length >= MAX_ANSWER_CHARS ? 'font-semibold text-red-700' : undefined}
          >
            {countFormat.format(value.length)} of {countFormat.format(MAX_ANSWER_CHARS)} characters
          </span>
        </p>
        <Button type="submit" disabled={isBusy || isEmpty} className="min-w-24">
          Send
        </Button>
      </div>
    </form>
  )
}
