import { useEffect, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import type { CreatedApiKey } from '../api/create-api-key'

const COPIED_FEEDBACK_MS = 4000

type CopyState = 'idle' | 'copied' | 'selected'

/**
 * The one and only showing of a new key: the API keeps just its hash, so once this panel is closed
 * or the page reloaded, the key cannot be shown again.
 */
export function NewApiKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const keyRef = useRef<HTMLElement>(null)
  const [copyState, setCopyState] = useState<CopyState>('idle')

  // The panel replaces what the person was doing; take focus so screen readers read it at once.
  useEffect(() => headingRef.current?.focus(), [])

  useEffect(() => {
    if (copyState !== 'copied') return
    const timer = setTimeout(() => setCopyState('idle'), COPIED_FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [copyState])

  function selectKey() {
    const element = keyRef.current
    const selection = window.getSelection()
    if (!element || !selection) return
    const range = document.createRange()
    range.selectNodeContents(element)
    selection.removeAllRanges()
    selection.addRange(range)
  }

  async function copyKey() {
    try {
      // Missing outside secure contexts, and refused where the browser denies clipboard access.
      await navigator.clipboard.writeText(created.key)
      setCopyState('copied')
    } catch {
      selectKey()
      setCopyState('selected')
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl border-2 border-emerald-300 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2
        ref={headingRef}
        id={headingId}
        tabIndex={-1}
        className="font-semibold text-lg text-slate-900 focus:outline-none"
      >
        Your new API key “{created.apiKey.name}”
      </h2>
      <Alert tone="warning" className="mt-4" title="Copy it now: it will not be shown again">
        VantaHire keeps only a fingerprint of this key, so nobody can show it to you later. Store it in your
        password manager or your integration's secret settings. If you lose it, revoke it and create another.
      </Alert>

      <p className="mt-5 font-medium text-slate-900 text-sm">API key</p>
      <code
        ref={keyRef}
        className="mt-1.5 block select-all break-all rounded-lg bg-slate-900 px-4 py-3 font-mono text-emerald-200 text-sm"
      >
        {created.key}
      </code>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button onClick={copyKey}>
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
            {copyState === 'copied' ? (
              <path d="m5 13 4 4L19 7" />
            ) : (
              <path d="M8 8V5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-3M5 8h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2Z" />
            )}
          </svg>
          {copyState === 'copied' ? 'Copied' : 'Copy key'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          I've stored it safely
        </Button>
      </div>
      <p role="status" className="mt-3 text-slate-700 text-sm">
        {copyState === 'copied'
          ? 'The key is on your clipboard.'
          : copyState === 'selected'
            ? 'Your browser did not allow copying. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
            : ''}
      </p>
    </section>
  )
}
