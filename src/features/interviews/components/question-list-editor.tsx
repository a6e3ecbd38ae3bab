import { useId, useRef, useState } from 'react'
import { Button } from '../../../components/ui/button'
import { FieldError, Textarea } from '../../../components/ui/field'
import type { FieldErrors } from '../../../lib/form-errors'

/** The API takes at most this many questions per interview. */
export const MAX_QUESTIONS = 30

/** A question being edited; the key keeps each item's identity (and focus) as the list is reordered. */
export type DraftQuestion = { key: string; text: string }

let nextKey = 0
export function toDraftQuestions(questions: readonly string[]): DraftQuestion[] {
  return questions.map((text) => ({ key: `question-${nextKey++}`, text }))
}

type QuestionListEditorProps = {
  questions: DraftQuestion[]
  onChange: (questions: DraftQuestion[]) => void
  /** Errors by path: `questions` for the list, `questions.2` for its third item. */
  errors: FieldErrors
}

/**
 * The interview's questions in the order the AI interviewer asks them: add, remove, and move up or
 * down with buttons (no dragging), each announced to screen readers.
 */
export function QuestionListEditor({ questions, onChange, errors }: QuestionListEditorProps) {
  const legendId = useId()
  const hintId = useId()
  const listErrorId = useId()
  const listRef = useRef<HTMLOListElement>(null)
  const addRef = useRef<HTMLButtonElement>(null)
  const [announcement, setAnnouncement] = useState('')

  /** Focus moves after React has rendered the change. */
  function focusLater(find: () => HTMLElement | null | undefined) {
    requestAnimationFrame(() => find()?.focus())
  }
  const itemControl = (key: string, selector: string) =>
    listRef.current?.querySelector<HTMLElement>(`[data-question="${key}"] ${selector}`)

  function add() {
    const [added] = toDraftQuestions([''])
    if (!added) return
    onChange([...questions, added])
    setAnnouncement(`Question ${questions.length + 1} added.`)
    focusLater(() => itemControl(added.key, 'textarea'))
  }

  function remove(index: number) {
    const next = questions.filter((_, position) => position !== index)
    onChange(next)
    setAnnouncement(`Question ${index + 1} removed.`)
    const neighbour = next[index] ?? next[index - 1]
    focusLater(() => (neighbour ? itemControl(neighbour.key, 'textarea') : addRef.current))
  }

  function move(index: number, by: -1 | 1) {
    const target = index + by
    const moved = questions[index]
    if (!moved || target < 0 || target >= questions.length) return
    const next = [...questions]
    next.splice(index, 1)
    next.splice(target, 0, moved)
    onChange(next)
    setAnnouncement(`Question moved ${by < 0 ? 'up' : 'down'} to position ${target + 1} of ${next.length}.`)
    // At either end the button pressed becomes disabled; keep focus on the item's other move button.
    const isAtEnd = target === 0 || target === next.length - 1
    if (isAtEnd) focusLater(() => itemControl(moved.key, `[data-move="${by < 0 ? 'down' : 'up'}"]`))
  }

  return (
    <fieldset
      aria-labelledby={legendId}
      aria-describedby={`${hintId}${errors.questions ? ` ${listErrorId}` : ''}`}
    >
      <legend id={legendId} className="font-medium text-slate-900 text-sm">
        Questions
      </legend>
      <p id={hintId} className="mt-1 text-slate-600 text-sm">
        The AI interviewer asks them in this order. Optional; up to {MAX_QUESTIONS}.
      </p>
      {errors.questions ? (
        <div className="mt-2">
          <FieldError id={listErrorId}>{errors.questions}</FieldError>
        </div>
      ) : null}

      {questions.length === 0 ? (
        <p className="mt-3 rounded-lg border border-slate-300 border-dashed px-4 py-4 text-slate-600 text-sm">
          No questions yet. Without any, the AI interviewer asks general questions about the role.
        </p>
      ) : (
        <ol ref={listRef} className="mt-3 space-y-3">
          {questions.map((question, index) => (
            <QuestionItem
              key={question.key}
              question={question}
              position={index + 1}
              count={questions.length}
              error={errors[`questions.${index}`]}
              onTextChange={(text) =>
                onChange(questions.map((item) => (item.key === question.key ? { ...item, text } : item)))
              }
              onMoveUp={() => move(index, -1)}
              onMoveDown={() => move(index, 1)}
              onRemove={() => remove(index)}
            />
          ))}
        </ol>
      )}

      <div className="mt-3">
        <Button
          ref={addRef}
          variant="secondary"
          size="sm"
          onClick={add}
          disabled={questions.length >= MAX_QUESTIONS}
        >
          Add question
        </Button>
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </fieldset>
  )
}

type QuestionItemProps = {
  question: DraftQuestion
  position: number
  count: number
  error: string | undefined
  onTextChange: (text: string) => void
  onMoveUp: () => void
  onMoveDown: () => void
  onRemove: () => void
}

function QuestionItem({
  question,
  position,
  count,
  error,
  onTextChange,
  onMoveUp,
  onMoveDown,
  onRemove,
}: QuestionItemProps) {
  const id = useId()
  const errorId = `${id}-error`
  const name = `question ${position}`
  return (
    <li data-question={question.key} className="rounded-xl border border-slate-200 bg-slate-50 p-3">
      <label htmlFor={id} className="block font-medium text-slate-900 text-sm">
        Question {position}
      </label>
      <Textarea
        id={id}
        className="mt-1.5 min-h-20"
        maxLength={1000}
        value={question.text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onTextChange(event.target.value)}
      />
      {error ? (
        <div className="mt-1.5">
          <FieldError id={errorId}>{error}</FieldError>
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button variant="ghost" size="sm" data-move="up" onClick={onMoveUp} disabled={position === 1}>
          Move up<span className="sr-only"> {name}</span>
        </Button>
        <Button variant="ghost" size="sm" data-move="down" onClick={onMoveDown} disabled={position === count}>
          Move down<span className="sr-only"> {name}</span>
        </Button>
        <Button variant="ghost" size="sm" onClick={onRemove} className="text-red-700 hover:text-red-800">
          Remove<span className="sr-only"> {name}</span>
        </Button>
      </div>
    </li>
  )
}
