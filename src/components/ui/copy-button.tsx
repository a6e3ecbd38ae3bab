import { type RefObject, useEffect, useState } from 'react'
import { Button, type ButtonProps } from './button'

const COPIED_FEEDBACK_MS = 4000

type CopyState = 'idle' | 'copied' | 'selected'

type CopyButtonProps = Omit<ButtonProps, 'onClick' | 'children'> & {
  text: string
  /** The button's words, such as "Copy link". */
  label: string
  /** Words for screen readers only that say what is copied, when several copy buttons share a page. */
  srContext?: string
  /** Selected instead, for Ctrl+C, when the browser refuses clipboard access: an input or any element showing the text. */
  fallbackRef?: RefObject<HTMLElement | null>
}

/**
 * Copies `text` to the clipboard and says so. Where the browser refuses (outside secure contexts,
 * or by permission), it selects `fallbackRef`'s text and says how to copy it by hand.
 */
export function CopyButton({ text, label, srContext, fallbackRef, ...buttonProps }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state !== 'copied') return
    const timer = setTimeout(() => setState('idle'), COPIED_FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [state])

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      selectContents(fallbackRef?.current)
      setState('selected')
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" {...buttonProps} onClick={copy}>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
          className="size-4 shrink-0"
        >
          {state === 'copied' ? (
            <path d="m5 13 4 4L19 7" />
          ) : (
            <path d="M8 8V5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-3M5 8h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2Z" />
          )}
        </svg>
        {state === 'copied' ? 'Copied' : label}
        {srContext ? <span className="sr-only"> {srContext}</span> : null}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied'
          ? 'Copied to your clipboard.'
          : state === 'selected'
            ? 'Your browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac).'
            : ''}
      </span>
    </>
  )
}

function selectContents(element: HTMLElement | null | undefined) {
  if (!element) return
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.select()
    return
  }
  const selection = window.getSelection()
  if (!selection) return
  const range = document.createRange()
  range.selectNodeContents(element)
  selection.removeAllRanges()
  selection.addRange(range)
}
